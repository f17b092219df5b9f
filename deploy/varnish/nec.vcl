# Varnish in front of the NEC app servers (gunicorn). Included by the VCL that
# deploy/varnish/configure.py writes for each server, which defines before this file:
#   - the backends and `sub nec_backend` (sets req.backend_hint),
#   - `acl nec_purgers` (addresses allowed to PURGE, besides loopback),
#   - `sub nec_admin` (passes the admin path, NEC_ADMIN_PATH).
#
# What the app says decides what is stored (caching/middleware.py): anonymous public pages
# carry `public, max-age, s-maxage`; anything personal says `private, no-store`. This file
# makes sure of it a second time, keeps the cache key free of what cannot change a page,
# and answers PURGE from the app (caching/backends.py) by banning every page.
# docs/operations.md, « Cache HTTP ».

import std;
import cookie;

acl nec_loopback {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    unset req.http.X-Nec-Cache;
    unset req.http.X-Nec-Cookie;

    # The app purges after every visible change: one change can show on any page, so the
    # whole site is forgotten, except static files (their names change with their content).
    # The ban only reads obj.* so that the ban lurker can apply it in the background.
    if (req.method == "PURGE") {
        if (!(client.ip ~ nec_loopback || client.ip ~ nec_purgers)) {
            return (synth(405, "PURGE not allowed from " + client.ip));
        }
        if (std.ban("obj.http.X-Nec-Url !~ ^/static/")) {
            return (synth(200, "Purged"));
        }
        return (synth(500, "Ban failed: " + std.ban_error()));
    }

    call nec_backend;
    # When the app is healthy a page may be served at most 10 s past its lifetime while it
    # is fetched again; when the app is down (probe on /healthz), for the whole grace.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }

    # One site: a port in Host (or upper case) does not make another page.
    if (req.http.Host) {
        set req.http.Host = std.tolower(regsub(req.http.Host, ":[0-9]+$", ""));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    call nec_admin;
    if (req.http.Authorization) {
        return (pass);
    }

    # Editors carry Django's session cookie: their pages are theirs. Every other cookie
    # (analytics, anything a browser sends by habit) goes, except CSRF's, which a form
    # needs; a page with a form sets a cookie and is never stored anyway.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        if (cookie.isset("sessionid")) {
            return (pass);
        }
        cookie.keep("csrftoken");
        # Kept for the app (vcl_backend_fetch) but out of the lookup: an anonymous page is
        # the same with or without it, whatever its `Vary: Cookie` says.
        if (cookie.get_string() != "") {
            set req.http.X-Nec-Cookie = cookie.get_string();
        }
        unset req.http.Cookie;
    }

    # The language is in the URL (French at /, English under /en/), never in Accept-Language.
    unset req.http.Accept-Language;

    # Tracking parameters do not change a page; the order of the others does not either.
    if (req.url ~ "(?i)[?&](utm_[a-z0-9_]*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)(=|&|$)") {
        set req.url = regsuball(req.url, "(?i)(?<=[?&])(utm_[a-z0-9_]*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid)(=[^&]*)?(&|$)", "");
    }
    set req.url = std.querysort(regsub(req.url, "[?&]+$", ""));

    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    # Plain HTTP gets a redirect to HTTPS, HTTPS gets the page: never the one for the other.
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_hit {
    set req.http.X-Nec-Cache = "hit";
    if (obj.ttl <= 0s) {
        set req.http.X-Nec-Cache = "hit-stale";
    }
}

sub vcl_miss {
    set req.http.X-Nec-Cache = "miss";
}

sub vcl_pass {
    set req.http.X-Nec-Cache = "pass";
}

sub vcl_backend_fetch {
    if (bereq.http.X-Nec-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Nec-Cookie;
        unset bereq.http.X-Nec-Cookie;
    }
}

sub vcl_backend_response {
    # What a ban reads (obj.* only, lurker-friendly).
    set beresp.http.X-Nec-Url = bereq.url;

    # Accept-Language is never sent to the app (vcl_recv): a Vary on it would only split
    # the cache for browsers downstream.
    if (beresp.http.Vary ~ "(?i)accept-language") {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)\s*accept-language\s*(,|$)", "");
        set beresp.http.Vary = regsuball(beresp.http.Vary, "^[,\s]+|[,\s]+$", "");
        if (beresp.http.Vary == "") {
            unset beresp.http.Vary;
        }
    }

    # Pages are compressed once, when fetched (whitenoise sends static files compressed).
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|ld\+json)|image/svg\+xml)"
        && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }

    # Keep a page for a while past its lifetime, to serve it while the app is down.
    set beresp.grace = 6h;
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);  # keep serving the stale page rather than an error
    }

    # Never store what is personal, whatever else the response says; nor a large document,
    # which would push hundreds of pages out of memory.
    if (beresp.http.Set-Cookie
        || std.integer(beresp.http.Content-Length, 0) > 10485760
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Surrogate-Control ~ "(?i)no-store"
        || beresp.http.Vary == "*"
        || beresp.status >= 500) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.X-Nec-Cache;
    unset resp.http.X-Nec-Url;
    # Only this cache is purged: caches further down the line get the browser lifetime only.
    if (resp.http.Cache-Control ~ "(?i)s-maxage") {
        set resp.http.Cache-Control = regsuball(resp.http.Cache-Control, "(?i)(^|,)\s*s-maxage=[0-9]+\s*(?=,|$)", "");
        set resp.http.Cache-Control = regsub(resp.http.Cache-Control, "^[,\s]+", "");
        if (resp.http.Cache-Control == "") {
            set resp.http.Cache-Control = "no-cache";
        }
    }
}

sub vcl_backend_error {
    # An app server that stopped between two probes: a read is asked of the next one at
    # once (the director skips servers it knows are down). Never a form sent: the server
    # may have received it before it went.
    if (bereq.retries == 0 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    synthetic({"<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Site momentanément indisponible</title></head>
<body><h1>Site momentanément indisponible</h1><p>Numérique en Commun[s] revient dans quelques instants.</p>
<p lang="en">The site will be back in a moment.</p></body></html>
"});
    return (deliver);
}

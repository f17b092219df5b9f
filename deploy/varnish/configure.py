#!/usr/bin/env python3
"""Write the VCL of one Varnish server from the app's environment, on standard output:

    set -a; . /etc/nec/nec.env; set +a
    python3 deploy/varnish/configure.py > /etc/varnish/default.vcl && varnishreload

It defines what differs between servers (the app servers, who may purge, the admin path),
then includes deploy/varnish/nec.vcl, which holds the caching rules. The admin path comes
from the same NEC_ADMIN_PATH as the app's, so the two cannot drift apart.

Environment (all optional):
  NEC_APP_SERVERS             gunicorn addresses, host:port, comma-separated (127.0.0.1:8000)
  NEC_ADMIN_PATH              the app's admin path (admin/)
  NEC_VARNISH_PURGERS         addresses or networks allowed to PURGE besides loopback, such
                              as the app servers on other machines (10.0.0.0/24)
  NEC_HEALTHZ_HOST            Host sent by the probe to /healthz, one of ALLOWED_HOSTS
                              (first of ALLOWED_HOSTS, else localhost)
  NEC_VARNISH_PROBE_INTERVAL  seconds between probes (2)
Standard library only: it runs before the app's virtualenv exists.
"""

import ipaddress
import os
import re
import sys
from pathlib import Path

RULES = Path(__file__).resolve().with_name("nec.vcl")
HOST_NAME = re.compile(r"^[A-Za-z0-9.-]+$")
ADMIN_PATH = re.compile(r"^[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*$")


class ConfigurationError(ValueError):
    pass


def env_list(environ, name, default=""):
    return [item.strip() for item in environ.get(name, default).split(",") if item.strip()]


def app_servers(environ):
    servers = []
    for address in env_list(environ, "NEC_APP_SERVERS", "127.0.0.1:8000"):
        host, _colon, port = address.rpartition(":")
        host = host.strip("[]")
        if not host or not port.isdigit() or not HOST_NAME.match(host.replace(":", "")):
            raise ConfigurationError(f"NEC_APP_SERVERS: « {address} » is not host:port")
        servers.append((host, int(port)))
    return servers


def admin_path(environ):
    path = environ.get("NEC_ADMIN_PATH", "admin/").strip().strip("/") or "admin"
    if not ADMIN_PATH.match(path):
        raise ConfigurationError(f"NEC_ADMIN_PATH: « {path} » has characters a URL path avoids")
    return path + "/"


def purgers(environ):
    entries = []
    for entry in env_list(environ, "NEC_VARNISH_PURGERS"):
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ConfigurationError(f"NEC_VARNISH_PURGERS: {error}") from error
        if network.num_addresses == 1:
            entries.append(f'"{network.network_address}";')
        else:
            entries.append(f'"{network.network_address}"/{network.prefixlen};')
    return entries


def healthz_host(environ):
    allowed = [host for host in env_list(environ, "ALLOWED_HOSTS") if not host.startswith(".")]
    host = environ.get("NEC_HEALTHZ_HOST") or (allowed[0] if allowed else "localhost")
    if host == "*" or not HOST_NAME.match(host.strip("[]").replace(":", "")):
        raise ConfigurationError(f"NEC_HEALTHZ_HOST: « {host} » is not a host name")
    return host


def render(environ, rules=RULES):
    servers = app_servers(environ)
    interval = float(environ.get("NEC_VARNISH_PROBE_INTERVAL", "2"))
    lines = [
        "# Written by deploy/varnish/configure.py: edit the environment, not this file.",
        "vcl 4.1;",
        "",
        "import directors;",
        "",
        "# An app server is used while /healthz answers 200 to 3 of the last 5 probes.",
        "probe nec_healthz {",
        f'    .request = "GET /healthz HTTP/1.1" "Host: {healthz_host(environ)}"',
        '        "Connection: close" "User-Agent: Varnish health probe";',
        f"    .interval = {interval:g}s;",
        f"    .timeout = {max(1.0, interval):g}s;",
        "    .window = 5;",
        "    .threshold = 3;",
        "    .initial = 3;",
        "}",
        "",
    ]
    for number, (host, port) in enumerate(servers, start=1):
        lines += [
            f"backend nec_app{number} {{",
            f'    .host = "{host}";',
            f'    .port = "{port}";',
            "    .probe = nec_healthz;",
            "    .connect_timeout = 2s;",
            "    .first_byte_timeout = 60s;",
            "}",
            "",
        ]
    lines += [
        "sub vcl_init {",
        "    new nec_apps = directors.round_robin();",
        *(f"    nec_apps.add_backend(nec_app{n});" for n in range(1, len(servers) + 1)),
        "}",
        "",
        "sub nec_backend {",
        "    set req.backend_hint = nec_apps.backend();",
        "}",
        "",
        "# Who may PURGE besides loopback (NEC_VARNISH_PURGERS).",
        "acl nec_purgers {",
        *(f"    {entry}" for entry in purgers(environ) or ['"127.0.0.1";']),
        "}",
        "",
        "# The admin (NEC_ADMIN_PATH) is never cached.",
        "sub nec_admin {",
        f'    if (req.url ~ "^/{re.escape(admin_path(environ))}") {{',
        "        return (pass);",
        "    }",
        "}",
        "",
        f'include "{rules}";',
        "",
    ]
    return "\n".join(lines)


def main():
    try:
        sys.stdout.write(render(os.environ))
    except (ConfigurationError, ValueError) as error:
        sys.exit(f"configure.py: {error}")


if __name__ == "__main__":
    main()

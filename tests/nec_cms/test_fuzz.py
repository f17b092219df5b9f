"""Never a 500 for visitors: random and hostile query strings, paths and headers thrown at
every public URL give a page or a 4xx, never a server error.

To cover a new public URL, add it to PUBLIC_URLS (or to OPTIONAL_URLS while it is being
built: it is fuzzed as soon as it answers 200)."""

from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/editions/",
    "/editions/2022-lens/",
    "/charte/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/plan-du-site/",
    "/sitemap.xml",
    "/robots.txt",
]
# Fuzzed once they serve a page: the library, the site search, the English site.
OPTIONAL_URLS = [
    "/ressources/",
    "/recherche/",
    "/recherche/suggestions/",
    "/en/",
    "/en/editions/",
    "/en/resources/",
    "/en/search/",
    "/en/search/suggestions/",
]
EXAMPLES = 200

FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    "0",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "null",
    "%",
    "%zz",
    "%00",
    "%ff%fe",
    "\x00",
    "'",
    '"',
    "\\",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "\u202e\u200b",
    "numérique",
    "ｎｕｍｅｒｉｑｕｅ",
    "a" * 3000,
    "ressources&ressources",
    "page=2&page=3",
]
KEYS = [
    "q",
    "page",
    "p",
    "theme",
    "type",
    "audience",
    "licence",
    "edition",
    "language",
    "lang",
    "sort",
    "order",
    "format",
    "region",
    "year",
    "utm_source",
]

text = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.integers().map(str))
encoded = st.one_of(
    text.map(lambda value: quote(value, safe="")),
    st.binary(max_size=40).map(lambda raw: quote_from_bytes(raw, safe="")),
    # Unencoded, as a careless client sends it (the server decodes the bytes as latin-1).
    st.sampled_from(NASTY).map(lambda value: value.encode("utf-8").decode("latin-1")),
)
pairs = st.tuples(st.one_of(st.sampled_from(KEYS), encoded), encoded)
query_strings = (
    st.lists(pairs, max_size=6).map(
        lambda items: "&".join(f"{key}={value}" for key, value in items)
    )
    | encoded
)

segments = st.one_of(
    encoded,
    st.sampled_from(["..", "%2e%2e", ".", "%2F", "%5C", "~", "*", "%00", "index.php", "x" * 300]),
)
path_suffixes = st.tuples(st.lists(segments, min_size=1, max_size=4), st.booleans()).map(
    lambda parts: "/".join(parts[0]) + ("/" if parts[1] else "")
)

# A server hands headers to Django as bytes decoded as latin-1: so are these.
header_text = st.one_of(
    st.sampled_from(NASTY).map(lambda value: value.replace("\x00", "")),
    st.text(max_size=80).filter(lambda value: "\x00" not in value),
).map(lambda value: value.encode("utf-8", "surrogatepass").decode("latin-1"))
HEADER_NAMES = [
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_COOKIE",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_NONE_MATCH",
    "HTTP_RANGE",
    "HTTP_REFERER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_AUTHORIZATION",
    "HTTP_HOST",
    "CONTENT_TYPE",
]
cookies = st.lists(
    st.tuples(
        st.sampled_from(["sessionid", "csrftoken", "messages", "django_language", "x"]), header_text
    ),
    max_size=3,
).map(lambda items: "; ".join(f"{name}={value}" for name, value in items))
headers = st.dictionaries(
    st.sampled_from(HEADER_NAMES),
    header_text,
    max_size=6,
).flatmap(lambda extra: cookies.map(lambda cookie: {**extra, "HTTP_COOKIE": cookie}))


@pytest.fixture
def urls(client):
    available = [url for url in OPTIONAL_URLS if client.get(url).status_code == 200]
    return PUBLIC_URLS + available


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{response.status_code} for {what}"


@FUZZ_SETTINGS
@given(data=st.data())
def test_hostile_query_strings(client, urls, data):
    url = data.draw(st.sampled_from(urls))
    query = data.draw(query_strings)
    response = client.get(url, QUERY_STRING=query)
    assert_no_server_error(response, f"{url}?{query}")


@FUZZ_SETTINGS
@given(data=st.data())
def test_hostile_paths(client, urls, data):
    url = data.draw(st.sampled_from(urls))
    path = url.rstrip("/") + "/" + data.draw(path_suffixes)
    response = client.get(path)
    assert_no_server_error(response, path)


@FUZZ_SETTINGS
@given(data=st.data())
def test_hostile_headers(client, urls, data):
    url = data.draw(st.sampled_from(urls))
    extra = data.draw(headers)
    method = data.draw(st.sampled_from(["get", "head"]))
    response = getattr(client, method)(url, **extra)
    assert_no_server_error(response, f"{method.upper()} {url} with {extra!r}")

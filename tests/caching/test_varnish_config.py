"""deploy/varnish/configure.py writes each server's VCL from the app's environment; what it
writes compiles with the real varnishd."""

import runpy
import subprocess

import pytest

from tests.caching.stack import CONFIGURE, skip_without_varnish, tool, varnish_workdir

configure = runpy.run_path(str(CONFIGURE))
render = configure["render"]
ConfigurationError = configure["ConfigurationError"]


def test_defaults_are_one_local_app_server_and_the_default_admin_path():
    vcl = render({})
    assert 'backend nec_app1 {\n    .host = "127.0.0.1";\n    .port = "8000";' in vcl
    assert '"Host: localhost"' in vcl
    assert 'if (req.url ~ "^/admin/")' in vcl
    assert f'include "{CONFIGURE.parent / "nec.vcl"}";' in vcl


def test_the_environment_says_where_the_app_servers_admin_and_purgers_are():
    vcl = render(
        {
            "NEC_APP_SERVERS": "10.0.0.11:8000, 10.0.0.12:8000",
            "NEC_ADMIN_PATH": "/gestion-8f3a/",
            "NEC_VARNISH_PURGERS": "10.0.0.0/24, 192.0.2.7",
            "ALLOWED_HOSTS": ".example.org,numerique-en-communs.example.org",
        }
    )
    assert "nec_apps.add_backend(nec_app1);\n    nec_apps.add_backend(nec_app2);" in vcl
    assert '.host = "10.0.0.12";' in vcl
    assert 'if (req.url ~ "^/gestion\\-8f3a/")' in vcl
    assert '"10.0.0.0"/24;' in vcl
    assert '"192.0.2.7";' in vcl
    assert '"Host: numerique-en-communs.example.org"' in vcl, "a real host name, no wildcard"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("NEC_APP_SERVERS", "127.0.0.1", "is not host:port"),
        ("NEC_ADMIN_PATH", 'admin"; }', "has characters a URL path avoids"),
        ("NEC_VARNISH_PURGERS", "tout le monde", "NEC_VARNISH_PURGERS"),
        ("NEC_HEALTHZ_HOST", "*", "is not a host name"),
    ],
)
def test_bad_settings_are_refused_with_the_variable_named(name, value, message):
    with pytest.raises(ConfigurationError, match=message):
        render({name: value})


@pytest.mark.varnish
@pytest.mark.parametrize(
    "environment",
    [{}, {"NEC_APP_SERVERS": "10.0.0.11:8000,10.0.0.12:8001", "NEC_VARNISH_PURGERS": "::1"}],
)
def test_the_vcl_compiles(environment):
    skip_without_varnish()
    with varnish_workdir() as workdir:
        vcl = workdir / "default.vcl"
        vcl.write_text(render(environment))
        compiled = subprocess.run(  # noqa: S603
            [tool("varnishd"), "-C", "-f", str(vcl), "-n", str(workdir / "instance")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert compiled.returncode == 0, compiled.stderr[-3000:]

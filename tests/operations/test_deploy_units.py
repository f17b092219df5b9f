"""The systemd units in deploy/systemd/ run what production needs: the site, the background
worker, and a timer for every command that must run on a schedule (a page scheduled to go
live is published only if `publish_scheduled` runs). Each unit runs a command that exists
and is documented."""

import configparser
import shlex
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

UNITS = Path(settings.BASE_DIR) / "deploy" / "systemd"
DOCS = Path(settings.BASE_DIR) / "docs" / "operations.md"
SCHEDULED = {"publish_scheduled", "purge_frontend_cache", "erase_gender_declarations"}
SCHEDULED |= {"delete_old_proposals"}


def read(path):
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string(path.read_text())
    return unit


def command_of(service):
    """The management command a service runs, or its program."""
    words = shlex.split(read(service)["Service"]["ExecStart"])
    if "manage.py" in words:
        return words[words.index("manage.py") + 1]
    return " ".join(words[1:3])


def services():
    return {path.stem: path for path in UNITS.glob("*.service")}


def test_every_timer_starts_a_service_of_its_name():
    timers = list(UNITS.glob("*.timer"))
    assert timers
    for timer in timers:
        assert timer.stem in services(), timer.name
        assert read(timer)["Timer"].get("OnCalendar"), timer.name


def test_every_service_runs_a_command_that_exists():
    commands = get_commands()
    for name, service in services().items():
        command = command_of(service)
        if " " not in command:
            assert command in commands, (name, command)


def test_what_must_run_on_a_schedule_has_a_timer():
    timed = {command_of(services()[timer.stem]) for timer in UNITS.glob("*.timer")}
    assert timed >= SCHEDULED, SCHEDULED - timed


def test_the_site_and_its_background_worker_run_as_services():
    run = {command_of(path) for path in services().values()}
    assert "-m gunicorn" in run
    assert "db_worker" in run


def test_every_unit_is_documented():
    docs = DOCS.read_text()
    for unit in sorted(UNITS.iterdir()):
        assert unit.name in docs, unit.name

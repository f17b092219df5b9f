"""Compile the gettext catalogues (.po) under LOCALE_PATHS into .mo files, with polib.

No GNU gettext is needed (unlike Django's ``compilemessages``). The .mo files are build
artefacts, ignored by git: `make setup` and `make test` run this command first.
"""

import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def po_files():
    """Every .po file under LOCALE_PATHS, in a stable order."""
    files = []
    for locale_path in settings.LOCALE_PATHS:
        files.extend(sorted(Path(locale_path).rglob("*.po")))
    return files


def compile_catalogue(po_path):
    """Write the .mo next to ``po_path`` and return its path.

    The file is written under a temporary name, then renamed: a server or a test worker
    reading the catalogue at the same time sees either the old file or the new one.
    """
    po_path = Path(po_path)
    mo_path = po_path.with_suffix(".mo")
    try:
        catalogue = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        raise CommandError(f"{po_path}: cannot read the catalogue: {error}") from error
    fd, tmp_name = tempfile.mkstemp(dir=mo_path.parent, prefix=".", suffix=".tmp.mo")
    os.close(fd)
    try:
        catalogue.save_as_mofile(tmp_name)
        os.chmod(tmp_name, 0o644)  # mkstemp creates the file private to its owner
        os.replace(tmp_name, mo_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return mo_path


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS into .mo (with polib, no gettext)."

    def handle(self, *args, **options):
        files = po_files()
        if not files:
            locations = ", ".join(str(path) for path in settings.LOCALE_PATHS) or "(none)"
            raise CommandError(f"No .po catalogue found under LOCALE_PATHS: {locations}")
        for po_path in files:
            mo_path = compile_catalogue(po_path)
            if options["verbosity"] >= 2:
                self.stdout.write(f"{po_path} -> {mo_path.name}")
        if options["verbosity"] >= 1:
            self.stdout.write(f"{len(files)} catalogue(s) compiled.")

"""CI check: the committed gettext catalogues are in step with the code, and complete.

Runs Django's makemessages into a temporary directory (the committed catalogues are never
touched) and fails when:

* a msgid used in the code is missing from a committed catalogue, or a committed msgid is no
  longer used (entries are compared as sets of (msgctxt, msgid, msgid_plural): the
  POT-Creation-Date header, ordering, wrapping and obsolete entries do not count);
* an entry is empty or fuzzy (English, and French too: its msgstr repeats the msgid, so that no
  other app's French catalogue can translate our strings);
* a python-format msgstr does not keep the placeholders of its msgid (a KeyError at runtime);
* an app has its own ``locale`` directory (there is one catalogue per language, under
  LOCALE_PATHS).

Our own catalogue is the first of LOCALE_PATHS (makemessages writes there). The others hold
overrides: French for msgids of Wagtail or wagtail-localize that their catalogues lack or get
wrong. An override must translate a msgid that an installed app's catalogue still has (else
it is dead), never one of our own strings, and follows the same rules (no empty or fuzzy
entry, placeholders kept, ``{name}`` ones too).

Needs GNU gettext (xgettext, msguniq, msgmerge), like makemessages.
"""

import contextlib
import io
import os
import re
import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.utils import is_ignored_path
from django.test.utils import override_settings

# The project’s own code only; the error message prints the matching makemessages command.
IGNORE_PATTERNS = [".venv", "node_modules", "staticfiles", "media", "bench"]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge")
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE_PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")
OVERRIDE_DOMAINS = ("django", "djangojs")


def entry_key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def entry_keys(catalogue):
    """The (msgctxt, msgid, msgid_plural) of every live entry (the header is not an entry)."""
    return {entry_key(entry) for entry in catalogue if not entry.obsolete}


def describe(key):
    msgctxt, msgid, msgid_plural = key
    text = repr(msgid)
    if msgid_plural:
        text += f" / plural {msgid_plural!r}"
    if msgctxt:
        text += f" (context {msgctxt!r})"
    return text


def placeholders(text, flag="python-format"):
    """The placeholders of a python-format string (``%%`` excluded) or of a
    python-brace-format one (``{name}``, ``{}``)."""
    if flag == "python-brace-format":
        return set(BRACE_PLACEHOLDER.findall(text))
    return {match for match in PLACEHOLDER.findall(text) if match != "%%"}


def translation_problems(catalogue):
    """Empty, fuzzy and placeholder-breaking entries of a catalogue, as readable lines."""
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        key = describe(entry_key(entry))
        if entry.fuzzy:
            problems.append(f"fuzzy: {key}")
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
            translated = bool(forms) and all(forms)
        else:
            forms = [entry.msgstr]
            translated = bool(entry.msgstr)
        if not translated:
            problems.append(f"empty msgstr: {key}")
        else:
            for flag in ("python-format", "python-brace-format"):
                if flag not in entry.flags:
                    continue
                source = placeholders(entry.msgid, flag) | placeholders(
                    entry.msgid_plural or "", flag
                )
                # A plural form may leave out the count ("one result"), never add a placeholder.
                if any(
                    placeholders(form, flag) - source
                    or (not entry.msgid_plural and placeholders(form, flag) != source)
                    for form in forms
                ):
                    problems.append(f"placeholders differ from the msgid: {key}")
    return problems


def shown(path, root):
    """``path`` relative to the project root when it is inside it, for shorter messages."""
    path = Path(path)
    return path.relative_to(root) if path.is_relative_to(root) else path


def missing_tools():
    return [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]


def app_locale_dirs(root, locale_paths):
    """``locale`` directories other than LOCALE_PATHS: makemessages would split the catalogue."""
    allowed = {Path(path).resolve() for path in locale_paths}
    found = []
    for dirpath, dirnames, _filenames in os.walk(root):
        for dirname in list(dirnames):
            path = Path(dirpath, dirname)
            relative = os.path.normpath(path.relative_to(root))
            if is_ignored_path(relative, IGNORE_PATTERNS) or dirname.startswith("."):
                dirnames.remove(dirname)
            elif dirname == "locale":
                dirnames.remove(dirname)
                if path.resolve() not in allowed:
                    found.append(relative)
    return sorted(found)


def upstream_keys(language, domain):
    """The entries of the installed apps' own catalogues for ``language`` and English (their
    template), in ``domain``: the msgids an override may translate."""
    from django.apps import apps

    keys = set()
    for app_config in apps.get_app_configs():
        for code in {language, "en"}:
            path = Path(app_config.path, "locale", code, "LC_MESSAGES", f"{domain}.po")
            if path.exists():
                keys |= entry_keys(polib.pofile(str(path)))
    return keys


def override_problems(override_dir, own_keys, languages):
    """What is wrong with the override catalogues under ``override_dir``, as readable lines."""
    override_dir = Path(override_dir)
    problems = []
    for po_path in sorted(override_dir.rglob("*.po")):
        relative = po_path.relative_to(override_dir)
        language, domain = relative.parts[0], po_path.stem
        if len(relative.parts) != 3 or relative.parts[1] != "LC_MESSAGES":
            problems.append(f"{relative}: not a <language>/LC_MESSAGES/<domain>.po catalogue")
            continue
        if language not in languages or domain not in OVERRIDE_DOMAINS:
            problems.append(
                f"{relative}: a language of LANGUAGES and a domain of {OVERRIDE_DOMAINS}"
            )
            continue
        catalogue = polib.pofile(str(po_path))
        upstream = upstream_keys(language, domain)
        lines = list(translation_problems(catalogue))
        for key in sorted(entry_keys(catalogue)):
            if key in own_keys:
                lines.append(f"our own string, translate it in our catalogue: {describe(key)}")
            elif key not in upstream:
                lines.append(f"no installed app has this msgid any more: {describe(key)}")
        if lines:
            problems.append(f"{relative}:\n" + "\n".join(f"    {line}" for line in lines))
    return problems


def extract_keys(root, language):
    """Run makemessages over the code into a throwaway directory; return (keys, warnings)."""
    with tempfile.TemporaryDirectory(prefix="nec-messages-") as tmp:
        stdout, stderr = io.StringIO(), io.StringIO()
        with override_settings(LOCALE_PATHS=[tmp]), contextlib.chdir(root):
            call_command(
                "makemessages",
                locale=[language],
                domain="django",
                # Ignoring every ``locale`` directory keeps makemessages from writing into the
                # committed catalogues: every string then goes to the temporary directory.
                ignore_patterns=[*IGNORE_PATTERNS, "locale"],
                no_location=True,
                verbosity=0,
                stdout=stdout,
                stderr=stderr,
            )
        extracted = Path(tmp, language, "LC_MESSAGES", "django.po")
        if not extracted.exists():
            return set(), stderr.getvalue()
        return entry_keys(polib.pofile(str(extracted))), stderr.getvalue()


class Command(BaseCommand):
    help = (
        "Fail if the committed translation catalogues are out of step with the code, or if "
        "an entry is empty, fuzzy or breaks its placeholders."
    )

    def handle(self, *args, **options):
        missing = missing_tools()
        if missing:
            raise CommandError(
                f"check_catalogues needs GNU gettext ({', '.join(missing)} not found), like "
                "makemessages: install it with `apt-get install gettext` (Debian/Ubuntu) or "
                "`brew install gettext` (macOS)."
            )
        if not settings.LOCALE_PATHS:
            raise CommandError("LOCALE_PATHS is empty: there is no catalogue to check.")
        root = Path(settings.BASE_DIR)
        locale_dir = Path(settings.LOCALE_PATHS[0])
        languages = [code for code, _name in settings.LANGUAGES]

        code_keys, warnings = extract_keys(root, languages[0])
        if warnings.strip() and options["verbosity"] >= 1:
            self.stderr.write(warnings.rstrip())

        report = []
        for path in app_locale_dirs(root, settings.LOCALE_PATHS):
            report.append(
                f"{path}: an app-level locale directory; keep one catalogue per language in "
                f"{shown(locale_dir, root)}"
            )
        for language in languages:
            po_path = locale_dir / language / "LC_MESSAGES" / "django.po"
            name = shown(po_path, root)
            if not po_path.exists():
                report.append(f"{name}: missing")
                continue
            catalogue = polib.pofile(str(po_path))
            committed = entry_keys(catalogue)
            lines = [
                *(
                    f"used in the code, missing here: {describe(key)}"
                    for key in sorted(code_keys - committed)
                ),
                *(
                    f"no longer used in the code: {describe(key)}"
                    for key in sorted(committed - code_keys)
                ),
                *translation_problems(catalogue),
            ]
            if lines:
                report.append(f"{name}:\n" + "\n".join(f"    {line}" for line in lines))
            elif options["verbosity"] >= 2:
                self.stdout.write(f"{name}: {len(committed)} entries, in step and complete.")

        for override_dir in settings.LOCALE_PATHS[1:]:
            for problem in override_problems(override_dir, code_keys, languages):
                report.append(f"{shown(override_dir, root)}/{problem}")

        if report:
            ignore = " ".join(f"--ignore={pattern}" for pattern in IGNORE_PATTERNS)
            flags = " ".join(f"-l {language}" for language in languages)
            raise CommandError(
                "The translation catalogues are not in step with the code:\n"
                + "\n".join(f"  {item}" for item in report)
                + "\nUpdate them with `manage.py makemessages "
                + f"{flags} {ignore} --no-location`, then translate every new or fuzzy entry "
                "(French: msgstr = msgid) and remove the `#, fuzzy` flags."
            )
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Translation catalogues in step with the code: {len(code_keys)} entries, "
                f"{len(languages)} languages."
            )

"""Public pages: text hidden from sight but read by screen readers uses a class the
stylesheet defines; otherwise it shows, as « —non renseigné » did in a table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def defined_classes():
    css = "\n".join(path.read_text() for path in (ROOT / "static" / "css").glob("*.css"))
    return set(re.findall(r"\.([a-zA-Z][\w-]*)", css))


def test_every_hiding_class_used_in_a_template_is_defined_in_a_stylesheet():
    used = {}
    for template in ROOT.glob("*/templates/**/*.html"):
        if "wagtail" in template.relative_to(ROOT).parts[2]:
            continue  # the admin's templates use the admin's stylesheets
        for classes in re.findall(r'class="([^"{]*)"', template.read_text()):
            for name in classes.split():
                if "hidden" in name:
                    used.setdefault(name, template.relative_to(ROOT))
    assert used, "no template hides text: the test would prove nothing"
    assert {name: str(path) for name, path in used.items() if name not in defined_classes()} == {}

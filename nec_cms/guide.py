"""The team's guide (docs/guide/, in French), read inside the admin.

The guide is written in Markdown next to the code, so that it can be read in the repository
too, and illustrated with screenshots that the journey tests take from the real admin
(tests/journeys/). Here it is rendered for staff, with its links and pictures pointing
back into the admin.
"""

import re
from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_DIR = Path(settings.BASE_DIR) / "docs" / "guide"
PAGE_NAME = re.compile(r"[a-z0-9-]{1,60}")
IMAGE_NAME = re.compile(r"[a-z0-9-]{1,80}\.png")
LINK = re.compile(r'(href|src)="(?!https?:|#|/)([^"]+)"')


def page_path(name):
    if not PAGE_NAME.fullmatch(name):
        raise Http404
    path = GUIDE_DIR / f"{name}.md"
    if not path.is_file():
        raise Http404
    return path


def admin_links(html):
    """Relative links of the Markdown (`moderer.md`, `images/x.png`) as admin URLs."""

    def replace(match):
        attribute, target = match.groups()
        target, _hash, fragment = target.partition("#")
        if target.startswith("images/"):
            url = reverse("nec_guide_image", args=[target.removeprefix("images/")])
        elif target.endswith(".md"):
            url = reverse("nec_guide_page", args=[Path(target).stem])
        else:
            return match.group(0)
        return f'{attribute}="{url}{"#" + fragment if fragment else ""}"'

    return LINK.sub(replace, html)


def render(name):
    """(title, HTML) of a guide page: its first heading is the title."""
    text = page_path(name).read_text(encoding="utf-8")
    heading, _newline, rest = text.partition("\n")
    title = heading.lstrip("# ").strip()
    html = markdown.markdown(rest, extensions=["tables", "toc"], output_format="html")
    return title, admin_links(html)


class GuidePageView(WagtailAdminTemplateMixin, TemplateView):
    """Any staff member with admin access may read the guide."""

    template_name = "nec_cms/admin/guide.html"
    header_icon = "help"

    def get(self, request, name="index"):
        self.title, self.html = render(name)
        return super().get(request)

    def get_page_title(self):
        return self.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("nec_guide_page", args=["index"]), "label": _("Guide de l’équipe")},
            {"url": "", "label": self.title},
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "guide_html": self.html}


def guide_image(request, name):
    if not IMAGE_NAME.fullmatch(name) or not (GUIDE_DIR / "images" / name).is_file():
        raise Http404
    return FileResponse((GUIDE_DIR / "images" / name).open("rb"), content_type="image/png")

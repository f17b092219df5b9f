"""Pure accessibility rules shared by the blocks (and by other apps).

Nothing here touches the database or Wagtail: every helper takes plain strings (or a
duck-typed document) so that it can be tested in isolation and reused anywhere, e.g. in a
model's ``clean()``.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePosixPath

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext, pgettext_lazy

# --------------------------------------------------------------------------------------
# Text normalisation
# --------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize_text(text):
    """Lower-case, strip accents, turn punctuation and symbols into spaces, collapse spaces.

    « Cliquez ICI ! » -> "cliquez ici"; "En savoir +" -> "en savoir"; "l’accès" -> "l acces".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NON_WORD.sub(" ", without_accents.casefold()).split())


# --------------------------------------------------------------------------------------
# Vague link texts
# --------------------------------------------------------------------------------------

# Texts (already normalised) that say nothing about the destination of a link when read out
# of context, e.g. in a screen reader's list of links. Only an exact match is refused:
# « En savoir plus sur le programme » is fine.
VAGUE_LINK_TEXTS = frozenset(
    normalize_text(text)
    for text in (
        # French
        "cliquez ici", "cliquer ici", "clique ici", "cliquez", "cliquer", "clic ici", "ici",
        "par ici", "là", "en savoir plus", "en savoir", "savoir plus", "pour en savoir plus",
        "en lire plus", "lire plus", "lire la suite", "la suite", "suite", "voir la suite",
        "lire", "plus", "voir", "voir plus", "plus d'infos", "plus d'info",
        "plus d'informations", "plus d'information", "infos", "info", "informations", "détails",
        "lien", "ce lien", "le lien", "suivre ce lien", "suivez ce lien", "cette page",
        "page", "accéder", "accédez", "découvrir", "découvrez", "continuer", "aller",
        "télécharger", "téléchargez", "consulter", "consultez", "document", "fichier",
        "cliquez sur ce lien", "cliquez ici pour en savoir plus",
        # English
        "click here", "click", "here", "read more", "more", "learn more", "more info",
        "see more", "continue reading", "link", "this link", "this page", "details",
        "download", "go",
    )
)  # fmt: skip


def is_vague_link_text(text):
    """True when a link text does not say where the link goes (« cliquez ici », « lire la
    suite », "read more"…), whatever its case, accents, punctuation or spacing.

    An empty text (or one made only of punctuation or symbols, like « → ») is vague too:
    it gives assistive technologies nothing to announce.
    """
    normalized = normalize_text(text)
    return not normalized or normalized in VAGUE_LINK_TEXTS


# --------------------------------------------------------------------------------------
# Alternative text of images
# --------------------------------------------------------------------------------------

GENERIC_ALT_TEXTS = frozenset(
    normalize_text(text)
    for text in (
        "image", "images", "photo", "photos", "photographie", "illustration", "illustrations",
        "visuel", "picture", "pic", "img", "logo", "icône", "icone", "icon", "dessin",
        "graphique", "schéma", "capture", "capture d'écran", "screenshot", "bannière",
        "banner", "vignette", "miniature", "thumbnail", "alt", "texte alternatif",
        "sans titre", "untitled", "image sans titre", "photo sans titre", "une image",
        "une photo", "l'image", "la photo", "cette image",
    )
)  # fmt: skip

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "heic", "tif", "tiff")
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(?:" + "|".join(IMAGE_EXTENSIONS) + r")$", re.IGNORECASE)
_CAMERA_NAME = re.compile(
    r"^(?:img|dsc|dscn|dscf|dcim|pxl|gopr|mvimg|image|photo|screenshot|capture)[\s_\-]?\d+",
    re.IGNORECASE,
)


def looks_like_file_name(text, file_name=None):
    """True when ``text`` is a file name (« IMG_1234.jpg », « DSC0042 ») or the stem of
    ``file_name`` (the uploaded file, e.g. "original_images/atelier-lyon_x3f2.jpg")."""
    text = (text or "").strip()
    if not text:
        return False
    if _FILE_NAME.match(text) or _CAMERA_NAME.match(text):
        return True
    if file_name:
        path = PurePosixPath(str(file_name))
        candidates = {normalize_text(path.name), normalize_text(path.stem)}
        # Wagtail may add a random suffix to the stored name: atelier_AbC1234.jpg
        candidates.add(normalize_text(re.sub(r"_[A-Za-z0-9]{7}$", "", path.stem)))
        if normalize_text(text) in candidates - {""}:
            return True
    return False


def alt_text_problem(alt_text, file_name=None):
    """Return a French message explaining what is wrong with a (non-empty) alt text, or None.

    An empty alt text is not judged here: the block decides whether it is allowed (decorative
    image) or missing.
    """
    normalized = normalize_text(alt_text)
    if not normalized:
        return None
    if normalized in GENERIC_ALT_TEXTS:
        return _(
            "« %(alt)s » ne décrit pas l’image. Décrivez ce qu’elle montre ou apporte, par "
            "exemple « Atelier de médiation numérique à la médiathèque de Lyon »."
        ) % {"alt": alt_text.strip()}
    if looks_like_file_name(alt_text, file_name):
        return _(
            "Le texte alternatif « %(alt)s » est un nom de fichier. Décrivez ce que montre l’image."
        ) % {"alt": alt_text.strip()}
    return None


# --------------------------------------------------------------------------------------
# Language tags (BCP 47)
# --------------------------------------------------------------------------------------

# ISO 639-1 codes, plus ISO 639-3 codes for languages of France and its overseas territories
# that have no two-letter code.
_ISO_639_1 = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
_EXTRA_LANGUAGES = """
gcf gcr rcf acf frp gsw pcd nrf wls fud rhg kab shi tzm zgh ary arq fil yue cmn sgn lsf fsl
"""
ISO_639_1 = frozenset(_ISO_639_1.split())
EXTRA_LANGUAGES = frozenset(_EXTRA_LANGUAGES.split())
KNOWN_LANGUAGES = ISO_639_1 | EXTRA_LANGUAGES
RTL_LANGUAGES = frozenset(
    {"ar", "arq", "ary", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"}
)

_LANGUAGE_TAG = re.compile(
    r"^(?P<language>[a-z]{2,3})"
    r"(?:-(?P<script>[a-z]{4}))?"
    r"(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?P<variants>(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*)$",
    re.IGNORECASE,
)


def normalize_language_tag(tag):
    """Return the canonical form of a BCP 47 tag (« EN-gb » -> "en-GB", "zh-hant" ->
    "zh-Hant"), or None when it is not a well-formed tag for a known language."""
    tag = (tag or "").strip().replace("_", "-")
    match = _LANGUAGE_TAG.match(tag)
    if not match:
        return None
    language = match["language"].lower()
    if language not in KNOWN_LANGUAGES:
        return None
    parts = [language]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    if match["variants"]:
        parts.extend(variant.lower() for variant in match["variants"].strip("-").split("-"))
    return "-".join(parts)


def is_valid_language_tag(tag):
    return normalize_language_tag(tag) is not None


def is_rtl_language(tag):
    normalized = normalize_language_tag(tag)
    if not normalized:
        return False
    parts = normalized.split("-")
    if len(parts) > 1 and parts[1] in {"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm"}:
        return True
    if len(parts) > 1 and parts[1] in {"Latn", "Cyrl"}:
        return False
    return parts[0] in RTL_LANGUAGES


# --------------------------------------------------------------------------------------
# Rich text inspection (rules 2, 3, 6)
# --------------------------------------------------------------------------------------

HEADING_TAGS = {f"h{level}": level for level in range(1, 7)}
# Tags that bring embedded or active content: never allowed in our rich text.
EMBEDDED_TAGS = frozenset(
    {"embed", "img", "picture", "iframe", "object", "video", "audio", "script", "style", "form",
     "input", "button", "svg", "math", "canvas", "frame", "frameset", "applet"}
)  # fmt: skip


@dataclass
class RichTextLink:
    text: str = ""
    linktype: str = ""
    href: str = ""


@dataclass
class RichTextSummary:
    headings: list = field(default_factory=list)  # heading levels in document order
    links: list = field(default_factory=list)  # RichTextLink
    embedded: list = field(default_factory=list)  # (tag, embedtype) of embedded content
    text: str = ""


class _RichTextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.summary = RichTextSummary()
        self._text = []
        self._link_stack = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in HEADING_TAGS:
            self.summary.headings.append(HEADING_TAGS[tag])
        elif tag in EMBEDDED_TAGS:
            self.summary.embedded.append((tag, attributes.get("embedtype") or ""))
        elif tag == "a":
            link = RichTextLink(
                linktype=attributes.get("linktype") or "", href=attributes.get("href") or ""
            )
            self._link_stack.append((link, len(self._text)))
        elif tag == "br":
            self._text.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "a":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self._link_stack:
            link, start = self._link_stack.pop()
            link.text = " ".join("".join(self._text[start:]).split())
            self.summary.links.append(link)
        elif tag in HEADING_TAGS or tag in {"p", "li", "div"}:
            self._text.append(" ")

    def handle_data(self, data):
        self._text.append(data)

    def close(self):
        super().close()
        while self._link_stack:
            self.handle_endtag("a")
        self.summary.text = " ".join("".join(self._text).split())


def inspect_rich_text(source):
    """Parse rich text source HTML (Wagtail's database format) into headings, links, embedded
    content and plain text."""
    parser = _RichTextParser()
    parser.feed(str(source or ""))
    parser.close()
    return parser.summary


def rich_text_heading_levels(source):
    return inspect_rich_text(source).headings


def rich_text_is_blank(source):
    """True when rich text has no visible text (``""``, ``"<p></p>"``, ``"<p> <br/></p>"``)."""
    return not inspect_rich_text(source).text


# --------------------------------------------------------------------------------------
# Heading outline
# --------------------------------------------------------------------------------------


@dataclass
class OutlineProblem:
    position: int  # index of the offending heading in the sequence
    level: int
    message: str


def outline_problems(levels, first_level=2, previous_level=None):
    """Check a sequence of heading levels; return a list of OutlineProblem.

    The first heading must be ``first_level`` (2: the page title is the only h1), and going
    deeper, a heading may not skip a level (h2 -> h4 is refused, h4 -> h2 is fine).
    ``previous_level`` lets a caller continue an outline started elsewhere.
    """
    problems = []
    previous = previous_level
    for position, level in enumerate(levels):
        if level < first_level:
            problems.append(
                OutlineProblem(
                    position,
                    level,
                    _(
                        "Un titre de niveau %(level)d n’est pas autorisé ici : le niveau "
                        "%(level)d est réservé au titre de la page. Utilisez un titre de "
                        "niveau %(first)d."
                    )
                    % {"level": level, "first": first_level},
                )
            )
        elif previous is None and level != first_level:
            problems.append(
                OutlineProblem(
                    position,
                    level,
                    _(
                        "Le premier titre du contenu doit être de niveau %(first)d, pas de "
                        "niveau %(level)d. Utilisez un titre de niveau %(first)d."
                    )
                    % {"level": level, "first": first_level},
                )
            )
        elif previous is not None and level > previous + 1:
            problems.append(
                OutlineProblem(
                    position,
                    level,
                    _(
                        "Niveau de titre sauté : un titre de niveau %(level)d ne peut pas "
                        "suivre un titre de niveau %(previous)d. Utilisez un titre de niveau "
                        "%(expected)d."
                    )
                    % {"level": level, "previous": previous, "expected": previous + 1},
                )
            )
        previous = max(level, first_level)
    return problems


# --------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------

# With a context: a bare "Go" would pick up another catalogue's translation of English "Go".
# Written out one by one so that makemessages extracts them.
_SIZE_UNITS = (
    pgettext_lazy("file size unit", "Ko"),
    pgettext_lazy("file size unit", "Mo"),
    pgettext_lazy("file size unit", "Go"),
    pgettext_lazy("file size unit", "To"),
)


def format_file_size(size):
    """Human-readable size with French units and the current locale's decimal separator:
    512 -> « 512 octets », 2048 -> « 2 Ko », 1.2 * 1024**2 -> « 1,2 Mo ».

    Uses 1024-based units, like Django's ``filesizeformat`` used by the Wagtail admin, so
    that editors and visitors see the same figure.
    """
    if size is None:
        return ""
    size = int(size)
    if size < 1024:
        return npgettext("file size", "%(size)s octet", "%(size)s octets", size) % {
            "size": formats.number_format(size)
        }
    value = size / 1024
    unit_index = 0
    while value >= 1024 and unit_index < len(_SIZE_UNITS) - 1:
        value /= 1024
        unit_index += 1
    unit = _SIZE_UNITS[unit_index]
    decimals = 0 if unit_index == 0 or round(value, 1) == round(value) else 1
    number = formats.number_format(round(value, decimals), decimal_pos=decimals)
    return f"{number}\xa0{unit}"


def document_file_size(document):
    """The document's size in bytes without writing to the database, or None if unknown."""
    size = getattr(document, "file_size", None)
    if size is not None:
        return size
    try:
        return document.file.size
    except (OSError, ValueError, AttributeError):
        return None


def document_format(document):
    extension = getattr(document, "file_extension", "") or ""
    if not extension:
        name = getattr(getattr(document, "file", None), "name", "") or ""
        extension = PurePosixPath(name).suffix.lstrip(".")
    return extension.upper()


def describe_document(document, title=None):
    """Link text for a document, stating format and size: « Programme (PDF, 1,2 Mo) ».

    ``title`` overrides the document's own title.
    """
    label = (title or "").strip() or str(getattr(document, "title", "") or "").strip()
    details = [part for part in (document_format(document),) if part]
    size = document_file_size(document)
    if size is not None:
        details.append(format_file_size(size))
    if not details:
        return label
    return f"{label} ({', '.join(str(part) for part in details)})"

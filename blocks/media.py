"""Images, audio and video, external content and documents."""

from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .base import AccessibleStructBlock, first_object_or_none, text_of
from .rules import (
    alt_text_problem,
    describe_document,
    document_format,
    is_vague_link_text,
    normalize_text,
    rich_text_is_blank,
)
from .text import INLINE_RICH_TEXT_FEATURES, AccessibleRichTextBlock

VIDEO_EXTENSIONS = frozenset({"mp4", "webm", "ogv", "m4v"})
AUDIO_EXTENSIONS = frozenset({"mp3", "ogg", "oga", "opus", "m4a", "wav", "webm"})
CAPTION_EXTENSIONS = frozenset({"vtt"})


def url_host(url):
    """The host name of ``url`` without "www.", or ""."""
    try:
        host = urlsplit(str(url or "")).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def embed_host_is_allowed(url):
    """True when ``url``'s host is listed in settings.NEC_EMBED_ALLOWED_HOSTS (exact host, or
    any subdomain of an entry written with a leading dot: ".example.org")."""
    try:
        host = (urlsplit(str(url or "")).hostname or "").lower()
    except ValueError:
        return False
    if not host:
        return False
    for allowed in getattr(settings, "NEC_EMBED_ALLOWED_HOSTS", []) or []:
        allowed = str(allowed).strip().lower()
        if not allowed:
            continue
        if allowed.startswith("."):
            if host == allowed[1:] or host.endswith(allowed):
                return True
        elif host == allowed:
            return True
    return False


def file_extension(document):
    return document_format(document).lower() if document is not None else ""


# --------------------------------------------------------------------------------------
# Images: alternative text
# --------------------------------------------------------------------------------------


@cache
def avif_supported():
    """True when Pillow can encode AVIF (Pillow 11.2+ built with libavif): images are then
    offered as AVIF first, WebP for the browsers that lack it: lighter pages."""
    from PIL import features

    try:
        return bool(features.check("avif"))
    except ValueError:  # a Pillow too old to know the feature
        return False


class ImageValue(blocks.StructValue):
    @property
    def alt(self):
        """The alt attribute: empty for a decorative image."""
        if self.get("decorative"):
            return ""
        return text_of(self.get("alt_text"))

    @property
    def caption_text(self):
        """What the <figcaption> says, caption then credit: the figure's aria-label repeats
        it word for word, which is how RGAA 1.9 ties a caption to its image."""
        parts = (text_of(self.get("caption")), text_of(self.get("credit")))
        return " ".join(part for part in parts if part)


class ImageBlock(AccessibleStructBlock):
    preview_uses_db = True

    image = ImageChooserBlock(
        label=_("Image"),
        help_text=_("Choisissez une image de la médiathèque ou importez-en une."),
    )
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Texte alternatif"),
        help_text=_(
            "Ajoutez un texte alternatif qui décrit ce que l’image apporte à la page, comme "
            "vous la décririez au téléphone : « Atelier de médiation numérique à la "
            "médiathèque de Lyon ». Inutile de commencer par « Image de »."
        ),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        default=False,
        label=_("Image décorative"),
        help_text=_(
            "Cochez seulement si l’image n’apporte aucune information (ornement, ambiance) : "
            "elle sera ignorée par les lecteurs d’écran."
        ),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Légende"),
        help_text=_("Facultatif : affichée sous l’image, lue par tous les visiteurs."),
    )
    credit = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Crédit"),
        help_text=_("Facultatif : auteur ou autrice, licence (« Photo : Jeanne Martin, CC BY »)."),
    )

    def validate_value(self, value, errors):
        if value.get("decorative"):
            return
        alt_text = text_of(value.get("alt_text"))
        if not alt_text:
            errors.add(
                "alt_text",
                _(
                    "Ajoutez un texte alternatif qui décrit l’image, ou cochez « Image "
                    "décorative » si elle n’apporte aucune information."
                ),
            )
            return
        image = value.get("image")
        file_name = getattr(getattr(image, "file", None), "name", None) if image else None
        problem = alt_text_problem(alt_text, file_name=file_name)
        if problem:
            errors.add("alt_text", problem)

    def get_preview_value(self):
        value = super().get_preview_value()
        value["image"] = first_object_or_none(get_image_model())
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["nec_avif"] = avif_supported()
        return context

    class Meta:
        icon = "image"
        label = _("Image")
        description = _(
            "Une image avec son texte alternatif, une légende et un crédit facultatifs."
        )
        group = _("Médias")
        template = "blocks/image.html"
        value_class = ImageValue
        preview_value = {
            "image": None,
            "alt_text": "Des participantes échangent autour d’une table lors d’un atelier",
            "decorative": False,
            "caption": "Atelier « Accompagner les démarches en ligne », NEC 2024",
            "credit": "Photo : Numérique en Commun[s]",
        }


# --------------------------------------------------------------------------------------
# Audio and video: always a transcript
# --------------------------------------------------------------------------------------

MEDIA_KIND_CHOICES = [("video", _("Vidéo")), ("audio", _("Audio"))]


class MediaValue(blocks.StructValue):
    @property
    def is_video(self):
        return self.get("kind") != "audio"

    @property
    def host(self):
        return url_host(self.get("url"))

    @property
    def captions_lang(self):
        return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]

    @property
    def captions_label(self):
        try:
            info = translation.get_language_info(self.captions_lang)
        except KeyError:
            return self.captions_lang
        return info["name_local"].capitalize()


class MediaBlock(AccessibleStructBlock):
    """A self-hosted video or audio file (never a third-party player), or a plain link to an
    external one, always with a transcript."""

    kind = blocks.ChoiceBlock(
        choices=MEDIA_KIND_CHOICES,
        default="video",
        label=_("Type"),
        help_text=_("Vidéo ou enregistrement audio (podcast, interview…)."),
    )
    title = blocks.CharBlock(
        max_length=200,
        label=_("Titre"),
        help_text=_("Le titre de la vidéo ou de l’enregistrement, affiché au-dessus du lecteur."),
    )
    file = DocumentChooserBlock(
        required=False,
        label=_("Fichier"),
        help_text=_(
            "Fichier hébergé sur le site : MP4 ou WebM pour une vidéo, MP3 ou OGG pour un "
            "audio. Sinon, indiquez une adresse web ci-dessous."
        ),
    )
    url = blocks.URLBlock(
        required=False,
        label=_("Adresse web"),
        help_text=_(
            "Si le média est publié ailleurs (PeerTube, YouTube…) : un simple lien sera "
            "affiché, sans lecteur intégré ni requête vers l’autre site."
        ),
    )
    transcript = AccessibleRichTextBlock(
        features=INLINE_RICH_TEXT_FEATURES,
        label=_("Transcription"),
        help_text=_(
            "Obligatoire : tout ce qui est dit, et ce qui est montré d’important, pour les "
            "personnes sourdes, malentendantes ou qui ne peuvent pas écouter."
        ),
    )
    captions = DocumentChooserBlock(
        required=False,
        label=_("Sous-titres"),
        help_text=_(
            "Facultatif, pour une vidéo hébergée sur le site : fichier de sous-titres WebVTT "
            "(.vtt) dans la langue de la vidéo."
        ),
    )

    def validate_value(self, value, errors):
        is_video = value.get("kind") != "audio"
        if not text_of(value.get("title")):
            errors.add("title", _("Donnez un titre à la vidéo ou à l’enregistrement."))

        document = value.get("file")
        url = text_of(value.get("url"))
        if document is not None and url:
            errors.add_non_block(
                _(
                    "Choisissez soit un fichier hébergé sur le site, soit une adresse web, pas "
                    "les deux."
                )
            )
        elif document is None and not url:
            errors.add_non_block(
                _("Choisissez un fichier hébergé sur le site ou indiquez une adresse web.")
            )

        if document is not None:
            extension = file_extension(document)
            allowed = VIDEO_EXTENSIONS if is_video else AUDIO_EXTENSIONS
            if extension not in allowed:
                errors.add(
                    "file",
                    _(
                        "Ce fichier (%(format)s) n’est pas lisible par le navigateur comme "
                        "%(kind)s : choisissez un fichier %(formats)s."
                    )
                    % {
                        "format": extension.upper() or "?",
                        "kind": _("vidéo") if is_video else _("audio"),
                        "formats": _("MP4 ou WebM") if is_video else _("MP3 ou OGG"),
                    },
                )

        transcript = value.get("transcript")
        if transcript is None or rich_text_is_blank(getattr(transcript, "source", transcript)):
            errors.add(
                "transcript",
                _(
                    "Ajoutez la transcription : sans elle, le contenu est inaccessible aux "
                    "personnes sourdes ou malentendantes et à celles qui ne peuvent pas "
                    "écouter."
                ),
            )

        captions = value.get("captions")
        if captions is not None:
            if not is_video:
                errors.add(
                    "captions",
                    _("Les sous-titres ne concernent que les vidéos : retirez ce fichier."),
                )
            elif document is None:
                errors.add(
                    "captions",
                    _(
                        "Les sous-titres ne s’affichent qu’avec un fichier vidéo hébergé sur "
                        "le site : choisissez le fichier vidéo ou retirez les sous-titres."
                    ),
                )
            elif file_extension(captions) not in CAPTION_EXTENSIONS:
                errors.add(
                    "captions",
                    _("Les sous-titres doivent être un fichier WebVTT (.vtt)."),
                )

    class Meta:
        icon = "media"
        label = _("Vidéo ou audio")
        description = _(
            "Une vidéo ou un enregistrement audio hébergé sur le site, ou un lien vers un "
            "autre site, toujours accompagné de sa transcription."
        )
        group = _("Médias")
        template = "blocks/media.html"
        value_class = MediaValue
        preview_value = {
            "kind": "video",
            "title": "Retour sur Numérique en Commun[s] 2024",
            "file": None,
            "url": "https://peertube.example.org/w/nec-2024",
            "transcript": RichText(
                "<p><b>Voix off :</b> Pendant deux jours, plus de mille actrices et acteurs "
                "de l’inclusion numérique se sont retrouvés pour partager leurs pratiques.</p>"
            ),
            "captions": None,
        }


# --------------------------------------------------------------------------------------
# External content: a title for the frame
# --------------------------------------------------------------------------------------

GENERIC_EMBED_TITLES = frozenset(
    normalize_text(text)
    for text in (
        "iframe", "embed", "frame", "cadre", "contenu", "contenu externe", "contenu intégré",
        "intégration", "vidéo", "video", "lecteur", "player", "carte", "map", "widget",
        "titre", "title", "sans titre", "untitled",
    )
)  # fmt: skip


class EmbedValue(blocks.StructValue):
    @property
    def host(self):
        return url_host(self.get("url"))

    @property
    def is_allowed(self):
        """Only hosts listed in NEC_EMBED_ALLOWED_HOSTS are loaded in an iframe."""
        return embed_host_is_allowed(self.get("url"))


class EmbedBlock(AccessibleStructBlock):
    url = blocks.URLBlock(
        label=_("Adresse du contenu"),
        help_text=_(
            "Adresse d’intégration (https://…). Si le site n’est pas autorisé par "
            "l’équipe technique, un lien sera affiché à la place : aucune requête vers "
            "l’autre site sans accord."
        ),
    )
    title = blocks.CharBlock(
        max_length=150,
        label=_("Titre du contenu"),
        help_text=_(
            "Obligatoire : décrit le contenu pour les lecteurs d’écran, par exemple « Carte "
            "des lieux de médiation numérique en Bretagne »."
        ),
    )

    def validate_value(self, value, errors):
        title = text_of(value.get("title"))
        if not title:
            errors.add(
                "title",
                _(
                    "Donnez un titre au contenu intégré : il est annoncé par les lecteurs "
                    "d’écran avant d’entrer dans le cadre."
                ),
            )
        elif normalize_text(title) in GENERIC_EMBED_TITLES:
            errors.add(
                "title",
                _(
                    "« %(title)s » ne décrit pas le contenu : précisez ce qu’il montre, par "
                    "exemple « Carte des lieux de médiation numérique en Bretagne »."
                )
                % {"title": title},
            )

    class Meta:
        icon = "link-external"
        label = _("Contenu externe")
        description = _(
            "Une carte, un formulaire ou une vidéo d’un autre site : intégré seulement si le "
            "site est autorisé, sinon remplacé par un lien."
        )
        group = _("Médias")
        template = "blocks/embed.html"
        value_class = EmbedValue
        preview_value = {
            "url": "https://cartographie.example.org/lieux-mediation",
            "title": "Carte des lieux de médiation numérique",
        }


# --------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------


class DocumentValue(blocks.StructValue):
    @property
    def link_text(self):
        document = self.get("document")
        if document is None:
            return text_of(self.get("title"))
        return describe_document(document, title=self.get("title"))


class DocumentBlock(AccessibleStructBlock):
    preview_uses_db = True

    document = DocumentChooserBlock(
        label=_("Document"),
        help_text=_(
            "Choisissez un document. Préférez un format ouvert et accessible (PDF balisé, ODT)."
        ),
    )
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Titre du lien"),
        help_text=_(
            "Facultatif : remplace le titre du document. Le format et le poids sont ajoutés "
            "automatiquement : « Programme (PDF, 1,2 Mo) »."
        ),
    )

    def validate_value(self, value, errors):
        title = text_of(value.get("title"))
        document = value.get("document")
        if title and is_vague_link_text(title):
            errors.add(
                "title",
                _(
                    "« %(title)s » ne dit pas ce que contient le document : donnez-lui un "
                    "titre explicite, par exemple « Programme de l’édition 2025 »."
                )
                % {"title": title},
            )
        elif not title and document is not None and is_vague_link_text(document.title):
            errors.add(
                "title",
                _(
                    "Le titre du document, « %(title)s », ne dit pas ce qu’il contient : "
                    "saisissez un titre explicite."
                )
                % {"title": document.title},
            )

    def get_preview_value(self):
        value = super().get_preview_value()
        value["document"] = first_object_or_none(get_document_model())
        return value

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        description = _(
            "Un lien vers un document, avec son format et son poids indiqués automatiquement."
        )
        group = _("Médias")
        template = "blocks/document.html"
        value_class = DocumentValue
        preview_value = {"document": None, "title": "Programme de l’édition 2025"}

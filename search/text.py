"""Text normalisation shared by indexing and querying: what a visitor types and what the
pages say are reduced to the same form (lower case, no accents, words only)."""

import re
import unicodedata

from nec_cms.listing import clean_parameter

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
MIN_TERM_LENGTH = 3
MAX_TERM_LENGTH = 64

WORD_RE = re.compile(r"[a-z0-9]+")


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text):
    """« Numérique & Égalité » → « numerique egalite »."""
    text = strip_accents(str(text or "")).lower()
    text = text.replace("œ", "oe").replace("æ", "ae")
    return " ".join(WORD_RE.findall(text))


def words(text):
    return WORD_RE.findall(normalize(text))


def clean_query(raw):
    """What the visitor typed, made safe to echo and to search, cut at MAX_QUERY_LENGTH
    characters: (query, was_truncated)."""
    return clean_parameter(raw, MAX_QUERY_LENGTH)


def query_words(query):
    """Distinct normalised words of a query, at most MAX_QUERY_WORDS."""
    seen = []
    for word in words(query):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


def index_terms(text):
    """The words of a text worth keeping in the typo-correction lexicon."""
    return {
        word
        for word in words(text)
        if MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH and not word.isdigit()
    }


def light_stem(word):
    """A crude French plural stripper, for databases without a French stemmer (SQLite)."""
    if len(word) > 4 and word[-1] in "sx":
        return word[:-1]
    return word

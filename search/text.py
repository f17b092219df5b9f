"""Text analysis shared by indexing and querying: what a visitor types and what the pages say
are reduced to the same words, per language.

PostgreSQL's stemmers do the stemming (search.engine); this module does what they get wrong
for NEC's vocabulary, on both sides, so that both always agree:

- stop words are dropped *before* accents are stripped: `unaccent` runs first in a text
  search configuration, so « à » became « a » and matched two thirds of the catalogue, while
  « le » matched nothing;
- French plurals the Snowball stemmer keeps apart are folded (lieux → lieu, élus → élu,
  usagers → usager, réseaux → réseau, territoriaux → territorial), and infinitives in -ier
  meet their noun (cartographier → cartographie);
- a hyphenated word is indexed as its parts and as one word (« cyber-sécurité » gives
  cyber, securite and cybersecurite), so that cybersécurité, cyber-sécurité, Wi-Fi, wifi,
  éco-conception, écoconception and « tiers lieux » find each other.
"""

import re
import unicodedata

from nec_cms.listing import clean_parameter

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
MIN_TERM_LENGTH = 3
MAX_TERM_LENGTH = 64

TOKEN_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
WORD_RE = re.compile(r"[a-z0-9]+")


def word_set(text):
    return frozenset(text.split())


# Snowball's French and English stop lists, with the forms people type without accents.
FRENCH_STOP_WORDS = word_set(
    """
    a à au aux avec ce ces c ça dans de des du elle en et eux il ils je j la le les leur lui
    l ma mais me même m mes moi mon ne n nos notre nous on ou où par pas pour qu que qui sa
    se s ses son sur ta te t tes toi ton tu un une vos votre vous y d été étée étées étés
    étant étante étants étantes suis es est sommes êtes sont serai seras sera serons serez
    seront serais serait serions seriez seraient étais était étions étiez étaient fus fut
    fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût fussions fussiez
    fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras
    aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez
    avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions
    eussiez eussent ceci cela celà cet cette ici ils les leurs quel quels quelle quelles sans
    soi
    """
)
ENGLISH_STOP_WORDS = word_set(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now
    """
)
# Words that make a question, not a subject: « comment sécuriser le wifi de mon tiers-lieu ».
# Dropped from what visitors type only; the pages keep them.
QUESTION_WORDS = {
    "fr": word_set(
        "comment pourquoi quoi combien quand faut peut peux puis-je dois doit est-ce "
        "quelqu existe-t-il y-a-t-il"
    ),
    "en": word_set("how why what which can could should would get find"),
}


def strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _unaccented(words):
    return frozenset(strip_accents(word) for word in words) | words


STOP_WORDS = {"fr": _unaccented(FRENCH_STOP_WORDS), "en": ENGLISH_STOP_WORDS}


def stop_words(language):
    return STOP_WORDS.get(language, STOP_WORDS["fr"])


def is_stop_word(part, stops):
    """Accented or not: « à » and « a » are both stop words in French."""
    return part in stops or _plain(part) in stops


def fold_french(word):
    """Plurals and -ier infinitives the French stemmer keeps apart, on unaccented words."""
    if len(word) >= 5 and word.endswith("eaux"):
        return word[:-1]
    if len(word) >= 4 and word.endswith(("eux", "oux")):
        return word[:-1]
    if len(word) >= 6 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) >= 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) >= 7 and word.endswith("ier"):
        return word[:-1]
    return word


def _plain(word):
    return strip_accents(word).replace("œ", "oe").replace("æ", "ae")


def analyse(text, language="fr", question=False):
    """The words of a text as search sees them: a list of groups, one per word typed; a
    group lists its forms, each a list of words that must all be there.

    « Cyber-sécurité des élus » → [[["cybersecurite"], ["cyber", "securite"]], [["elu"]]].
    With `question`, the words that only make a question are dropped too."""
    stops = stop_words(language)
    dropped = QUESTION_WORDS.get(language, frozenset()) if question else frozenset()
    fold = fold_french if language == "fr" else (lambda word: word)

    groups = []
    lowered = str(text or "").lower().replace("’", "'")
    for token in TOKEN_RE.findall(lowered):
        if token in dropped or _plain(token) in dropped:
            continue
        parts = [part for part in token.split("-") if part]
        kept = [fold(_plain(part)) for part in parts if not is_stop_word(part, stops)]
        kept = [word for word in kept if WORD_RE.fullmatch(word)]
        if not kept:
            continue
        if len(parts) > 1:
            joined = fold("".join(_plain(part) for part in parts))
            groups.append([[joined], kept] if WORD_RE.fullmatch(joined) else [kept])
        else:
            groups.append([kept])
    return groups


def index_words(text, language="fr"):
    """Every word a text is indexed under, in order (compounds: the joined word first)."""
    return [word for group in analyse(text, language) for form in group for word in form]


def ignored_words(query, language="fr"):
    """The words of a query left out as too common (« le », « de », « the »)."""
    stops = stop_words(language)
    return [
        token
        for token in TOKEN_RE.findall(str(query or "").lower().replace("’", "'"))
        if all(not part or is_stop_word(part, stops) for part in token.split("-"))
    ]


def normalize(text):
    """« Numérique & Égalité » → « numerique egalite » (titles, suggestions)."""
    text = _plain(str(text or "").lower())
    return " ".join(WORD_RE.findall(text))


def words(text):
    return WORD_RE.findall(normalize(text))


def clean_query(raw):
    """What the visitor typed, made safe to echo and to search, cut at MAX_QUERY_LENGTH
    characters: (query, was_truncated)."""
    return clean_parameter(raw, MAX_QUERY_LENGTH)


def query_groups(query, language="fr"):
    """The distinct word groups of a query (analyse, as a question), at most
    MAX_QUERY_WORDS."""
    seen = []
    for group in analyse(query, language, question=True):
        if group not in seen:
            seen.append(group)
    return seen[:MAX_QUERY_WORDS]


def index_terms(text, language="fr"):
    """The words of a text worth keeping in the typo-correction lexicon."""
    return {
        word
        for word in index_words(text, language)
        if MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH and not word.isdigit()
    }


def light_stem(word):
    """A crude plural stripper, for databases without a stemmer (SQLite)."""
    if len(word) > 4 and word[-1] in "sx":
        return word[:-1]
    return word

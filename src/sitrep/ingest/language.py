"""Language identification with py3langid: sitrep's extractors read English only.

Only a confident non-English verdict stops a story: short English summaries dense with foreign
place and group names ("Imbonerakure tortured a CNL member in Ruramba") fool the classifier, and
turning them away would lose real events.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # py3langid is imported only when a story needs its model
    from py3langid.langid import LanguageIdentifier

SUPPORTED = {"en"}
# a non-English verdict below this normalised probability is treated as uncertain English
MIN_CONFIDENCE = 0.8
_SAMPLE_CHARS = 20000
_LANGUAGE_NAMES = {
    "fr": "French", "es": "Spanish", "de": "German", "ar": "Arabic", "ru": "Russian",
    "pt": "Portuguese", "it": "Italian", "uk": "Ukrainian", "tr": "Turkish", "fa": "Persian",
    "zh": "Chinese", "nl": "Dutch", "pl": "Polish", "ur": "Urdu", "he": "Hebrew",
}


# The commonest English function words. Where they make a fifth of a text's words, at least
# four of them different, the text is English and the statistical model (a second or more to
# load) need not be asked: a cold `sitrep extract` of one story pays no such cost. None of them
# is frequent in another language (no "a", "on", "in" or "was": Spanish, French and German).
_ENGLISH_FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "is", "were", "for", "that", "with", "by", "at", "from", "said",
    "has", "have", "had", "are", "this", "which", "their", "they", "been", "who", "would",
    "after",
})
_WORDS = re.compile(r"[a-z']+")
PLAINLY_ENGLISH_SHARE = 0.2
# A short wire story has few function words ("Gunmen abducted eleven travellers near Zaria on
# Sunday, police said."), but many words that only English uses often: ten times rarer in
# every other language wordfreq knows in Latin letters (data/english_words.txt, written by
# scripts/make_english_words.py). Where they make a third of the words, at least four of them
# different, the text is English too; names and loanwords count against it, so a name-heavy
# summary still goes to the model, and a text in another language has almost none of them.
_LETTER_WORDS = re.compile(r"[^\W\d_]+")
ENGLISH_ONLY_SHARE = 1 / 3
ENGLISH_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "english_words.txt"


@lru_cache(maxsize=1)
def english_only_words() -> frozenset[str]:
    lines = ENGLISH_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def plainly_english(sample: str) -> bool:
    """Whether function words, or words only English uses often, show the (lower-cased)
    sample to be English."""
    head = sample[:4000]
    words = _WORDS.findall(head)
    found = [w for w in words if w in _ENGLISH_FUNCTION_WORDS]
    if (
        len(words) >= 8
        and len(set(found)) >= 4
        and len(found) >= PLAINLY_ENGLISH_SHARE * len(words)
    ):
        return True
    letter_words = _LETTER_WORDS.findall(head)
    english = [w for w in letter_words if w in english_only_words()]
    return len(set(english)) >= 4 and len(english) >= ENGLISH_ONLY_SHARE * len(letter_words)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # imported here: py3langid and its model take 0.4 s or more, which a story that is
    # plainly English never pays
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability); lower-cased first so upper-case wire copy reads as English."""
    sample = text[:_SAMPLE_CHARS].lower()
    if sum(ch.isalpha() for ch in sample) < 3:
        return None, 0.0
    if plainly_english(sample):
        return "en", 1.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def language_name(code: str) -> str:
    return _LANGUAGE_NAMES.get(code, code)

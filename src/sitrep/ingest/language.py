"""Language identification with py3langid: sitrep's extractors read English only.

Only a confident non-English verdict stops a story: short English summaries dense with foreign
place and group names ("Imbonerakure tortured a CNL member in Ruramba") fool the classifier, and
turning them away would lose real events.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED = {"en"}
# a non-English verdict below this normalised probability is treated as uncertain English
MIN_CONFIDENCE = 0.8
_SAMPLE_CHARS = 20000
_LANGUAGE_NAMES = {
    "fr": "French", "es": "Spanish", "de": "German", "ar": "Arabic", "ru": "Russian",
    "pt": "Portuguese", "it": "Italian", "uk": "Ukrainian", "tr": "Turkish", "fa": "Persian",
    "zh": "Chinese", "nl": "Dutch", "pl": "Polish", "ur": "Urdu", "he": "Hebrew",
}


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability); lower-cased first so upper-case wire copy reads as English."""
    sample = text[:_SAMPLE_CHARS].lower()
    if sum(ch.isalpha() for ch in sample) < 3:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def language_name(code: str) -> str:
    return _LANGUAGE_NAMES.get(code, code)

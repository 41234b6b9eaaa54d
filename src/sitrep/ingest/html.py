"""HTML pages -> article text and metadata, through trafilatura.

trafilatura separates the article from navigation, footers and comments far better than tag
stripping would, and reads title, site name and publication date from the page's markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep.errors import NoStoryError

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(
    r"<(?:head|body|article|div|p|span|meta|title|main|section|h[1-6]|a\s)\b[^>]*>", re.I
)
_HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
# fewer words than this is not a story, whatever trafilatura salvaged (a cookie banner, a menu)
MIN_WORDS = 4


@dataclass
class HtmlArticle:
    text: str
    title: str | None
    published: str | None  # ISO date from the page's markup
    sitename: str | None
    url: str | None


def looks_like_html(text: str, name: str | None = None) -> bool:
    """Decide by content: a doctype or <html> start, or several tags; the extension only helps."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    tags = len(_HTML_TAG.findall(head))
    if head.lstrip().startswith("<") and tags >= 1:
        return True
    if name and name.lower().endswith(_HTML_EXTENSIONS) and tags >= 1:
        return True
    return tags >= 3


def extract_article(html: str, name: str = "HTML page") -> HtmlArticle:
    """The page's article text and metadata; NoStoryError when there is no article in it."""
    import trafilatura  # 0.4 s of imports that a plain-text story never needs

    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise NoStoryError(f"{name}: the HTML could not be parsed ({exc})") from exc
    if result is None:
        raise NoStoryError(f"{name}: the HTML could not be parsed or holds no article text")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise NoStoryError(
            f"{name}: no article found in the HTML page (only navigation or boilerplate)"
        )
    return HtmlArticle(
        text=text,
        title=_clean(data.get("title")),
        published=_clean(data.get("date")),
        sitename=_clean(data.get("sitename")),
        url=_clean(data.get("url")),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None

"""Places the gazetteer lacks, placed at the subdivision the text names right after them.

Wire copy names hamlets and cantons no gazetteer lists, but it nearly always says where they
lie: "AT EL ROBLE CANTON, MORAZAN DEPARTMENT", "near El Roble in Arauca intendancy". The
name is kept (so the record says where it happened) and the point is the subdivision's, at
precision 2 (district) or 3 (province), the way ACLED codes a village it cannot find.
"""

from __future__ import annotations

import re

# words that open the slot of a place: "in X", "near X", "the hamlet of X"
_OPENERS = {"in", "near", "at", "outside", "around", "inside", "of", "to", "from", "into",
            "toward", "towards", "between", "and"}
# nouns a small place carries: "X canton", "the hamlet of X"
SMALL_PLACE_NOUNS = {"canton", "hamlet", "village", "town", "settlement", "farm", "estate",
                     "locality", "corregimiento", "township", "commune", "neighborhood",
                     "neighbourhood", "barrio",
                     "colonia", "vereda", "ranch"}
_SEPARATOR = re.compile(r"(?:\s*,\s*|\s+in\s+(?:the\s+)?)$", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*$")
_CONNECT = {"de", "del", "la", "las", "los", "el", "y", "do", "da"}
MAX_WORDS = 4


def unlisted_before(text: str, admin_start: int, upper: bool, common: frozenset[str],
                    floor: int = 0) -> tuple[int, int] | None:
    """(start, end) of an unknown place name written just before a subdivision mention.

    The name must sit in a place's slot: after a preposition ("IN", "NEAR", "AT") or with a
    small-place noun ("CANTON", "village of"); a run of ordinary words is no name. ``floor``
    stops the search at the previous mention (a known place there is resolved already).
    """
    before = text[max(floor, admin_start - 120):admin_start]
    sep = _SEPARATOR.search(before)
    if sep is None or "\n\n" in before[sep.start():]:
        return None
    head = before[:sep.start()]
    words = list(re.finditer(r"\S+", head))
    if not words:
        return None
    offset = admin_start - len(before)
    idx = len(words) - 1
    town_noun = False
    if words[idx].group(0).lower() in SMALL_PLACE_NOUNS:
        town_noun, idx = True, idx - 1
    name: list[re.Match] = []
    while idx >= 0 and len(name) < MAX_WORDS:
        word = words[idx].group(0)
        low = word.lower()
        if low in _OPENERS and (name or town_noun):
            break
        if not _WORD.match(word) or word.endswith((",", ".", ";", ":")) and name:
            return None
        if not upper and not word[:1].isupper() and low not in _CONNECT:
            return None
        name.insert(0, words[idx])
        idx -= 1
    if not name or idx < 0:
        return None
    opener = words[idx].group(0).lower()
    if opener == "of" and idx > 0 and words[idx - 1].group(0).lower() in SMALL_PLACE_NOUNS:
        town_noun = True
    if opener not in _OPENERS or not (town_noun or opener in ("in", "near", "at")):
        return None
    names = [m.group(0).lower().strip("'’.") for m in name]
    if all(w in common or w in _CONNECT for w in names):
        return None
    return offset + name[0].start(), offset + name[-1].end()

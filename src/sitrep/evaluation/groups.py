"""What a gold document is grouped by, for `sitrep eval --by` and the leave-out protocol.

A region or country is read from the document's first gold event (an ACLED row has one event);
a document whose events name no country falls in the group "unknown".
"""

from __future__ import annotations

from collections.abc import Callable

from sitrep.evaluation.fold import as_list
from sitrep.evaluation.gold import GoldDocument
from sitrep.export.acled import region_of

UNKNOWN = "unknown"


def _country_code(doc: GoldDocument) -> str:
    for event in doc.events:
        location = event.get("location")
        if isinstance(location, dict):
            codes = as_list(location.get("country_code"))
            if codes:
                return str(codes[0]).upper()
    return ""


def _dataset(doc: GoldDocument) -> str:
    return doc.dataset


def _country(doc: GoldDocument) -> str:
    return _country_code(doc) or UNKNOWN


def _region(doc: GoldDocument) -> str:
    return region_of(_country_code(doc)) or UNKNOWN


GROUPINGS: dict[str, Callable[[GoldDocument], str]] = {
    "dataset": _dataset,
    "region": _region,
    "country": _country,
}


def grouping(name: str) -> Callable[[GoldDocument], str]:
    """The function that names a document's group; a ValueError lists the known names."""
    try:
        return GROUPINGS[name]
    except KeyError:
        known = ", ".join(GROUPINGS)
        raise ValueError(f"cannot group by {name!r}: use one of {known}") from None

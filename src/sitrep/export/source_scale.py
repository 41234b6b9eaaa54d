"""ACLED's ``source_scale``: how far from the event its sources are based.

A national outlet reporting its own country is "National", from abroad "International";
agencies that report the world are "International", those that report one region
"Regional". Several sources give ACLED's joined form ("National-International").
"""

from __future__ import annotations

from functools import lru_cache

from sitrep.extract.lexicon import data_rows
from sitrep.geo.fold import fold_name

ORDER = ["Subnational", "National", "Regional", "International"]


@lru_cache(maxsize=1)
def _outlets() -> dict[str, str]:
    return {fold_name(name): base for name, base in data_rows("outlets.tsv")}


def scale_of(outlet: str, country_code: str | None) -> str | None:
    """One outlet's scale for an event in ``country_code``; None when the outlet is unknown."""
    key = fold_name(outlet)
    base = _outlets().get(key)
    if base is None:
        # "San Salvador Domestic Service": a state radio reporting its own country
        return "National" if key.endswith("domestic service") else None
    if base in ("international", "regional"):
        return base.capitalize()
    if not country_code:
        return None
    return "National" if base == country_code.upper() else "International"


def source_scale(outlets: list[str], country_code: str | None) -> str:
    """The joined scale of all an event's outlets, in ACLED's order; blank if none is known."""
    scales = {s for o in outlets if o and (s := scale_of(o, country_code))}
    return "-".join(s for s in ORDER if s in scales)

"""Choosing the publication date: the reference that every relative date in the story uses.

"On Tuesday" means nothing without it, so the choice and its provenance are recorded: metadata
beats a date the user gives, which beats the dateline; a dateline without a year borrows one.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sitrep.ingest.dateline import Dateline

NO_DATE_WARNING = "no publication date: relative dates cannot be resolved"
YEAR_INFERRED_WARNING = "year inferred"
# a dateline day may run one day ahead of the reference (time zones, late filing)
_SLACK = timedelta(days=1)


def parse_published(value: object) -> date | None:
    """An ISO date or datetime (string, date or datetime) -> date; ValueError when unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO date string, not {type(value).__name__}")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ValueError(f"published {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def dateline_date(dl: Dateline, reference: date | None) -> tuple[date | None, bool]:
    """The dateline's date and whether its year had to be inferred from ``reference``/today.

    A year-less "November 16" takes the latest such day not after the reference (plus a day of
    slack), so a story dated "December 31" and published on 1 January lands in the old year.
    """
    if dl.month is None or dl.day is None:
        return None, False
    if dl.year is not None:
        return _safe_date(dl.year, dl.month, dl.day), False
    anchor = reference or date.today()
    for year in (anchor.year + 1, anchor.year, anchor.year - 1, anchor.year - 4):
        candidate = _safe_date(year, dl.month, dl.day)
        # subtracting dates cannot overflow; adding the slack to 9999-12-31 would
        if candidate is not None and candidate - anchor <= _SLACK:
            return candidate, reference is None
    return None, False


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_date_warning(warning: str) -> bool:
    """A warning that the publication date was guessed or is missing, so that dates relative
    to it may be wrong: worth telling a user who can give the date."""
    return warning.startswith(YEAR_INFERRED_WARNING) or warning == NO_DATE_WARNING


def resolve_published(
    metadata: date | None, given: date | None, dl: Dateline | None
) -> tuple[date | None, str | None, list[str]]:
    """(published, published_source, warnings) following metadata > given > dateline."""
    warnings: list[str] = []
    chosen, source = (metadata, "metadata") if metadata else (given, "given") if given else (
        None, None)
    if metadata and given and metadata != given:
        warnings.append(
            f"given date {given.isoformat()} differs from the metadata date "
            f"{metadata.isoformat()}; kept the metadata date"
        )
    from_dateline, inferred = dateline_date(dl, chosen) if dl else (None, False)
    if chosen is None and from_dateline is not None:
        chosen, source = from_dateline, "inferred" if inferred else "dateline"
        if inferred:
            warnings.append(
                f"{YEAR_INFERRED_WARNING}: the dateline gives no year; took {from_dateline.year}, "
                "the latest year that does not put the story in the future"
            )
    elif chosen is not None and from_dateline is not None and from_dateline != chosen:
        warnings.append(
            f"dateline date {from_dateline.isoformat()} disagrees with the {source} date "
            f"{chosen.isoformat()}; kept the {source} date"
        )
    if chosen is None:
        warnings.append(NO_DATE_WARNING)
    return chosen, source, warnings

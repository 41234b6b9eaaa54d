"""Stories from the web: URLs, RSS/Atom feeds, sitemaps and WARC archives, fetched politely
and safely, read into the same input records as story files."""

from sitrep.sources.address import AddressPolicy, AddressRefused, address_kind
from sitrep.sources.fetch import Fetcher, FetchFailed
from sitrep.sources.run import Outcome, SourceRequest, WebSources
from sitrep.sources.seen import FeedPoll, SourceLog

__all__ = [
    "AddressPolicy",
    "AddressRefused",
    "FeedPoll",
    "FetchFailed",
    "Fetcher",
    "Outcome",
    "SourceLog",
    "SourceRequest",
    "WebSources",
    "address_kind",
]

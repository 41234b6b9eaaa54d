"""Where it happened: the gazetteer index, place mentions and each event's location."""

from sitrep.geo.fold import fold_name
from sitrep.geo.geocoder import Geocoder, GeoMention
from sitrep.geo.index import Gazetteer, build_index, data_dir, default_index_path

__all__ = [
    "Gazetteer", "GeoMention", "Geocoder", "build_index", "data_dir", "default_index_path",
    "fold_name",
]

"""Merging reports of one real event from several documents into one merged event."""

from sitrep.merge.cluster import MergeResult, cluster_reports, merge_store
from sitrep.merge.rules import Report, compatible
from sitrep.merge.view import merged_view

__all__ = ["MergeResult", "Report", "cluster_reports", "compatible", "merge_store", "merged_view"]

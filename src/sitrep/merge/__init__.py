"""Merging reports of one real event from several documents into one merged event."""

from sitrep.merge.cluster import MergeResult, cluster_reports, merge_store, merged_view
from sitrep.merge.rules import Report, compatible

__all__ = ["MergeResult", "Report", "cluster_reports", "compatible", "merge_store", "merged_view"]

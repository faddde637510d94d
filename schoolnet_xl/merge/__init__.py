"""Regional merge: many schools' cards -> one regional workbook (and CSV)."""

from schoolnet_xl.merge.run import MergeError, MergeOutcome, merge_files

__all__ = ["MergeError", "MergeOutcome", "merge_files"]

"""Evaluation on PolNeAR: reading the corpus and scoring predictions."""

from sayso.eval.corpus import GoldAttribution, PolnearSplit, find_polnear, load_split
from sayso.eval.scoring import score

__all__ = ["GoldAttribution", "PolnearSplit", "find_polnear", "load_split", "score"]

"""``sayso batch``: analyse many articles on a Dask cluster into a Parquet dataset.

Reading the output back: :func:`sayso.batch.dataset.read_reports`.
"""

from sayso.batch.dataset import read_reports

__all__ = ["read_reports"]

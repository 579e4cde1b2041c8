"""``sayso batch``: analyse many articles on a Dask cluster into a Parquet dataset.

    >>> from sayso.batch import BatchOptions, run_batch, read_reports
    >>> summary = run_batch(["articles/"], "out/", BatchOptions(workers=2))  # doctest: +SKIP
    >>> for meta, report in read_reports("out/"):  # doctest: +SKIP
    ...     print(meta["id"], len(report.attributions))

docs/scale.md describes the dataset and running on a multi-machine cluster.
"""

from sayso.batch.dataset import read_reports
from sayso.batch.runner import BatchError, BatchOptions, BatchSummary, run_batch

__all__ = ["BatchError", "BatchOptions", "BatchSummary", "read_reports", "run_batch"]

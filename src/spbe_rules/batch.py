"""Many assessments at once: rows in, results out, and the batch report.

*Banyak penilaian sekaligus: baris masuk, hasil keluar, dan laporan ringkasan batch.*

:func:`spbe_rules.evaluate_many` (at the top level) evaluates rows and yields, in input order,
a :class:`BatchResult` for every good row and a :class:`BatchFailure` for every bad one. This
module holds what surrounds it: the row and result classes, the readers of CSV files, Excel
workbooks and folders of assessment files (:func:`read_rows`), the writers of CSV, JSON Lines
and Excel results (:func:`open_writer`, :class:`ProblemWriter`), empty templates to fill
(:func:`write_template`), the whole-matrix kernel (:func:`evaluate_levels`) and the HTML summary
of a results file (:func:`read_results`, :func:`batch_report_html`). It is what
``spbe-rules template``, ``spbe-rules batch`` and ``spbe-rules report --batch`` do::

    import spbe_rules
    from spbe_rules.batch import BatchFailure, batch_report_html, open_writer, read_results, read_rows

    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    writer = open_writer("hasil.jsonl", [rs])  # a temporary file until commit()
    for out in spbe_rules.evaluate_many(rs, read_rows("penilaian.csv")):
        if isinstance(out, BatchFailure):
            print(out.error)  # every problem of the row, with file, row and column
        else:
            writer.write(out)
    writer.commit()
    html = batch_report_html(read_results("hasil.jsonl"))
"""

from __future__ import annotations

from ._io.batch import evaluate_levels
from ._io.batch_read import read_rows
from ._io.batch_rows import BatchFailure, BatchNumbers, BatchResult, BatchRow, fast_available
from ._io.batch_write import BatchWriter, ProblemWriter, open_writer
from ._io.results_read import read_results
from ._io.template import write_template
from ._render.batch_report import batch_report_html

__all__ = [
    "BatchFailure",
    "BatchNumbers",
    "BatchResult",
    "BatchRow",
    "BatchWriter",
    "ProblemWriter",
    "batch_report_html",
    "evaluate_levels",
    "fast_available",
    "open_writer",
    "read_results",
    "read_rows",
    "write_template",
]

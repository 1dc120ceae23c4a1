"""What reading and writing batches share (the modules ``batch_read``, ``batch_write``, ``template``): CSV, Excel workbooks, folders of assessment files, JSON Lines.

Readers stream: a CSV file is read row by row, a workbook through openpyxl's
read-only mode, a folder file by file. Every row becomes a :class:`BatchRow`
(or an :class:`Assessment` for a file), or a :class:`BatchFailure` naming the
file, row and column of each cell that cannot be read.

Writers stream too, into a temporary file beside the target that replaces it
only on :meth:`BatchWriter.commit` (so a failed run leaves nothing partial).

Layout of a table (CSV or the first sheet / the sheet ``penilaian`` of a
workbook): a header row, then one row per assessment. Columns: ``instansi``,
``year``, ``stage`` (optional), ``ruleset`` (optional), ``doc:KEY`` (optional,
true/false/ya/tidak, empty = not stated), and one column per indicator named
by its number. Columns ``note``/``catatan`` and columns whose name starts with
``#`` are ignored. CSV rows whose first cell starts with ``#`` are comments.
"""

from __future__ import annotations

from typing import Any

from .._base.errors import AssessmentError, SpbeError

__all__ = ["ExtraMissingError", "InputError", "need_openpyxl"]

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")
OUTPUT_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".xlsx")
DATA_SHEET = "penilaian"
HELP_SHEET = "petunjuk"
RESULT_SHEET = "hasil"
_TRUE = {"true", "ya", "y", "yes", "1", "ada"}
_FALSE = {"false", "tidak", "t", "no", "n", "0", "tidak ada"}
_ALIASES = {"instansi": "instansi", "institution": "instansi", "year": "year", "tahun": "year", "stage": "stage", "tahap": "stage", "ruleset": "ruleset",
            "target": "target", "sasaran": "target", "owner": "owner", "pemilik": "owner", "penanggung_jawab": "owner"}
_IGNORED = {"note", "catatan", "keterangan", "no", "nomor"}


class ExtraMissingError(SpbeError):
    """An optional dependency is needed; the message names the extra to install."""


class InputError(AssessmentError):
    """The input as a whole cannot be used (unreadable file, bad header)."""


def need_openpyxl(what: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ExtraMissingError(f"{what} needs openpyxl: pip install 'spbe-rules[excel]'") from None
    return openpyxl



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

import os
import re
import zipfile
from typing import IO, Any

from .._base.errors import AssessmentError, SpbeError
from .._base.messages import Msg

__all__ = ["ExtraMissingError", "InputError", "need_openpyxl", "reproducible_zip", "safe_cell"]

DATA_SHEET = "penilaian"
HELP_SHEET = "petunjuk"
RESULT_SHEET = "hasil"
_TRUE = {"true", "ya", "y", "yes", "1", "ada"}
_FALSE = {"false", "tidak", "t", "no", "n", "0", "tidak ada"}
_ALIASES = {
    "instansi": "instansi",
    "institution": "instansi",
    "year": "year",
    "tahun": "year",
    "stage": "stage",
    "tahap": "stage",
    "ruleset": "ruleset",
    "target": "target",
    "sasaran": "target",
    "owner": "owner",
    "pemilik": "owner",
    "penanggung_jawab": "owner",
}
_IGNORED = {"note", "catatan", "keterangan", "no", "nomor"}


class ExtraMissingError(SpbeError):
    """An optional dependency is needed; the message names the extra to install."""


class InputError(AssessmentError):
    """The input as a whole cannot be used (unreadable file, bad header)."""


def need_openpyxl(what: str) -> Any:
    """The openpyxl module, else :class:`ExtraMissingError`; ``what`` is what needs it (a key
    under ``extra.what.``: ``read_xlsx``, ``write_xlsx``, ``template``, ``kuesioner``)."""
    try:
        import openpyxl
    except ImportError:
        raise ExtraMissingError(Msg("extra.openpyxl", what=Msg(f"extra.what.{what}"))) from None
    return openpyxl


# -- spreadsheet-safe output -------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would take for a formula (it starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, so Excel and LibreOffice
    show it as text and never run it; other values are returned as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def reproducible_zip(target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Rewrite a workbook (a path, or a seekable binary file holding it) so that the same content
    gives the same bytes: every zip entry gets a fixed date, in name order, and the document's
    created/modified times a fixed value."""
    if not isinstance(target, (str, os.PathLike)):
        target.seek(0)
    with zipfile.ZipFile(target) as z:
        entries = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    order = {"[Content_Types].xml": 0}
    entries.sort(key=lambda e: (order.get(e[0], 1), e[0]))
    if not isinstance(target, (str, os.PathLike)):
        target.seek(0)
        target.truncate()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = _CORE_TIME.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)

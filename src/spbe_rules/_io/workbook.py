"""Reading a workbook (.xlsx) without trusting it: bounded in size, rows, cells and text.

A workbook is a zip of XML parts. Before openpyxl opens it, :func:`check_workbook` reads the
zip's directory: a part that declares more bytes than any real batch needs (a zip bomb: 2 MB
that unpack to gigabytes) or an XML part with a document type (``<!DOCTYPE``/``<!ENTITY``: an
entity bomb; spreadsheets never have one) is a typed ``TOO_LARGE``/``BAD_XLSX`` error at once.
The sizes a zip declares are binding: Python's zip reader stops at the declared size and
checks the CRC, so a lying header ends in an error, not in more bytes.

While reading, :func:`sheet_rows` bounds rows, cells per row and text per cell (Excel's own
limits), turns a bad shared-string index into a problem of its cell, and turns anything
openpyxl raises part-way (broken XML, a bad date) into a problem of the row where it happened:
the rows read before it are kept.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from typing import Any

from .._base.errors import Location, Problem
from .._base.messages import CATALOGUE, Msg
from .batch_io import InputError

__all__ = ["MAX_CELL_TEXT", "MAX_COLUMNS", "MAX_ROWS", "check_workbook", "lenient_numbers", "sheet_rows", "tolerant_strings"]

MAX_ROWS = 1_048_576  # Excel's limits
MAX_COLUMNS = 16_384
MAX_CELL_TEXT = 32_767
MAX_SHEET_BYTES = 128 * 1024 * 1024  # unpacked XML of one part
MAX_STRINGS_BYTES = 16 * 1024 * 1024
MAX_OTHER_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_PARTS = 4096
_PROLOG = 4096


def _limit(name: str) -> int:
    if name.startswith("xl/worksheets/"):
        return MAX_SHEET_BYTES
    if name == "xl/sharedStrings.xml":
        return MAX_STRINGS_BYTES
    return MAX_OTHER_BYTES


def _bad(source: str, key: str, hint: Msg | None = None, **params: object) -> InputError:
    return InputError(
        Msg("head.workbook"),
        [Problem(key.split(".")[0], Msg(key, **params), Location(source), hint or (Msg(f"{key}.hint") if f"{key}.hint" in CATALOGUE else None))],
    )


def check_workbook(path: str | os.PathLike[str], source: str) -> None:
    """Refuse a workbook whose parts would unpack to more than a batch can need, or whose XML
    declares entities; raise :class:`InputError` (``TOO_LARGE``, ``BAD_XLSX``)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_PARTS:
                raise _bad(source, "TOO_LARGE.parts", n=len(infos), limit=MAX_PARTS)
            total = 0
            for info in infos:
                total += info.file_size
                if info.file_size > _limit(info.filename) or total > MAX_TOTAL_BYTES:
                    raise _bad(source, "TOO_LARGE.part", part=info.filename, size=info.file_size, total=total, limit=_limit(info.filename), all=MAX_TOTAL_BYTES)
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with z.open(info) as fh:
                    head = fh.read(_PROLOG)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise _bad(source, "BAD_XLSX.entities", part=info.filename, hint=Msg("BAD_XLSX.hint"))
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise _bad(source, "BAD_XLSX.zip", detail=f"{type(exc).__name__}: {str(exc)[:200]}", hint=Msg("BAD_XLSX.hint")) from None


def lenient_numbers(openpyxl: Any) -> None:
    """Make openpyxl's reader keep a numeric cell it cannot convert (``nan``, ``1e99999``, text)
    as its text, so that the cell, not the whole sheet, is reported. Done once per process."""
    reader = openpyxl.worksheet._reader
    cast = reader._cast_number
    if getattr(cast, "_spbe_lenient", False):
        return

    def lenient(value: str) -> Any:
        try:
            return cast(value)
        except (ValueError, OverflowError):
            return str(value)

    lenient._spbe_lenient = True  # type: ignore[attr-defined]
    reader._cast_number = lenient


class _BadString(str):
    """The text of a shared-string index the workbook does not have."""


class tolerant_strings(list[Any]):  # noqa: N801 (used like openpyxl's own list)
    """The shared strings of a workbook; an index that is not there gives a :class:`_BadString`
    (reported as a problem of its cell) instead of ending the whole sheet."""

    def __getitem__(self, i: Any) -> Any:
        try:
            return super().__getitem__(i)
        except (IndexError, TypeError):
            return _BadString(f"#{i}")


def sheet_rows(ws: Any, name: str) -> Iterator[tuple[int, tuple[Any, ...] | None, Problem | None]]:
    """``(row number, cells, None)`` for each row of ``ws``, or ``(row, None, problem)`` for a row
    that cannot be used; after a problem raised by the reader itself the sheet ends there."""
    line = 0
    it = ws.iter_rows(min_row=1, values_only=True)
    while True:
        try:
            cells = next(it)
        except StopIteration:
            return
        except Exception as exc:  # openpyxl raises many kinds for damaged XML
            yield line + 1, None, Problem.of("BAD_XLSX.sheet", Location(name, line + 1), detail=f"{type(exc).__name__}: {str(exc)[:200]}")
            return
        line += 1
        if line > MAX_ROWS:
            yield line, None, Problem.of("TOO_LARGE.rows", Location(name, line), limit=MAX_ROWS)
            return
        if len(cells) > MAX_COLUMNS:
            yield line, None, Problem.of("TOO_LARGE.cells", Location(name, line), n=len(cells), limit=MAX_COLUMNS)
            continue
        problem = None
        for k, v in enumerate(cells):
            if isinstance(v, _BadString):
                problem = Problem.of("BAD_XLSX.shared", Location(name, line, k + 1), index=str(v))
                break
            if isinstance(v, str) and len(v) > MAX_CELL_TEXT:
                problem = Problem.of("TOO_LARGE.cell", Location(name, line, k + 1), n=len(v), limit=MAX_CELL_TEXT)
                break
        yield (line, None, problem) if problem is not None else (line, cells, None)

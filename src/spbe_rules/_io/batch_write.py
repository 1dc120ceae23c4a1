"""Writing batch results: CSV, JSON Lines and Excel, through a temporary file replaced on commit."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import IO, Any
from .._base.atomic import discard, temp_beside
from .._base.text import number_ranges
from .batch_rows import BatchFailure, BatchResult
from .batch_kernel import RowMap
from .._model.converter import exact_text
from .._base.errors import Location, Problem, tr
from .._base.messages import Msg
from .._model.model import Ruleset
from .batch_io import InputError, RESULT_SHEET, need_openpyxl, reproducible_zip, safe_cell


# -- writing ---------------------------------------------------------------------------------


def output_columns(rulesets: Sequence[Ruleset]) -> tuple[list[str], list[str], list[int]]:
    """Domain ids, aspect ids and indicator numbers of the output table (union, in first-seen order)."""
    domains: dict[str, None] = {}
    aspects: dict[str, None] = {}
    numbers: set[int] = set()
    for rs in rulesets:
        domains.update(dict.fromkeys(d.id for d in rs.domains))
        aspects.update(dict.fromkeys(a.id for a in rs.aspects))
        numbers.update(rs.numbers)
    return list(domains), list(aspects), sorted(numbers)


class _Spool:
    """Where a writer's bytes go until :meth:`commit`: a temporary file beside ``path`` (renamed onto
    it), or, for a ``stream`` (standard output), an anonymous temporary file copied to the stream at
    the end. Either way nothing reaches the target when the run fails."""

    def __init__(self, path: str | os.PathLike[str] | None, stream: IO[bytes] | None) -> None:
        self.stream = stream
        self.target: Path | None = None
        self.tmp: Path | None = None
        if stream is not None:
            self.fh: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed by commit/abort; never has a name to leave behind)
        else:
            if path is None:
                raise ValueError(tr("batch.api.no_target"))
            self.target = Path(path)
            fd, self.tmp = temp_beside(self.target)
            self.fh = os.fdopen(fd, "w+b")

    def commit(self) -> None:
        if self.stream is not None:
            self.fh.seek(0)
            shutil.copyfileobj(self.fh, self.stream, 1 << 20)
            self.stream.flush()
            self.fh.close()
            return
        assert self.tmp is not None and self.target is not None
        self.fh.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.fh.close()
        if self.tmp is not None:
            discard(self.tmp)


class _Text:
    """A UTF-8 text view of a spool; :meth:`finish` flushes it and leaves the spool open."""

    def __init__(self, fh: IO[bytes], newline: str) -> None:
        self.wrapper: io.TextIOWrapper | None = io.TextIOWrapper(fh, encoding="utf-8", newline=newline)

    def write(self, text: str) -> int:
        assert self.wrapper is not None
        return self.wrapper.write(text)

    def finish(self) -> None:
        if self.wrapper is not None:
            self.wrapper.flush()
            self.wrapper.detach()
            self.wrapper = None


class BatchWriter:
    """Writes results to a temporary file; :meth:`commit` moves it into place (or copies it to the
    stream, for standard output), :meth:`abort` removes it."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        domains: Sequence[str],
        aspects: Sequence[str],
        numbers: Sequence[int],
        documents: Sequence[str] = (),
        *,
        raw_text: bool = False,
        unmet: bool = False,
        stream: IO[bytes] | None = None,
    ) -> None:
        self.unmet = unmet  # True: a last column `unmet` (some ruleset of the run has requirement items)
        self.raw_text = raw_text  # True: text cells as they are, even when a spreadsheet would read a formula
        self.documents = list(documents)
        self.domains = list(domains)
        self.aspects = list(aspects)
        self.numbers = list(numbers)
        self.spool = _Spool(path, stream)
        self.count = 0
        self._picks: dict[int, tuple[Any, list[int | None]]] = {}
        self._exact: dict[Fraction, str] = {}
        self._open()

    @property
    def header(self) -> list[str]:
        """The column names of the output table."""
        return [
            "instansi",
            "year",
            "stage",
            "ruleset",
            "index",
            "index_exact",
            "predikat",
            *(f"domain:{d}" for d in self.domains),
            *(f"aspect:{a}" for a in self.aspects),
            *(f"level:{n}" for n in self.numbers),
            "source",
            "row",
            "target",
            "owner",
            *(f"doc:{k}" for k in self.documents),
            *(["unmet"] if self.unmet else []),
        ]

    def _open(self) -> None:
        raise NotImplementedError

    def write(self, r: BatchResult) -> None:
        """Write the row of one result."""
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    def _pick(self, values: Any, columns: list[Any]) -> list[Any]:
        if isinstance(values, RowMap):  # the usual case: positions worked out once per ruleset
            key = id(values.keys_)
            got = self._picks.get(key)
            if got is None or got[0] is not values.keys_:
                pos = values.keys_.position
                got = self._picks[key] = (values.keys_, [pos.get(c) for c in columns])
            vals = values.values_
            return ["" if k is None else vals[k] for k in got[1]]
        return [values.get(c, "") for c in columns]

    def cells(self, r: BatchResult) -> list[Any]:
        """The cells of one result's row, in the order of :meth:`header`."""
        exact = self._exact.get(r.index_exact)
        if exact is None:
            if len(self._exact) > 100_000:
                self._exact.clear()
            exact = self._exact[r.index_exact] = exact_text(r.index_exact)
        return [
            r.instansi,
            r.year,
            r.stage or "",
            r.ruleset.id,
            r.index,
            exact,
            r.predikat,
            *self._pick(r.domains, self.domains),
            *self._pick(r.aspects, self.aspects),
            *self._pick(r.effective_levels, self.numbers),
            r.source,
            "" if r.line is None else r.line,
            "" if r.target is None else exact_text(r.target),
            owners_text(r.owners),
            *("" if k not in r.documents else ("ya" if r.documents[k] else "tidak") for k in self.documents),
            *([unmet_text(r.unmet)] if self.unmet else []),
        ]

    def commit(self) -> None:
        """Finish the file and move it into place."""
        self._close()
        self.spool.commit()

    def abort(self) -> None:
        """Remove the temporary file; the target is left as it was."""
        try:
            self._close()
        except Exception:  # noqa: S110 (the run is failing already; the temp file goes anyway)
            pass
        self.spool.abort()


class _CsvWriter(BatchWriter):
    def _open(self) -> None:
        self.fh = _Text(self.spool.fh, "")
        self.csv = csv.writer(self.fh, lineterminator="\n")
        self.csv.writerow(self.header)

    def write(self, r: BatchResult) -> None:
        cells = self.cells(r)
        self.csv.writerow(cells if self.raw_text else [safe_cell(c) for c in cells])
        self.count += 1

    def _close(self) -> None:
        self.fh.finish()


class _JsonlWriter(BatchWriter):
    def _open(self) -> None:
        self.fh = _Text(self.spool.fh, "\n")

    def write(self, r: BatchResult) -> None:
        self.fh.write(json.dumps(result_record(r), ensure_ascii=False, separators=(",", ":")) + "\n")
        self.count += 1

    def _close(self) -> None:
        self.fh.finish()


def result_record(r: BatchResult) -> dict[str, Any]:
    """The JSON object of one result (one line of a ``.jsonl`` output). With evidence it also has
    ``unmet``: per indicator the requirement items of the next level that are not met."""
    rec = {
        "instansi": r.instansi,
        "year": r.year,
        "stage": r.stage,
        "ruleset": r.ruleset.id,
        "ruleset_version": r.ruleset.version,
        "index": r.index,
        "index_exact": exact_text(r.index_exact),
        "predikat": r.predikat,
        "domains": dict(r.domains),
        "aspects": dict(r.aspects),
        "effective_levels": {str(n): lv for n, lv in r.effective_levels.items()},
        "source": r.source,
        "row": r.line,
        "target": None if r.target is None else exact_text(r.target),
        "owners": {str(n): unit for n, unit in sorted(r.owners.items())},
        "documents": dict(r.documents),
    }
    if r.unmet:
        rec["unmet"] = {str(n): list(ids) for n, ids in sorted(r.unmet.items())}
    return rec


def unmet_text(unmet: Mapping[int, Sequence[str]]) -> str:
    """The ``unmet`` cell: the requirement ids of the next level not met, by indicator, separated by
    spaces (``1.4.reviu 3.3.ditetapkan``; empty when none). An id names its indicator, so the cell
    reads back into the ``.jsonl`` form (:func:`unmet_of_text`)."""
    return " ".join(rid for n in sorted(unmet) for rid in unmet[n])


def owners_text(owners: Mapping[int, str]) -> str:
    """``{11: "Bappeda", 12: "Bappeda", 15: "Diskominfo"}`` -> ``Bappeda: 11-12; Diskominfo: 15`` (the input form)."""
    units: dict[str, list[int]] = {}
    for n in sorted(owners):
        units.setdefault(owners[n], []).append(n)
    return "; ".join(f"{unit}: {number_ranges(ns)}" for unit, ns in units.items())


def _number_format(shown: str) -> str:
    """The Excel number format that shows a number as ``shown`` does: ``"3.30"`` -> ``0.00``."""
    _, _, decimals = shown.partition(".")
    return "0." + "0" * len(decimals) if decimals else "0"


class _XlsxWriter(BatchWriter):
    def _open(self) -> None:
        openpyxl = need_openpyxl("write_xlsx")
        from openpyxl.cell import WriteOnlyCell

        self.cell = WriteOnlyCell
        self.wb = openpyxl.Workbook(write_only=True)
        self.ws = self.wb.create_sheet(RESULT_SHEET)
        self.ws.append(self.header)
        self.saved = False

    def write(self, r: BatchResult) -> None:
        cells: list[Any] = self.cells(r)
        for k in range(4, 7 + len(self.domains) + len(self.aspects)):
            # displayed indices: numbers in Excel, shown with the decimals the ruleset displays
            # ("3.30" stays 3.30, not 3.3); index_exact (5) stays text, it may be a fraction
            if k != 5 and k != 6 and cells[k] != "":
                text = cells[k]
                num = self.cell(self.ws, value=Decimal(text))  # type: ignore[arg-type]  # openpyxl writes a Decimal as a number; its stubs leave Decimal out
                num.number_format = _number_format(text)
                cells[k] = num
        for k, v in enumerate(cells):
            if isinstance(v, str) and v:  # text is written as text, never as a formula (also with raw_text)
                c = self.cell(self.ws, value=v)
                c.data_type = "s"
                if k == 5:
                    c.number_format = "@"  # an exact value such as 31/11 must not become a date or a float
                cells[k] = c
        self.ws.append(cells)
        self.count += 1

    def _close(self) -> None:
        if not self.saved:
            self.saved = True
            self.wb.save(self.spool.fh)
            reproducible_zip(self.spool.fh)


OUTPUT_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".xlsx": "xlsx"}
"""Output suffix -> format of :func:`open_writer`."""


def open_writer(
    path: str | os.PathLike[str] | None,
    rulesets: Sequence[Ruleset],
    *,
    raw_text: bool = False,
    fmt: str | None = None,
    stream: IO[bytes] | None = None,
) -> BatchWriter:
    """A writer for ``path`` (format ``fmt``: ``csv``, ``jsonl`` or ``xlsx``; by default from the
    suffix: ``.csv``, ``.jsonl``/``.ndjson``, ``.xlsx``), or, with ``stream``, for that binary
    stream (standard output), which then gets the whole output at :meth:`BatchWriter.commit` and
    nothing when the run fails. Text cells that a spreadsheet would take for a formula are
    neutralised in CSV (a leading apostrophe) unless ``raw_text``; in ``.xlsx`` text is always
    written as text."""
    suffix = "" if path is None else Path(path).suffix.lower()
    kinds: dict[str, type[BatchWriter]] = {"csv": _CsvWriter, "jsonl": _JsonlWriter, "xlsx": _XlsxWriter}
    kind = kinds.get(fmt or OUTPUT_FORMATS.get(suffix, ""))
    if kind is None:
        raise InputError(
            Msg("head.batch.output_format"),
            [Problem.of("UNKNOWN_FORMAT.output", Location(str(path)), path=str(path), suffix=suffix or Msg("batch.no_suffix"))],
        )
    if kind is _XlsxWriter:
        need_openpyxl("write_xlsx")
    keys = list(dict.fromkeys(d.key for rs in rulesets for d in rs.documents))
    unmet = any(rs.requirements for rs in rulesets)
    return kind(path, *output_columns(rulesets), documents=keys, raw_text=raw_text, unmet=unmet, stream=stream)


class ProblemWriter:
    """All problems of the bad rows as CSV (source, row, column, code, message, hint), written
    atomically to ``path``, or to ``stream`` at :meth:`commit`. ``count`` problems written."""

    def __init__(self, path: str | os.PathLike[str] | None, *, raw_text: bool = False, stream: IO[bytes] | None = None) -> None:
        self.raw_text = raw_text
        self.spool = _Spool(path, stream)
        self.fh = _Text(self.spool.fh, "")
        self.count = 0
        self.csv = csv.writer(self.fh, lineterminator="\n")
        self.csv.writerow(["source", "row", "column", "code", "message", "hint"])

    def write(self, failure: BatchFailure) -> None:
        """Write one line per problem of a bad row."""
        for p in failure.problems:
            loc = p.location
            row = [loc.file or failure.source, loc.line if loc.line is not None else (failure.line or ""), loc.col or "", p.code, p.message, p.hint or ""]
            self.csv.writerow(row if self.raw_text else [safe_cell(c) for c in row])
            self.count += 1

    def commit(self) -> None:
        """Finish the file and move it into place."""
        self.fh.finish()
        self.spool.commit()

    def abort(self) -> None:
        """Remove the temporary file; the target is left as it was."""
        try:
            self.fh.finish()
        except Exception:  # noqa: S110 (the run is failing already; the temp file goes anyway)
            pass
        self.spool.abort()

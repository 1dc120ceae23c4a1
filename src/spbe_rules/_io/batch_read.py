"""Reading batches: CSV, Excel workbooks and folders of assessment files in.

Reading batch results back (for reports) is in :mod:`spbe_rules._io.results_read`.
"""

from __future__ import annotations

import csv
import re
import io
import os
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import IO, Any
from .._loading.assessment import Assessment, load_assessment
from .batch_rows import BatchFailure, BatchRow
from .._base.errors import AssessmentError, Location, Problem, SpbeError, ValidationError, tr
from .._base.text import closest
from .._base.messages import Msg
from .._base.numbers import number_problem, problem_of, text_problem
from .._base.files import FileProblem, open_regular
from .workbook import check_workbook, lenient_numbers, sheet_rows, tolerant_strings
from .batch_io import DATA_SHEET, InputError, _ALIASES, _FALSE, _IGNORED, _TRUE, need_openpyxl
import operator
import itertools


# -- reading ---------------------------------------------------------------------------------


def read_rows(
    path: str | os.PathLike[str], *, sheet: str | None = None, progress: Callable[[int], None] | None = None
) -> Iterator[BatchRow | Assessment | BatchFailure]:
    """The rows of a CSV file, a workbook (``.xlsx``) or a folder of assessment files.

    ``progress(n)`` is called as input is consumed (bytes for CSV, rows for a
    workbook, files for a folder). A header problem raises :class:`InputError`
    before any row is yielded.
    """
    p = Path(path)
    if p.is_dir():
        return _read_folder(p, progress)
    if not p.exists():
        raise InputError(Msg("head.not_found"), [Problem.of("NOT_FOUND", Location(str(p)), hint=Msg("NOT_FOUND.batch.hint"))])
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return _read_csv(p, progress)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p, sheet, progress)
    raise InputError(
        Msg("head.batch.input_format"), [Problem.of("UNKNOWN_FORMAT.input", Location(str(p)), name=p.name, suffix=suffix or Msg("batch.no_suffix"))]
    )


def input_size(path: str | os.PathLike[str]) -> tuple[int | None, str]:
    """How much :func:`read_rows` will report through ``progress`` in all, and its unit."""
    p = Path(path)
    if p.is_dir():
        return len(_folder_files(p)), tr("batch.unit.files")
    if p.suffix.lower() == ".csv":
        return p.stat().st_size, "B"
    return None, tr("batch.unit.rows")


def _folder_files(folder: Path) -> list[Path]:
    # every entry with a data suffix except folders: a FIFO, a device or a broken link is reported, never silently skipped
    return sorted(f for f in folder.iterdir() if f.suffix.lower() in (".yaml", ".yml", ".json") and not f.name.startswith(".") and not f.is_dir())


def _read_folder(folder: Path, progress: Callable[[int], None] | None) -> Iterator[Assessment | BatchFailure]:
    files = _folder_files(folder)
    if not files:
        raise InputError(Msg("head.batch.empty_folder"), [Problem.of("NO_ROWS.folder", Location(str(folder)), folder=str(folder))])
    for f in files:
        try:
            yield load_assessment(f)
        except ValidationError as exc:
            first = exc.problems[0].location if exc.problems else Location(str(f))
            yield BatchFailure(exc, str(f), first.line)
        except (SpbeError, OSError, RecursionError, MemoryError) as exc:  # one bad file never loses the others
            problem = Problem.of("UNREADABLE", Location(str(f)), reason=f"{type(exc).__name__}: {str(exc)[:200]}")
            yield BatchFailure(AssessmentError(Msg("head.unreadable"), [problem]), str(f), None)
        if progress is not None:
            progress(1)


class _Header:
    """What each column of a table holds."""

    def __init__(self, cells: Sequence[Any], source: str, line: int) -> None:
        self.source = source
        self.line = line
        self.fields: list[tuple[int, str]] = []  # (0-based index, key) of the columns read
        self.columns: dict[str, int] = {}  # key -> 1-based column
        problems: list[Problem] = []
        for k, raw in enumerate(cells):
            name = "" if raw is None else str(raw).strip()
            col = k + 1
            if not name or name.startswith("#") or name.lower() in _IGNORED:
                continue
            low = name.lower()
            key: str | None = None
            if low in _ALIASES:
                key = _ALIASES[low]
            elif low.startswith("doc:") and len(name) > 4:
                key = "doc:" + name[4:].strip()
            else:
                number = _whole(name)
                if number is not None and number >= 0:
                    key = str(number)
            if key is None:
                guess = closest(low, [*_ALIASES, "doc:"])
                rest = Msg("UNKNOWN_COLUMN.hint")
                hint = Msg("UNKNOWN_COLUMN.guess", guess=guess, rest=rest) if guess is not None else rest
                problems.append(Problem.of("UNKNOWN_COLUMN", Location(source, line, col), hint=hint, col=col, name=repr(name)))
                continue
            if key in self.columns:
                problems.append(Problem.of("DUPLICATE_COLUMN", Location(source, line, col), col=col, first=self.columns[key], name=repr(name)))
                continue
            self.columns[key] = col
            self.fields.append((k, key))
        self.level_fields = [(k, int(key)) for k, key in self.fields if key[0].isdigit()]
        self.other_fields = [(k, key) for k, key in self.fields if not key[0].isdigit()]
        self.level_numbers = [num for _, num in self.level_fields]

        idx = [k for k, _ in self.level_fields]
        self.pick_levels: Callable[[Sequence[Any]], tuple[Any, ...]] = (
            operator.itemgetter(*idx) if len(idx) > 1 else (lambda cells: tuple(cells[k] for k in idx))
        )
        self.width = max((k for k, _ in self.fields), default=-1) + 1
        for need in ("instansi", "year"):
            if need not in self.columns and not problems:
                problems.append(Problem.of("REQUIRED.header", Location(source, line, 1), need=need))
        if problems:
            raise InputError(Msg("head.batch.header", source=source), problems)

    def row(self, cells: Sequence[Any], line: int, text: bool = False) -> BatchRow | BatchFailure | None:
        """The row read from ``cells`` (None for a blank row); ``text`` when every cell is a string (CSV)."""
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            return None
        problems: list[Problem] = []
        instansi = ""
        year: Any = None
        stage: str | None = None
        ruleset: str | None = None
        levels: dict[int, int] | None = None
        docs: dict[str, bool] = {}
        target: Fraction | None = None
        owners: dict[int, str] = {}
        n = len(cells)
        src = self.source
        if text and n >= self.width and self.level_fields:  # the common case: every level cell a plain whole number
            values = self.pick_levels(cells)
            if "" not in values:
                try:
                    levels = dict(zip(self.level_numbers, map(int, values)))
                except ValueError:
                    levels = None
        if levels is None:
            levels = {}
            for k, number in self.level_fields:
                raw = cells[k] if k < n else None
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                lv = _whole(raw)
                if lv is None:
                    problems.append(_not_whole(raw, Msg("batch.what.indicator", number=number), Location(src, line, k + 1), Msg("batch.hint.level")))
                else:
                    levels[number] = lv
        for k, key in self.other_fields:
            raw = cells[k] if k < n else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            if key == "instansi":
                instansi = str(raw).strip()
            elif key == "year":
                year = _whole(raw)
                if year is None:
                    problems.append(_not_whole(raw, Msg("batch.what.year"), Location(src, line, k + 1), Msg("batch.hint.year")))
            elif key == "stage":
                stage = str(raw).strip()
            elif key == "ruleset":
                ruleset = str(raw).strip()
            elif key == "target":
                target = parse_target(raw, Location(src, line, k + 1), problems)
            elif key == "owner":
                owners = parse_owners(str(raw), Location(src, line, k + 1), problems)
            else:
                flag = _flag(raw)
                if flag is None:
                    problems.append(Problem.of("NOT_A_FLAG", Location(src, line, k + 1), key=key, value=_shown(raw)))
                else:
                    docs[key[4:]] = flag
        if year is None and not problems:
            problems.append(Problem.of("REQUIRED.year_cell", Location(src, line, self.columns["year"]), hint=Msg("batch.hint.year")))
        if problems:
            return BatchFailure(AssessmentError(Msg("head.row"), problems), src, line, instansi or None, year if isinstance(year, int) else None)
        return BatchRow(instansi, year, levels, stage, docs, ruleset, src, line, self.columns, target, owners)


def parse_target(raw: Any, where: Location, problems: list[Problem]) -> Fraction | None:
    """A target index (``2.6``, ``3,5``): at most 6 decimals and 3 whole digits, checked before any exact conversion."""
    text = str(raw).strip().replace(",", ".")
    if re.fullmatch(r"\d{1,3}(\.\d{1,6})?", text) is None:
        problems.append(Problem.of("BAD_TARGET", where, text=str(raw)))
        return None
    return Fraction(text)


def parse_owners(text: str, where: Location, problems: list[Problem]) -> dict[int, str]:
    """``Bappeda: 11-14; Diskominfo: 15-20, 22`` -> indicator number -> unit; each indicator has one unit."""
    out: dict[int, str] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        unit, sep, numbers = part.partition(":")
        unit = unit.strip()
        if not sep or not unit or not numbers.strip():
            problems.append(Problem.of("BAD_OWNER", where, text=text, why=Msg("BAD_OWNER.why.unit", part=part)))
            return {}
        for item in (i.strip() for i in numbers.split(",")):
            m = re.fullmatch(r"(\d{1,4})(?:\s*-\s*(\d{1,4}))?", item)
            if m is None or (m.group(2) is not None and int(m.group(2)) < int(m.group(1))):
                problems.append(Problem.of("BAD_OWNER", where, text=text, why=Msg("BAD_OWNER.why.number", item=item)))
                return {}
            for n in range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1):
                if n in out and out[n] != unit:
                    problems.append(Problem.of("BAD_OWNER", where, text=text, why=Msg("BAD_OWNER.why.twice", number=n, first=out[n], second=unit)))
                    return {}
                out[n] = unit
    return out


def _whole(raw: Any) -> int | None:
    """A whole number from a cell (text, int, or an integral float from a workbook), else None."""
    if isinstance(raw, bool):
        return None
    if number_problem(raw) is not None:  # before any conversion: 1e999999999 or 5,000 digits
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None  # a workbook stores 3 as 3.0; no arithmetic is done
    if isinstance(raw, Decimal):
        return int(raw) if raw == raw.to_integral_value() else None
    text = str(raw).strip()
    if text_problem(text) is not None:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        d = Decimal(text.replace(",", ".")) if text.count(",") <= 1 else None
    except InvalidOperation:
        return None
    if d is None or not d.is_finite() or d != d.to_integral_value():
        return None
    return int(d)


def _shown(raw: Any) -> str:
    """A cell as it is named in a message: quoted, at most 60 characters."""
    text = str(raw).strip()
    return repr(text[:60] + "..." if len(text) > 60 else text)


def _not_whole(raw: Any, what: Msg, where: Location, hint: Msg) -> Problem:
    got = number_problem(raw) if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool) else text_problem(str(raw))
    if got is not None:
        return problem_of(got, where, what)
    text = str(raw).strip()
    if len(text) > 60:
        text = text[:60] + "..."
    try:
        Decimal(text.replace(",", "."))
        key = "NOT_WHOLE"
    except InvalidOperation:
        key = "NOT_A_NUMBER"
    return Problem.of(key, where, hint=hint, what=what, text=repr(text))


def _flag(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


class _Counting(io.RawIOBase):
    """A binary file that reports how many bytes were read."""

    def __init__(self, raw: IO[bytes], progress: Callable[[int], None]) -> None:
        self.raw = raw
        self.progress = progress

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        n = self.raw.readinto(b)  # type: ignore[attr-defined]
        if n:
            self.progress(n)
        return int(n or 0)

    def close(self) -> None:
        self.raw.close()
        super().close()


def open_input(path: Path) -> IO[bytes]:
    """A regular input file, opened (a device, a FIFO or a too long path is an :class:`InputError`)."""
    try:
        return open_regular(path)
    except FileProblem as fp:
        raise InputError(Msg("head.batch.input"), [fp.problem(Location(str(path)))]) from None


class _Lines:
    """The lines of a file, counted, with the lines of the current row kept so that reading can
    start again at the line after a broken row's first line."""

    def __init__(self, source: Iterator[str]) -> None:
        self.source = source
        self.pushed: list[str] = []  # lines to read again (last first)
        self.count = 0  # lines handed out so far
        self.row: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.pushed.pop() if self.pushed else next(self.source)
        self.count += 1
        self.row.append(line)
        return line

    def again(self) -> None:
        """Read the current row's lines again, except its first."""
        rest = self.row[1:]
        self.count -= len(rest)
        self.pushed.extend(reversed(rest))
        self.row = []


def _csv_rows(lines: _Lines, delimiter: str) -> Iterator[tuple[int, list[str], str | None]]:
    """(first line, cells, None) per row, or (first line, [], error) for a row the CSV reader
    refuses (an unclosed quote, a field over the size limit); reading goes on after it."""
    while True:
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        while True:
            start = lines.count + 1
            lines.row = []
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield start, [], str(exc)
                lines.again()
                break
            yield start, cells, None


def _read_csv(path: Path, progress: Callable[[int], None] | None) -> Iterator[BatchRow | BatchFailure]:
    source = str(path)
    raw: IO[bytes] = open_input(path)
    binary: IO[bytes] = io.BufferedReader(_Counting(raw, progress)) if progress is not None else raw
    fh = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        skipped = 0
        first = ""
        for text in fh:
            if text.strip() and not text.lstrip().startswith("#"):
                first = text
                break
            skipped += 1
        else:
            raise InputError(Msg("head.batch.no_header"), [Problem.of("NO_ROWS.csv", Location(source, skipped or 1), source=source)])
        delimiter = ";" if first.count(";") > first.count(",") else ","

        lines = _Lines(itertools.chain([first], fh))
        header: _Header | None = None
        for start, cells, error in _csv_rows(lines, delimiter):
            line = skipped + start
            if error is not None:
                if header is None:
                    raise InputError(Msg("head.batch.csv"), [Problem.of("BAD_CSV", Location(source, line), detail=error)])
                yield BatchFailure(
                    InputError(Msg("head.row"), [Problem.of("BAD_CSV", Location(source, line), hint=Msg("BAD_CSV.row.hint"), detail=error)]), source, line
                )
                continue
            if header is None:
                header = _Header(cells, source, line)
                continue
            if cells and cells[0].lstrip().startswith("#"):
                continue
            row = header.row(cells, line, True)
            if row is not None:
                yield row
    except UnicodeDecodeError as exc:
        raise InputError(Msg("head.batch.csv"), [Problem.of("ENCODING.csv", Location(source), reason=exc.reason)]) from None
    finally:
        fh.close()


def _read_xlsx(path: Path, sheet: str | None, progress: Callable[[int], None] | None) -> Iterator[BatchRow | BatchFailure]:
    openpyxl = need_openpyxl("read_xlsx")
    source = str(path)
    open_input(path).close()  # a regular file (not a device or a FIFO)
    check_workbook(path, source)  # sizes and entity declarations, before openpyxl unpacks anything
    lenient_numbers(openpyxl)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        damaged = Problem.of("BAD_XLSX.zip", Location(source), hint=Msg("BAD_XLSX.hint"), detail=f"{type(exc).__name__}: {str(exc)[:200]}")
        raise InputError(Msg("head.workbook"), [damaged]) from None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise InputError(Msg("head.batch.no_sheet"), [Problem.of("NO_SHEET", Location(source), sheet=repr(sheet), sheets=", ".join(wb.sheetnames))])
            ws = wb[sheet]
        else:
            ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        name = f"{source}[{ws.title}]"
        if hasattr(ws, "_shared_strings"):
            ws._shared_strings = tolerant_strings(ws._shared_strings)
        header: _Header | None = None
        for line, got, problem in sheet_rows(ws, name):
            if progress is not None:
                progress(1)
            if problem is not None or got is None:
                bad = problem or Problem.of("BAD_XLSX.row", Location(name, line))
                if header is None:
                    raise InputError(Msg("head.workbook"), [bad])
                yield BatchFailure(InputError(Msg("head.row"), [bad]), name, line)
                continue
            cells = got
            if header is None:
                if all(c is None or (isinstance(c, str) and (not c.strip() or c.lstrip().startswith("#"))) for c in cells):
                    continue
                header = _Header(cells, name, line)
                continue
            row = header.row(cells, line)
            if row is not None:
                yield row
        if header is None:
            raise InputError(Msg("head.batch.no_header"), [Problem.of("NO_ROWS.sheet", Location(name), sheet=repr(ws.title))])
    finally:
        wb.close()

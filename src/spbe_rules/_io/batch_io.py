"""Reading and writing batches: CSV, Excel workbooks, folders of assessment files, JSON Lines.

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

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from .._loading.assessment import Assessment, load_assessment
from .._base.atomic import discard, replacing, temp_beside
from .batch import BatchFailure, BatchResult, BatchRow, RowMap
from .._model.converter import exact_text
from .._base.errors import AssessmentError, Location, Problem, SpbeError, ValidationError
from .._model.model import Ruleset

__all__ = [
    "BatchWriter",
    "ExtraMissingError",
    "InputError",
    "open_writer",
    "output_columns",
    "read_rows",
    "write_template",
]

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")
OUTPUT_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".xlsx")
DATA_SHEET = "penilaian"
HELP_SHEET = "petunjuk"
RESULT_SHEET = "hasil"
_TRUE = {"true", "ya", "y", "yes", "1", "ada"}
_FALSE = {"false", "tidak", "t", "no", "n", "0", "tidak ada"}
_ALIASES = {"instansi": "instansi", "institution": "instansi", "year": "year", "tahun": "year", "stage": "stage", "tahap": "stage", "ruleset": "ruleset"}
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


# -- reading ---------------------------------------------------------------------------------


def read_rows(path: str | os.PathLike[str], *, sheet: str | None = None, progress: Callable[[int], None] | None = None) -> Iterator[BatchRow | Assessment | BatchFailure]:
    """The rows of a CSV file, a workbook (``.xlsx``) or a folder of assessment files.

    ``progress(n)`` is called as input is consumed (bytes for CSV, rows for a
    workbook, files for a folder). A header problem raises :class:`InputError`
    before any row is yielded.
    """
    p = Path(path)
    if p.is_dir():
        return _read_folder(p, progress)
    if not p.exists():
        raise InputError("input not found", [Problem("NOT_FOUND", f"{p} does not exist", Location(str(p)), "give a CSV file, an .xlsx workbook or a folder of assessment files")])
    suffix = p.suffix.lower()
    if suffix == ".csv":
        return _read_csv(p, progress)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(p, sheet, progress)
    raise InputError(
        "input format unknown",
        [Problem("UNKNOWN_FORMAT", f"{p.name}: cannot tell the format from the suffix {suffix or '(none)'}", Location(str(p)), "use .csv, .xlsx, or a folder of .yaml/.json assessment files")],
    )


def input_size(path: str | os.PathLike[str]) -> tuple[int | None, str]:
    """How much :func:`read_rows` will report through ``progress`` in all, and its unit."""
    p = Path(path)
    if p.is_dir():
        return len(_folder_files(p)), "berkas"
    if p.suffix.lower() == ".csv":
        return p.stat().st_size, "B"
    return None, "baris"


def _folder_files(folder: Path) -> list[Path]:
    return sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in (".yaml", ".yml", ".json") and not f.name.startswith("."))


def _read_folder(folder: Path, progress: Callable[[int], None] | None) -> Iterator[Assessment | BatchFailure]:
    files = _folder_files(folder)
    if not files:
        raise InputError("empty folder", [Problem("NO_ROWS", f"{folder} holds no .yaml, .yml or .json file", Location(str(folder)), None)])
    for f in files:
        try:
            yield load_assessment(f)
        except ValidationError as exc:
            first = exc.problems[0].location if exc.problems else Location(str(f))
            yield BatchFailure(exc, str(f), first.line)
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
                import difflib

                guess = difflib.get_close_matches(low, [*_ALIASES, "doc:"], n=1)
                problems.append(
                    Problem(
                        "UNKNOWN_COLUMN",
                        f"column {col} is named {name!r}, which is not a column of the batch layout",
                        Location(source, line, col),
                        (f"did you mean `{guess[0]}`? " if guess else "")
                        + "columns: instansi, year, stage, ruleset, doc:KEY, indicator numbers; name it `note` or start it with `#` to have it ignored",
                    )
                )
                continue
            if key in self.columns:
                problems.append(Problem("DUPLICATE_COLUMN", f"column {col} repeats column {self.columns[key]} ({name!r})", Location(source, line, col), "keep one column per field"))
                continue
            self.columns[key] = col
            self.fields.append((k, key))
        self.level_fields = [(k, int(key)) for k, key in self.fields if key[0].isdigit()]
        self.other_fields = [(k, key) for k, key in self.fields if not key[0].isdigit()]
        self.level_numbers = [num for _, num in self.level_fields]
        import operator

        idx = [k for k, _ in self.level_fields]
        self.pick_levels: Callable[[Sequence[Any]], tuple[Any, ...]] = (
            operator.itemgetter(*idx) if len(idx) > 1 else (lambda cells: tuple(cells[k] for k in idx))
        )
        self.width = max((k for k, _ in self.fields), default=-1) + 1
        for need in ("instansi", "year"):
            if need not in self.columns and not problems:
                problems.append(Problem("REQUIRED", f"the header has no `{need}` column", Location(source, line, 1), "columns: instansi, year, stage, ruleset, doc:KEY, indicator numbers (see spbe-rules template)"))
        if problems:
            raise InputError(f"{source}: the header row cannot be used", problems)

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
                    problems.append(_not_whole(raw, f"indicator {number}", Location(src, line, k + 1), "a level: a whole number such as 3"))
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
                    problems.append(_not_whole(raw, "year", Location(src, line, k + 1), "the evaluation year, such as 2024"))
            elif key == "stage":
                stage = str(raw).strip()
            elif key == "ruleset":
                ruleset = str(raw).strip()
            else:
                flag = _flag(raw)
                if flag is None:
                    problems.append(Problem("NOT_A_FLAG", f"{key}: {raw!r} is not true or false", Location(src, line, k + 1), "write true/false (ya/tidak), or leave the cell empty when not known"))
                else:
                    docs[key[4:]] = flag
        if year is None and not problems:
            problems.append(Problem("REQUIRED", "the year is empty", Location(src, line, self.columns["year"]), "the evaluation year, such as 2024"))
        if problems:
            return BatchFailure(AssessmentError("row cannot be read", problems), src, line, instansi or None, year if isinstance(year, int) else None)
        return BatchRow(instansi, year, levels, stage, docs, ruleset, src, line, self.columns)


def _whole(raw: Any) -> int | None:
    """A whole number from a cell (text, int, or an integral float from a workbook), else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None  # a workbook stores 3 as 3.0; no arithmetic is done
    if isinstance(raw, Decimal):
        return int(raw) if raw == raw.to_integral_value() else None
    text = str(raw).strip()
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


def _not_whole(raw: Any, what: str, where: Location, hint: str) -> Problem:
    text = str(raw).strip()
    try:
        Decimal(text.replace(",", "."))
        code, msg = "NOT_WHOLE", f"{what}: {text!r} is not a whole number"
    except InvalidOperation:
        code, msg = "NOT_A_NUMBER", f"{what}: {text!r} is not a number"
    return Problem(code, msg, where, hint)


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


def _read_csv(path: Path, progress: Callable[[int], None] | None) -> Iterator[BatchRow | BatchFailure]:
    source = str(path)
    raw: IO[bytes] = open(path, "rb")  # noqa: SIM115 (closed below)
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
            raise InputError("no header", [Problem("NO_ROWS", f"{source} has no header row", Location(source, skipped or 1), "run `spbe-rules template` for a file with the right header")])
        delimiter = ";" if first.count(";") > first.count(",") else ","
        import itertools

        reader = csv.reader(itertools.chain([first], fh), delimiter=delimiter)
        try:
            header = _Header(next(reader), source, skipped + 1)
            for cells in reader:
                line = skipped + reader.line_num
                if cells and cells[0].lstrip().startswith("#"):
                    continue
                row = header.row(cells, line, True)
                if row is not None:
                    yield row
        except csv.Error as exc:
            raise InputError("CSV cannot be read", [Problem("BAD_CSV", str(exc), Location(source, skipped + reader.line_num), "check the quotes on this line")]) from None
    except UnicodeDecodeError as exc:
        raise InputError("CSV cannot be read", [Problem("ENCODING", f"the file is not UTF-8 text ({exc.reason})", Location(source), "save it as CSV UTF-8")]) from None
    finally:
        fh.close()


def _read_xlsx(path: Path, sheet: str | None, progress: Callable[[int], None] | None) -> Iterator[BatchRow | BatchFailure]:
    openpyxl = need_openpyxl("reading .xlsx")
    source = str(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError("workbook cannot be read", [Problem("BAD_XLSX", f"{type(exc).__name__}: {exc}", Location(source), "save it again as an Excel workbook (.xlsx)")]) from None
    try:
        if sheet is not None:
            if sheet not in wb.sheetnames:
                raise InputError("no such sheet", [Problem("NO_SHEET", f"the workbook has no sheet {sheet!r}", Location(source), f"sheets: {', '.join(wb.sheetnames)}")])
            ws = wb[sheet]
        else:
            ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        name = f"{source}[{ws.title}]"
        header: _Header | None = None
        for line, cells in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
            if progress is not None:
                progress(1)
            if header is None:
                if all(c is None or (isinstance(c, str) and (not c.strip() or c.lstrip().startswith("#"))) for c in cells):
                    continue
                header = _Header(cells, name, line)
                continue
            row = header.row(cells, line)
            if row is not None:
                yield row
        if header is None:
            raise InputError("no header", [Problem("NO_ROWS", f"sheet {ws.title!r} has no header row", Location(name), "run `spbe-rules template --format xlsx` for a workbook with the right header")])
    finally:
        wb.close()


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


class BatchWriter:
    """Writes results to a temporary file; :meth:`commit` moves it into place, :meth:`abort` removes it."""

    def __init__(self, path: str | os.PathLike[str], domains: Sequence[str], aspects: Sequence[str], numbers: Sequence[int]) -> None:
        self.target = Path(path)
        self.domains = list(domains)
        self.aspects = list(aspects)
        self.numbers = list(numbers)
        fd, self.tmp = temp_beside(self.target)
        os.close(fd)
        self.count = 0
        self._picks: dict[int, tuple[Any, list[int | None]]] = {}
        self._exact: dict[Fraction, str] = {}
        self._open()

    @property
    def header(self) -> list[str]:
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
        ]

    def _open(self) -> None:
        raise NotImplementedError

    def write(self, r: BatchResult) -> None:
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
        ]

    def commit(self) -> None:
        self._close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        try:
            self._close()
        except Exception:  # noqa: S110 (the run is failing already; the temp file goes anyway)
            pass
        discard(self.tmp)


class _CsvWriter(BatchWriter):
    def _open(self) -> None:
        self.fh = open(self.tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self.csv = csv.writer(self.fh, lineterminator="\n")
        self.csv.writerow(self.header)

    def write(self, r: BatchResult) -> None:
        self.csv.writerow(self.cells(r))
        self.count += 1

    def _close(self) -> None:
        if not self.fh.closed:
            self.fh.close()


class _JsonlWriter(BatchWriter):
    def _open(self) -> None:
        self.fh = open(self.tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115

    def write(self, r: BatchResult) -> None:
        self.fh.write(json.dumps(result_record(r), ensure_ascii=False, separators=(",", ":")) + "\n")
        self.count += 1

    def _close(self) -> None:
        if not self.fh.closed:
            self.fh.close()


def result_record(r: BatchResult) -> dict[str, Any]:
    """The JSON object of one result (one line of a ``.jsonl`` output)."""
    return {
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
    }


class _XlsxWriter(BatchWriter):
    def _open(self) -> None:
        openpyxl = need_openpyxl("writing .xlsx")
        self.wb = openpyxl.Workbook(write_only=True)
        self.ws = self.wb.create_sheet(RESULT_SHEET)
        self.ws.append(self.header)
        self.saved = False

    def write(self, r: BatchResult) -> None:
        cells = self.cells(r)
        for k in range(4, 7 + len(self.domains) + len(self.aspects)):  # displayed indices as exact decimals (numbers in Excel)
            if k != 5 and k != 6 and cells[k] != "":
                cells[k] = Decimal(cells[k])
        self.ws.append(cells)
        self.count += 1

    def _close(self) -> None:
        if not self.saved:
            self.saved = True
            self.wb.save(self.tmp)


def open_writer(path: str | os.PathLike[str], rulesets: Sequence[Ruleset]) -> BatchWriter:
    """A writer for ``path`` (by suffix: ``.csv``, ``.jsonl``/``.ndjson``, ``.xlsx``)."""
    suffix = Path(path).suffix.lower()
    kinds: dict[str, type[BatchWriter]] = {".csv": _CsvWriter, ".jsonl": _JsonlWriter, ".ndjson": _JsonlWriter, ".xlsx": _XlsxWriter}
    kind = kinds.get(suffix)
    if kind is None:
        raise InputError(
            "output format unknown",
            [Problem("UNKNOWN_FORMAT", f"{path}: cannot tell the output format from the suffix {suffix or '(none)'}", Location(str(path)), "name the output .csv, .jsonl or .xlsx")],
        )
    if kind is _XlsxWriter:
        need_openpyxl("writing .xlsx")
    return kind(path, *output_columns(rulesets))


class ProblemWriter:
    """All problems of the bad rows as CSV (source, row, column, code, message, hint), written atomically."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.target = Path(path)
        fd, self.tmp = temp_beside(self.target)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self.csv = csv.writer(self.fh, lineterminator="\n")
        self.csv.writerow(["source", "row", "column", "code", "message", "hint"])

    def write(self, failure: BatchFailure) -> None:
        for p in failure.problems:
            loc = p.location
            self.csv.writerow([loc.file or failure.source, loc.line if loc.line is not None else (failure.line or ""), loc.col or "", p.code, p.message, p.hint or ""])

    def commit(self) -> None:
        self.fh.close()
        os.replace(self.tmp, self.target)

    def abort(self) -> None:
        self.fh.close()
        discard(self.tmp)


# -- templates -------------------------------------------------------------------------------


def template_header(rs: Ruleset) -> list[str]:
    stage = ["stage"] if rs.stages else []
    return ["instansi", "year", *stage, *(f"doc:{d.key}" for d in rs.documents), *(str(n) for n in sorted(rs.numbers))]


def _levels_text(rs: Ruleset, capability: str) -> str:
    lo, hi = rs.scale.min, rs.scale.max
    names = [f"{lv} {rs.scale.level_name(capability, lv) or ''}".strip() for lv in range(lo, hi + 1)]
    return "; ".join(names)


def _doc_text(rs: Ruleset, key: str) -> str:
    doc = rs.document(key)
    from .._engine.explain import describe_condition

    if doc.implied_by is None:
        return f"{doc.name}; wajib diisi bila sebuah aturan memerlukannya (required when a rule needs it)"
    rule = describe_condition(doc.implied_by, rs, {}, {}, "id").replace(" (sekarang None)", "")
    return f"{doc.name}; bila kosong: dianggap ada jika {rule} (empty: inferred)"


def template_rows(rs: Ruleset) -> list[tuple[str, str, str]]:
    """(column, what it holds, allowed values) for every column of the template."""
    from .._model.converter import exact_text as ex

    out = [
        ("instansi", "Nama instansi (institution), wajib", "teks"),
        ("year", "Tahun evaluasi (evaluation year), wajib", "bilangan bulat, mis. 2024"),
    ]
    if rs.stages:
        out.append(("stage", "Tahap penilaian (stage), boleh kosong", ", ".join(s.id for s in rs.stages)))
    for d in rs.documents:
        out.append((f"doc:{d.key}", _doc_text(rs, d.key), "true/false (ya/tidak) atau kosong"))
    aspects = {a.id: a for a in rs.aspects}
    for ind in sorted(rs.indicators, key=lambda i: i.number):
        a = aspects[ind.aspect]
        where = f"{a.domain}/{a.id}" if a.domain else a.id
        out.append((str(ind.number), f"{ind.name} [{where}, bobot {ex(ind.weight)}]", f"{rs.scale.min}..{rs.scale.max}: {_levels_text(rs, ind.capability)}"))
    return out


def write_template(rs: Ruleset, path: str | os.PathLike[str], fmt: str) -> None:
    """Write an empty, documented batch template for ``rs`` (``fmt`` is ``csv`` or ``xlsx``), atomically."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"format must be csv or xlsx, not {fmt!r}")
    with replacing(Path(path)) as tmp:
        (_csv_template if fmt == "csv" else _xlsx_template)(rs, tmp)


def _csv_template(rs: Ruleset, path: Path) -> None:
    lines = [
        f"# Templat penilaian spbe-rules: {rs.title} (ruleset {rs.id} {rs.version})",
        "# Satu baris per penilaian; baris yang diawali # diabaikan. One row per assessment; lines starting with # are ignored.",
        "# Jalankan / run: spbe-rules batch FILE.csv -o hasil.csv" + f" --ruleset {rs.id}",
        "# Kolom (columns):",
    ]
    for col, what, allowed in template_rows(rs):
        lines.append(f"#   {col}: {what} -- {allowed}")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(template_header(rs))
    text = "\n".join(lines) + "\n" + buf.getvalue()
    path.write_text(text, encoding="utf-8")


def _xlsx_template(rs: Ruleset, path: Path) -> None:
    openpyxl = need_openpyxl("an .xlsx template")
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    header = template_header(rs)
    ws.append(header)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for k in range(1, len(header) + 1):
        cell = ws.cell(row=1, column=k)
        cell.font = bold
        cell.fill = fill
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 40
    last = 5000
    first_ind = len(header) - len(rs.numbers) + 1
    levels = DataValidation(type="whole", operator="between", formula1=str(rs.scale.min), formula2=str(rs.scale.max), allow_blank=True)
    levels.error = f"Level harus bilangan bulat {rs.scale.min}..{rs.scale.max}"
    levels.errorTitle = "Level"
    levels.add(f"{get_column_letter(first_ind)}2:{get_column_letter(len(header))}{last}")
    ws.add_data_validation(levels)
    year = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True)
    year.add(f"B2:B{last}")
    ws.add_data_validation(year)
    if rs.stages:
        stages = DataValidation(type="list", formula1='"' + ",".join(s.id for s in rs.stages) + '"', allow_blank=True)
        stages.add(f"C2:C{last}")
        ws.add_data_validation(stages)
    if rs.documents:
        col0 = header.index(f"doc:{rs.documents[0].key}") + 1
        flags = DataValidation(type="list", formula1='"ya,tidak"', allow_blank=True)
        flags.add(f"{get_column_letter(col0)}2:{get_column_letter(col0 + len(rs.documents) - 1)}{last}")
        ws.add_data_validation(flags)
    info = wb.create_sheet(HELP_SHEET)
    info.append([f"Templat penilaian spbe-rules: {rs.title} (ruleset {rs.id} {rs.version})"])
    info.append(["Isi lembar 'penilaian': satu baris per penilaian. Fill in the 'penilaian' sheet: one row per assessment."])
    info.append([f"Jalankan / run: spbe-rules batch FILE.xlsx -o hasil.xlsx --ruleset {rs.id}"])
    info.append([])
    info.append(["kolom (column)", "isi (meaning)", "nilai yang diizinkan (allowed values)"])
    for k in range(1, 4):
        info.cell(row=5, column=k).font = bold
    for row in template_rows(rs):
        info.append(list(row))
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 90
    info.column_dimensions["C"].width = 70
    for r in info.iter_rows(min_row=6):
        for cell in r:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)


# -- reading results back (for reports) --------------------------------------------------------


def read_results(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The records of a batch output (``.jsonl`` or ``.csv`` as written by :class:`BatchWriter`)."""
    p = Path(path)
    suffix = p.suffix.lower()
    source = str(p)
    if suffix in (".jsonl", ".ndjson"):
        with open(p, encoding="utf-8") as fh:
            for line_no, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    rec = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise InputError("results cannot be read", [Problem("BAD_JSON", exc.msg, Location(source, line_no, exc.colno), "give the .jsonl written by spbe-rules batch")]) from None
                yield _checked_record(rec, source, line_no)
        return
    if suffix == ".csv":
        with open(p, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            for rec in reader:
                domains = {k[7:]: v for k, v in rec.items() if k and k.startswith("domain:") and v}
                aspects = {k[7:]: v for k, v in rec.items() if k and k.startswith("aspect:") and v}
                levels = {k[6:]: int(v) for k, v in rec.items() if k and k.startswith("level:") and v}
                out: dict[str, Any] = {k: v for k, v in rec.items() if k and ":" not in k}
                out.update(domains=domains, aspects=aspects, effective_levels=levels, stage=rec.get("stage") or None)
                yield _checked_record(out, source, reader.line_num)
        return
    raise InputError("results format unknown", [Problem("UNKNOWN_FORMAT", f"{p.name}: give the .jsonl or .csv written by spbe-rules batch", Location(source), None)])


def _checked_record(rec: Any, source: str, line: int) -> dict[str, Any]:
    need = ("instansi", "year", "index", "index_exact", "predikat", "ruleset")
    if not isinstance(rec, dict) or any(k not in rec for k in need):
        missing = [k for k in need if not isinstance(rec, dict) or k not in rec]
        raise InputError("results cannot be read", [Problem("REQUIRED", f"the record lacks {', '.join(missing)}", Location(source, line), "give the output of spbe-rules batch")])
    try:
        rec["year"] = int(rec["year"])
    except (TypeError, ValueError):
        raise InputError("results cannot be read", [Problem("TYPE", f"year {rec['year']!r} is not a whole number", Location(source, line), None)]) from None
    return rec


_ = Iterable

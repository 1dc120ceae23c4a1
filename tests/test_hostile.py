"""The hostile-input corpus of ``tests/hostile/*.json`` (issue 11), run case by case.

The format is described in ``tests/hostile/README.md``. Every case runs in a forked child
(``os.fork``: the library is already imported, so a case costs milliseconds) with a memory cap
and a hard wall-clock limit; the parent checks the exit status, stdout, stderr, the files left
in the case's folder and the child's CPU time against the case's bound.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import resource
import signal
import stat
import sys
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import spbe_rules

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "hostile"
EXAMPLE_CSV = ROOT / "examples" / "batch" / "opd-contoh-2023-2024.csv"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not (ROOT / "examples").is_dir(), reason="needs os.fork and the source tree")

WALL_LIMIT = 10.0  # seconds before a child is killed (a hang that uses no CPU, e.g. a FIFO)
MEMORY_HEADROOM = 768 * 1024 * 1024


# -- generators of hostile files -----------------------------------------------------------------


def _installed_folder() -> str:
    """The folder of the installed rulesets (``{installed}`` in texts)."""
    from spbe_rules._loading.registry import installed_paths

    return str(next(iter(installed_paths().values())).parent)


def _text(spec: Any) -> str:
    """A text value: a string, or {"repeat": TEXT, "n": N, "prefix": ..., "suffix": ...}."""
    if isinstance(spec, str):
        return spec.replace("{repo}", str(ROOT)).replace("{installed}", _installed_folder())
    if isinstance(spec, dict) and "repeat" in spec:
        return _text(spec.get("prefix", "")) + _text(spec["repeat"]) * int(spec["n"]) + _text(spec.get("suffix", ""))
    raise ValueError(f"not a text spec: {spec!r}")


def _gen_copy(path: Path, spec: dict[str, Any]) -> None:
    path.write_bytes(Path(_text(spec["from"])).read_bytes())


def _gen_edit(path: Path, spec: dict[str, Any]) -> None:
    text = Path(_text(spec["from"])).read_text(encoding="utf-8")
    for old, new in spec.get("replace", []):
        assert old in text, f"{spec['from']}: {old!r} not found"
        text = text.replace(old, _text(new), 1)
    path.write_text(text + _text(spec.get("append", "")), encoding="utf-8")


def _gen_repeat(path: Path, spec: dict[str, Any]) -> None:
    path.write_bytes(_text(spec).encode("utf-8"))


def _gen_deep(path: Path, spec: dict[str, Any]) -> None:
    n = int(spec["depth"])
    path.write_text(_text(spec.get("prefix", "")) + "[" * n + "]" * n + _text(spec.get("suffix", "")), encoding="utf-8")


def _example_rows(count: int) -> tuple[list[str], list[list[str]]]:
    rows = [r for r in csv.reader(EXAMPLE_CSV.read_text(encoding="utf-8").splitlines()) if r and not r[0].startswith("#")]
    return rows[0], [list(r) for r in rows[1 : count + 1]]


def _csv_rows(spec: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of the example batch (``rows`` of them), with ``set`` applied:
    ``[ROW, COLUMN, VALUE]`` (ROW 0-based among data rows, COLUMN a header name)."""
    header, rows = _example_rows(int(spec.get("rows", 3)))
    rows = [list(r) for r in rows]
    if "add_column" in spec:  # [NAME, [VALUE of each row]]
        name, values = spec["add_column"]
        header = [*header, name]
        rows = [[*r, _text(v)] for r, v in zip(rows, values)]
    for r, col, value in spec.get("set", []):
        keep = not isinstance(value, (str, dict)) or (isinstance(value, dict) and "raw" in value)
        rows[r][header.index(col)] = value if keep else _text(value)
    return header, rows


def _gen_csv(path: Path, spec: dict[str, Any]) -> None:
    header, rows = _csv_rows(spec)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    lines = []
    for row in rows:
        b = io.StringIO()
        csv.writer(b, lineterminator="\n").writerow(row)
        lines.append(b.getvalue())
    for at, raw in spec.get("raw_lines", []):  # [BEFORE_ROW, TEXT]: a raw line inserted before data row BEFORE_ROW
        lines.insert(at, _text(raw) + "\n")
    path.write_text(buf.getvalue() + "".join(lines), encoding="utf-8")


def _cell_xml(ref: str, value: Any) -> str:
    if isinstance(value, dict) and "raw" in value:
        return value["raw"].replace("{ref}", ref)
    if value is None or value == "":
        return ""
    if isinstance(value, int) or (isinstance(value, str) and re.fullmatch(r"-?\d+", value) and len(value) < 6):
        return f'<c r="{ref}" t="n"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _col_letter(k: int) -> str:
    s = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        s = chr(65 + r) + s
    return s


_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="penilaian" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def _sheet_xml(header: list[str], rows: list[list[Any]], doctype: str = "", tail: str = "") -> str:
    out = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:BP4"/><sheetData>'
    ]
    for i, row in enumerate([header, *rows], start=1):
        out.append(f'<row r="{i}">' + "".join(_cell_xml(f"{_col_letter(k)}{i}", v) for k, v in enumerate(row)) + "</row>")
    out.append(tail)
    out.append("</sheetData></worksheet>")
    return "".join(out)


def _shared_xml(strings: list[str]) -> str:
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'


def _gen_xlsx(path: Path, spec: dict[str, Any]) -> None:
    """A workbook with one sheet ``penilaian`` built from the example batch rows (``rows``,
    ``set`` as for csv; a value {"raw": XML} is written as the cell's XML), ``shared``
    strings, an optional ``doctype`` before the sheet's root, ``tail`` XML after the rows and
    ``truncate`` (cut the sheet's XML to this many characters: broken XML)."""
    header, rows = _csv_rows(spec)
    sheet = _sheet_xml(header, rows, _text(spec.get("doctype", "")), _text(spec.get("tail", "")))
    if "truncate" in spec:
        sheet = sheet[: int(spec["truncate"])]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB)
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/sharedStrings.xml", _shared_xml(list(spec.get("shared", ["x"]))))
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _gen_zip_bomb(path: Path, spec: dict[str, Any]) -> None:
    """A workbook whose sheet holds one cell of ``mib`` MiB of text (compressed about 1000:1);
    with ``declare_mib`` the size recorded in the zip is that instead (a lying header)."""
    header, rows = _example_rows(2)
    head = (_sheet_xml(header, rows).split("</sheetData>")[0] + '<row r="4"><c r="A4" t="inlineStr"><is><t>').encode()
    tail = b"</t></is></c></row></sheetData></worksheet>"
    mib = int(spec["mib"])
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    parts = [comp.compress(head)]
    chunk = b"A" * (1 << 20)
    for _ in range(mib):
        parts.append(comp.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    parts.append(comp.compress(tail))
    crc = zlib.crc32(tail, crc)
    parts.append(comp.flush())
    size = len(head) + mib * (1 << 20) + len(tail)
    entries = [
        (n, _deflate(t.encode()), zlib.crc32(t.encode()), len(t.encode()))
        for n, t in (
            ("[Content_Types].xml", _CT),
            ("_rels/.rels", _RELS),
            ("xl/workbook.xml", _WB),
            ("xl/_rels/workbook.xml.rels", _WB_RELS),
            ("xl/sharedStrings.xml", _shared_xml(["x"])),
        )
    ]
    declared = int(spec.get("declare_mib", 0)) * (1 << 20) or size
    entries.append(("xl/worksheets/sheet1.xml", b"".join(parts), crc, declared))
    _write_zip(path, entries)


def _write_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of already deflated entries (name, data, crc32, uncompressed size as recorded)."""
    import struct

    out = io.BytesIO()
    central = []
    for name, data, crc, size in entries:
        offset = out.tell()
        fname = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc & 0xFFFFFFFF, len(data), size, len(fname), 0))
        out.write(fname)
        out.write(data)
        central.append(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc & 0xFFFFFFFF, len(data), size, len(fname), 0, 0, 0, 0, 0, offset) + fname
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    path.write_bytes(out.getvalue())


def _gen_fifo(path: Path, spec: dict[str, Any]) -> None:
    os.mkfifo(path)


def _gen_symlink(path: Path, spec: dict[str, Any]) -> None:
    os.symlink(_text(spec["to"]), path)


def _gen_device(path: Path, spec: dict[str, Any]) -> None:
    if os.geteuid() != 0:
        pytest.skip("creating a device node needs root")
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null


def _gen_folder(path: Path, spec: dict[str, Any]) -> None:
    path.mkdir()
    for name, sub in spec["files"].items():
        make_file(path / name, sub)


def _gen_numbered(path: Path, spec: dict[str, Any]) -> None:
    """``prefix`` then ``line`` with ``{i}`` numbered from ``start`` (``n`` lines)."""
    start = int(spec.get("start", 1))
    body = "".join(spec["line"].replace("{i}", str(i)) for i in range(start, start + int(spec["n"])))
    path.write_text(_text(spec.get("prefix", "")) + body, encoding="utf-8")


def _gen_json(path: Path, spec: dict[str, Any]) -> None:
    path.write_text(json.dumps(spec["value"]), encoding="utf-8")


GENERATORS: dict[str, Callable[[Path, dict[str, Any]], None]] = {
    "copy": _gen_copy,
    "edit": _gen_edit,
    "repeat": _gen_repeat,
    "deep": _gen_deep,
    "csv": _gen_csv,
    "xlsx": _gen_xlsx,
    "zip_bomb": _gen_zip_bomb,
    "fifo": _gen_fifo,
    "symlink": _gen_symlink,
    "device": _gen_device,
    "folder": _gen_folder,
    "json": _gen_json,
    "numbered": _gen_numbered,
}


def make_file(path: Path, spec: Any) -> None:
    if isinstance(spec, str):
        path.write_text(_text(spec), encoding="utf-8")
        return
    GENERATORS[spec["gen"]](path, spec)


# -- running a case in a child process -------------------------------------------------------------


def _value(spec: Any, folder: Path) -> Any:
    """A Python value from the JSON of an API case."""
    if isinstance(spec, dict):
        if "$decimal" in spec:
            return Decimal(spec["$decimal"])
        if "$fraction" in spec:
            return Fraction(spec["$fraction"])
        if "$int_digits" in spec:
            return int("7" * int(spec["$int_digits"])) if int(spec["$int_digits"]) <= 4000 else _big_int(int(spec["$int_digits"]))
        if "$deep_json" in spec:
            return "[" * int(spec["$deep_json"]) + "]" * int(spec["$deep_json"])
        if "$text_fraction_digits" in spec:
            n = int(spec["$text_fraction_digits"])
            return "7" * n + "/" + "3" * n
        if "$path" in spec:
            return folder / spec["$path"]
        if "$float" in spec:
            return float(spec["$float"])
        if "$int_keys" in spec:
            return {int(k): _value(v, folder) for k, v in spec["$int_keys"].items()}
        return {k: _value(v, folder) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_value(v, folder) for v in spec]
    if isinstance(spec, str):
        return _text(spec)
    return spec


def _big_int(digits: int) -> int:
    return 7 * (10 ** (digits - 1))


def _hostile_plan(target: Any, budget: Any = None) -> Any:
    """``plan`` on the example assessment towards ``target``, with an optional budget."""
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    a = spbe_rules.load_assessment(ROOT / "examples" / "kabupaten-contoh-2024.yaml")
    limits = spbe_rules.analysis.Limits(budget=budget) if budget is not None else None
    return spbe_rules.plan(rs, a, target, None, limits)


def _hostile_result_json(index_exact: str) -> Any:
    """``result_from_json`` on the JSON of a real result whose ``index_exact`` is replaced."""
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    a = spbe_rules.load_assessment(ROOT / "examples" / "kabupaten-contoh-2024.yaml")
    data = json.loads(spbe_rules.evaluate(rs, a).to_json())
    data["index_exact"] = index_exact
    return spbe_rules.result_from_json(json.dumps(data))


def _hostile_deep_mapping(depth: int) -> Any:
    """``parse_assessment`` of a mapping whose ``levels`` are nested ``depth`` deep."""
    value: Any = 3
    for _ in range(depth):
        value = {"1": value}
    return spbe_rules.parse_assessment({"instansi": "X", "year": 2024, "levels": value})


def _hostile_run_suite(path: Path, allow: list[Path] | None = None) -> Any:
    """``run_suite`` of the suite file ``path`` (with ``allow_dirs``)."""
    return spbe_rules.run_suite(spbe_rules.load_suite(path), allow_dirs=allow or ())


def _hostile_batch_allowed(path: Path, allow: list[Path]) -> Any:
    """``evaluate_many`` of the rows of a batch file, iterated inside ``allow_dirs(allow)``."""
    from spbe_rules.batch import BatchFailure, read_rows

    with spbe_rules.allow_dirs(allow):
        out = list(spbe_rules.evaluate_many(None, read_rows(path)))
    bad = [o for o in out if isinstance(o, BatchFailure)]
    if bad:
        raise bad[0].error
    return len(out)


HELPERS: dict[str, Callable[..., Any]] = {
    "_hostile_run_suite": _hostile_run_suite,
    "_hostile_batch_allowed": _hostile_batch_allowed,
    "_hostile_plan": _hostile_plan,
    "_hostile_result_json": _hostile_result_json,
    "_hostile_deep_mapping": _hostile_deep_mapping,
}


def _api(call: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if call in HELPERS:
        return HELPERS[call](*args, **kwargs)
    target: Any = spbe_rules
    for part in call.split("."):
        target = getattr(target, part)
    return target(*args, **kwargs)


class Outcome:
    def __init__(self, status: int | None, stdout: str, stderr: str, cpu: float, wall: float, result: dict[str, Any]) -> None:
        self.status = status  # None: killed after the wall limit
        self.stdout = stdout
        self.stderr = stderr
        self.cpu = cpu
        self.wall = wall
        self.result = result


def run_forked(folder: Path, body: Callable[[], dict[str, Any]], wall_limit: float = WALL_LIMIT, cpu_limit: int = 5) -> Outcome:
    """Run ``body`` in a forked child with ``folder`` as working directory; its return value
    (JSON) and its exit status come back. The child is killed (SIGXCPU) after ``cpu_limit``
    CPU seconds and (SIGKILL) after ``wall_limit`` seconds."""
    out, err, res = folder / ".stdout", folder / ".stderr", folder / ".result"
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 70
        try:
            os.chdir(folder)
            for fd, name in ((1, out), (2, err)):
                f = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(f, fd)
                os.close(f)
            sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", line_buffering=True)
            sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", line_buffering=True)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                with open("/proc/self/statm") as fh:
                    used = int(fh.read().split()[0]) * resource.getpagesize()
                resource.setrlimit(resource.RLIMIT_AS, (used + MEMORY_HEADROOM, used + MEMORY_HEADROOM))
            except (OSError, ValueError):
                pass
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 1))
            start = time.process_time()
            try:
                result = body()
            except BaseException as exc:  # noqa: BLE001 (reported to the parent)
                result = {"exception": type(exc).__name__, "traceback": traceback.format_exc()[-3000:]}
            result["cpu"] = time.process_time() - start
            code = int(result.pop("exit", 0))
            sys.stdout.flush()
            sys.stderr.flush()
            with open(res, "w", encoding="utf-8") as fh:
                json.dump(result, fh, default=str)
        finally:
            os._exit(code)
    start = time.monotonic()
    status: int | None = None
    while True:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(st)
            break
        if time.monotonic() - start > wall_limit:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.005)
    wall = time.monotonic() - start
    result: dict[str, Any] = {}
    if res.exists():
        result = json.loads(res.read_text(encoding="utf-8"))
    stdout = out.read_text(encoding="utf-8", errors="replace") if out.exists() else ""
    stderr = err.read_text(encoding="utf-8", errors="replace") if err.exists() else ""
    for f in (out, err, res):
        f.unlink(missing_ok=True)
    return Outcome(status, stdout, stderr, float(result.get("cpu", wall)), wall, result)


def _cli_body(args: list[str]) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        from spbe_rules._cli.main import main

        try:
            code = main(args)
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
        return {"exit": code}

    return body


def _api_body(call: str, args: list[Any], kwargs: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        try:
            value = _api(call, args, kwargs)
            if hasattr(value, "__iter__") and not isinstance(value, (str, bytes, dict)) and call.endswith(("read_rows", "evaluate_many")):
                value = list(value)
        except spbe_rules.SpbeError as exc:
            codes = [p.code for p in getattr(exc, "problems", ())] + ([exc.code] if isinstance(exc, spbe_rules.Problem) else [])
            return {"error": type(exc).__name__, "mro": [k.__name__ for k in type(exc).__mro__], "codes": codes, "message": str(exc)[:5000]}
        except BaseException as exc:  # noqa: BLE001
            return {"error": type(exc).__name__, "untyped": True, "message": f"{exc}"[:2000], "traceback": traceback.format_exc()[-3000:]}
        try:
            shown = repr(value)[:2000]
        except ValueError:  # e.g. an int too long to print: the call itself succeeded
            shown = f"<{type(value).__name__}>"
        return {"ok": True, "value": shown}

    return body


# -- the cases -----------------------------------------------------------------------------------


def load_cases() -> list[Any]:
    params = []
    seen: set[str] = set()
    for path in sorted(CORPUS.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(cases, list), f"{path.name}: a list of cases"
        for case in cases:
            assert case["id"] not in seen, f"{path.name}: case id {case['id']!r} twice"
            seen.add(case["id"])
            assert ("cli" in case) != ("api" in case), f"{case['id']}: give cli or api"
            assert case.get("class") and case.get("description") and case.get("expect"), f"{case['id']}: class, description and expect are required"
            marks = [pytest.mark.xfail(strict=True, reason=f"open: {case['open']}")] if case.get("open") else []
            params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


CASES = load_cases()


def _snapshot(folder: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for p in folder.iterdir():
        st = os.lstat(p)
        if stat.S_ISREG(st.st_mode):
            out[p.name] = ("regular", p.read_bytes() if st.st_size < (8 << 20) else st.st_size)
        else:
            out[p.name] = (stat.filemode(st.st_mode)[0], None)
    return out


def _kind(path: Path) -> str:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "absent"
    if stat.S_ISLNK(st.st_mode):
        return "symlink"
    if stat.S_ISFIFO(st.st_mode):
        return "fifo"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return "device"
    if stat.S_ISDIR(st.st_mode):
        return "folder"
    return "regular"


def _data_rows(path: Path) -> int:
    if path.suffix == ".csv":
        return sum(1 for _ in csv.reader(path.read_text(encoding="utf-8").splitlines())) - 1
    if path.suffix in (".jsonl", ".ndjson"):
        return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
            return z.read(sorted(names)[0]).decode().count("<row ") - 1
    raise AssertionError(f"cannot count rows of {path}")


def _xlsx_cell(path: Path, ref: str) -> str:
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        xml = z.read(names[0]).decode()
    m = re.search(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml)
    assert m, f"no cell {ref} in {path.name}"
    return m.group(0)


@pytest.fixture(scope="module", autouse=True)
def _installed_rulesets_in_memory() -> None:
    """Load every installed ruleset once, so each forked case finds them in memory (a case is
    timed on its hostile part, not on building six rulesets from YAML)."""
    for info in spbe_rules.installed_rulesets():
        spbe_rules.load_ruleset(info.id)


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    monkeypatch.setenv("SPBE_RULES_CACHE_DIR", str(tmp_path / "cache"))
    for name, spec in case.get("files", {}).items():
        make_file(folder / name, spec)
    before = _snapshot(folder)
    expect = case["expect"]
    if "cli" in case:
        body = _cli_body([_text(a) for a in case["cli"]])
    else:
        api = case["api"]
        body = _api_body(api["call"], _value(api.get("args", []), folder), _value(api.get("kwargs", {}), folder))
    bound = float(expect.get("seconds", 1))
    got = run_forked(folder, body, cpu_limit=int(bound * 2) + 1)
    where = f"{case['id']} ({case['description']})"
    assert got.status is not None, f"{where}: still running after {WALL_LIMIT} s (killed)"
    assert got.status != -signal.SIGXCPU, f"{where}: still running after {int(bound * 2) + 1} s of CPU (killed)"
    assert "exception" not in got.result, f"{where}: the driver failed: {got.result}"
    text = got.stdout + got.stderr
    assert "Traceback" not in text, f"{where}: a traceback\n{got.stderr[-3000:]}"
    assert "internal error" not in text, f"{where}: {got.stderr[-2000:]}"
    assert got.cpu <= bound, f"{where}: took {got.cpu:.2f} s of CPU (bound {bound} s)"
    if "cli" in case:
        assert got.status == expect["exit"], f"{where}: exit {got.status}, expected {expect['exit']}\nstderr: {got.stderr[-3000:]}"
        if expect.get("stdout", "empty" if expect["exit"] != 0 else None) == "empty":
            assert got.stdout == "", f"{where}: stdout is not empty on failure: {got.stdout[:500]!r}"
        elif isinstance(expect.get("stdout"), str):
            assert expect["stdout"] in got.stdout, f"{where}: stdout lacks {expect['stdout']!r}"
        codes = re.findall(r"\[([A-Z][A-Z0-9_]*)\]", got.stderr)
        stderr = got.stderr
    else:
        r = got.result
        if expect.get("ok"):
            assert r.get("ok"), f"{where}: expected success, got {r}"
        else:
            assert not r.get("untyped"), f"{where}: untyped {r.get('error')}: {r.get('message')}\n{r.get('traceback', '')}"
            assert expect["error"] in r.get("mro", []), f"{where}: raised {r.get('error')}, expected {expect['error']}: {r.get('message')}"
        codes = r.get("codes", [])
        stderr = r.get("message", "")
    for code in [*([expect["code"]] if "code" in expect else []), *expect.get("codes", [])]:
        assert code in codes, f"{where}: no [{code}] among {codes}\n{stderr[-3000:]}"
    if "at" in expect:
        assert expect["at"] in stderr, f"{where}: the place {expect['at']} is not named\n{stderr[-3000:]}"
    for part in [expect["stderr"]] if isinstance(expect.get("stderr"), str) else expect.get("stderr", []):
        assert _text(part) in stderr, f"{where}: stderr lacks {part!r}\n{stderr[-3000:]}"
    for part in expect.get("not_stdout", []):
        assert part not in got.stdout, f"{where}: stdout has {part!r}"
    for part in expect.get("not_stderr", []):
        assert _text(part) not in stderr, f"{where}: stderr has {part!r}"
    if "stderr_max_lines" in expect:
        n = len(got.stderr.splitlines())
        assert n <= expect["stderr_max_lines"], f"{where}: {n} lines of errors (cap {expect['stderr_max_lines']})"
    if "rows" in expect:
        out = folder / expect["rows"]["file"]
        assert out.is_file(), f"{where}: {out.name} was not written\n{stderr[-2000:]}"
        assert _data_rows(out) == expect["rows"]["count"], f"{where}: {_data_rows(out)} rows in {out.name}, expected {expect['rows']['count']}"
    for cell in [expect["cell"]] if isinstance(expect.get("cell"), dict) else expect.get("cell", []):
        out = folder / cell["file"]
        if out.suffix == ".csv":
            rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
            value = rows[cell["row"]][rows[0].index(cell["column"])]
            assert value == _text(cell["equals"]), f"{where}: cell {cell['column']} of row {cell['row']} is {value!r}"
        else:
            xml = _xlsx_cell(out, cell["ref"])
            assert f't="{cell["type"]}"' in xml and "<f>" not in xml, f"{where}: cell {cell['ref']} is {xml[:300]}"
    if "xlsx_fixed_time" in expect:
        with zipfile.ZipFile(folder / expect["xlsx_fixed_time"]) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}, f"{where}: zip entries carry the time of the run"
            assert b"1980-01-01T00:00:00Z" in z.read("docProps/core.xml"), f"{where}: the document carries the time of the run"
    for name, kind in expect.get("paths", {}).items():
        p = folder / name
        if kind == "unchanged":
            assert _snapshot(folder).get(name) == before.get(name), f"{where}: {name} was changed"
        else:
            assert _kind(p) == kind, f"{where}: {name} is {_kind(p)}, expected {kind}"
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".") and p.name not in before]
    assert not leftovers, f"{where}: temporary files left: {leftovers}"


def test_the_corpus_covers_every_attack_class() -> None:
    classes = {c.values[0]["class"] for c in CASES}  # type: ignore[index]
    assert {"number-size", "paths", "formula", "batch-rows", "workbook", "output", "text-output", "nesting"} <= classes, classes
    assert len(CASES) >= 60

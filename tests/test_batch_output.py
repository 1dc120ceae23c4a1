"""Where batch output goes (issue 11): ``-o -`` writes to standard output in the format given by
``--format`` (``.xlsx`` only when standard output is not a terminal), with nothing else on stdout
and nothing at all when the run fails; ``--errors -``; the same rule for ``template``; the error
summary on stderr is capped with a count of what it leaves out; ``.xlsx`` outputs are the same
bytes from run to run."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from spbe_rules._cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "batch" / "opd-contoh-2023-2024.csv"

pytestmark = pytest.mark.skipif(not EXAMPLE_CSV.is_file(), reason="needs the source tree (examples/)")


def _run(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, str]:
    code = main(list(args))
    out, err = capsysbinary.readouterr()
    return code, out, err.decode("utf-8")


def _with_bad_rows(path: Path, bad: int) -> None:
    """The example with its first ``bad`` rows given level 9 for indicator 5 (column 11)."""
    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split(",")
    k = header.index("5")
    rows = [line.split(",") for line in lines[1:]]
    for r in rows[:bad]:
        r[k] = "9"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_dash_writes_the_same_bytes_to_stdout(fmt: str, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out = tmp_path / f"hasil.{fmt}"
    code, stdout, err = _run(capsysbinary, "batch", str(EXAMPLE_CSV), "-o", str(out))
    assert (code, stdout) == (0, b""), err
    code, stdout, err = _run(capsysbinary, "batch", str(EXAMPLE_CSV), "-o", "-", "--format", fmt)
    assert code == 0, err
    assert stdout == out.read_bytes()  # the output and nothing else
    assert "hasil di keluaran standar" in err
    code, _, err = _run(capsysbinary, "batch", str(EXAMPLE_CSV), "-o", "-", "--format", fmt, "--lang", "en")
    assert "results in standard output" in err


def test_dash_needs_a_format(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, stdout, err = _run(capsysbinary, "batch", str(EXAMPLE_CSV), "-o", "-")
    assert (code, stdout) == (2, b"")
    assert "[UNKNOWN_FORMAT]" in err and "--format" in err and "keluaran standar" in err
    code, stdout, err = _run(capsysbinary, "batch", str(EXAMPLE_CSV), "-o", "-", "--lang", "en")
    assert (code, stdout) == (2, b"") and "standard output" in err


def test_a_format_that_contradicts_the_suffix_is_refused(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    code, stdout, err = _run(capsysbinary, "batch", str(EXAMPLE_CSV), "-o", str(tmp_path / "hasil.csv"), "--format", "jsonl")
    assert (code, stdout) == (2, b"") and "[FORMAT_MISMATCH]" in err
    assert not (tmp_path / "hasil.csv").exists()
    # a suffix that names no format takes --format
    code, _, err = _run(capsysbinary, "batch", str(EXAMPLE_CSV), "-o", str(tmp_path / "hasil.txt"), "--format", "jsonl")
    assert code == 0, err
    assert (tmp_path / "hasil.txt").read_text(encoding="utf-8").startswith('{"instansi":')


def test_bad_rows_with_dash(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    src = tmp_path / "in.csv"
    _with_bad_rows(src, 2)
    code, stdout, err = _run(capsysbinary, "batch", str(src), "-o", "-", "--format", "csv", "--errors", str(tmp_path / "masalah.csv"))
    assert code == 1
    lines = stdout.decode("utf-8").splitlines()
    assert lines[0].startswith("instansi,year,") and len(lines) == 1 + 18  # the good rows, on stdout only
    assert "[LEVEL_OUT_OF_SCALE]" in err and "[LEVEL_OUT_OF_SCALE]" not in stdout.decode("utf-8")
    assert len((tmp_path / "masalah.csv").read_text(encoding="utf-8").splitlines()) == 1 + 2


def test_stop_on_error_writes_nothing_on_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    src = tmp_path / "in.csv"
    _with_bad_rows(src, 1)
    lines = src.read_text(encoding="utf-8").splitlines()
    src.write_text("\n".join([lines[0], *lines[2:], lines[1]]) + "\n", encoding="utf-8")  # the bad row comes last: good rows were evaluated first
    for fmt in ("csv", "jsonl", "xlsx"):
        code, stdout, err = _run(capsysbinary, "batch", str(src), "-o", "-", "--format", fmt, "--stop-on-error")
        assert (code, stdout) == (2, b""), (fmt, err)
        assert "[LEVEL_OUT_OF_SCALE]" in err


def test_errors_to_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    src = tmp_path / "in.csv"
    _with_bad_rows(src, 3)
    out = tmp_path / "hasil.csv"
    code, stdout, err = _run(capsysbinary, "batch", str(src), "-o", str(out), "--errors", "-")
    assert code == 1, err
    rows = stdout.decode("utf-8").splitlines()
    assert rows[0] == "source,row,column,code,message,hint" and len(rows) == 1 + 3
    assert all(",LEVEL_OUT_OF_SCALE," in r for r in rows[1:])
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 17
    code, stdout, err = _run(capsysbinary, "batch", str(src), "-o", "-", "--format", "csv", "--errors", "-")
    assert (code, stdout) == (2, b"") and "[BOTH_STDOUT]" in err


def test_error_summary_is_capped_with_a_count(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    src = tmp_path / "in.csv"
    _with_bad_rows(src, 20)  # every row of the example: 20 problems, all shown
    code, _, err = _run(capsysbinary, "batch", str(src), "-o", str(tmp_path / "hasil.csv"))
    assert code == 1 and err.count("[LEVEL_OUT_OF_SCALE]") == 20 and "tidak ditampilkan" not in err
    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split(",")
    rows = []
    for k in range(45):  # 45 rows, each with two bad cells: 90 problems
        r = lines[1 + k % 20].split(",")
        r[0] = f"Instansi {k}"
        r[header.index("5")] = "y"
        r[header.index("6")] = "x"
        rows.append(",".join(r))
    src.write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    code, _, err = _run(capsysbinary, "batch", str(src), "-o", str(tmp_path / "hasil.csv"))
    assert code == 1
    shown = [line for line in err.splitlines() if "in.csv:" in line]
    assert len(shown) == 20
    assert "dan 70 masalah lain di 35 baris lain tidak ditampilkan" in err  # 10 rows shown in full, 35 not
    code, _, err = _run(capsysbinary, "batch", str(src), "-o", str(tmp_path / "hasil.csv"), "--lang", "en")
    assert "and 70 more problems in 35 more rows not shown" in err


def test_template_to_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    out = tmp_path / "t.csv"
    assert _run(capsysbinary, "template", "--ruleset", "pedoman-3-2024", "-o", str(out))[0] == 0
    code, stdout, err = _run(capsysbinary, "template", "--ruleset", "pedoman-3-2024", "-o", "-", "--format", "csv")
    assert code == 0 and stdout == out.read_bytes()
    assert "keluaran standar" in err
    code, stdout, err = _run(capsysbinary, "template", "--ruleset", "pedoman-3-2024", "-o", "-")
    assert (code, stdout) == (2, b"") and "[UNKNOWN_FORMAT]" in err
    assert not Path("-").exists()  # never a file named "-"


def _cli(*args: str, cwd: Path, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "spbe_rules", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, timeout=120, check=False)


@pytest.mark.skipif(pytest.importorskip("openpyxl") is None, reason="needs openpyxl")
def test_xlsx_to_a_pipe_but_never_to_a_terminal(tmp_path: Path) -> None:
    got = _cli("batch", str(EXAMPLE_CSV), "-o", "hasil.xlsx", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    piped = _cli("batch", str(EXAMPLE_CSV), "-o", "-", "--format", "xlsx", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == (tmp_path / "hasil.xlsx").read_bytes()  # byte for byte: .xlsx output is reproducible
    controller, terminal = pty.openpty()
    try:
        shown = _cli("batch", str(EXAMPLE_CSV), "-o", "-", "--format", "xlsx", cwd=tmp_path, stdout=terminal)
        os.set_blocking(controller, False)
        try:
            on_screen = os.read(controller, 65536)
        except BlockingIOError:
            on_screen = b""
    finally:
        os.close(controller)
        os.close(terminal)
    assert shown.returncode == 2
    assert on_screen == b""
    assert b"[BINARY_TO_TERMINAL]" in shown.stderr


@pytest.mark.skipif(pytest.importorskip("openpyxl") is None, reason="needs openpyxl")
@pytest.mark.parametrize(
    "args",
    [
        ["batch", str(EXAMPLE_CSV), "-o", "{out}"],
        ["template", "--ruleset", "pedoman-3-2024", "-o", "{out}"],
        ["kuesioner", "--ruleset", "pedoman-3-2024", "-o", "{out}"],
    ],
    ids=["batch", "template", "kuesioner"],
)
def test_xlsx_outputs_are_the_same_bytes_every_run(args: list[str], tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main([a.replace("{out}", str(first)) for a in args]) == 0
    os.utime(tmp_path, (0, 0))  # a later clock second must not matter either
    assert main([a.replace("{out}", str(second)) for a in args]) == 0
    capsysbinary.readouterr()
    assert first.read_bytes() == second.read_bytes()


def test_a_bad_ruleset_cell_costs_only_its_row(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split(",")
    header.insert(2, "ruleset")
    rows = []
    for k, ref in enumerate(["/dev/zero", "x" * 300, str(EXAMPLE_CSV), ""]):
        r = lines[1 + k].split(",")
        r.insert(2, ref)
        rows.append(",".join(r))
    src = tmp_path / "in.csv"
    src.write_text("\n".join([",".join(header), *rows]) + "\n", encoding="utf-8")
    code, _, err = _run(capsysbinary, "batch", str(src), "-o", str(tmp_path / "hasil.csv"), "--lang", "en")
    assert code == 1, err
    problems = [line for line in err.splitlines() if "[UNKNOWN_RULESET]" in line]
    assert len(problems) == 3
    # the reason, not only "cannot be read": a path named in data is checked before it is opened (issue 11, paths)
    assert "in.csv:2:3:" in problems[0] and "is not the path of a ruleset file" in problems[0]
    assert "in.csv:3:3:" in problems[1] and "x" * 81 not in problems[1]  # a long cell is cut in the message
    assert "in.csv:4:3:" in problems[2]
    assert len((tmp_path / "hasil.csv").read_text(encoding="utf-8").splitlines()) == 1 + 1


def test_any_typed_refusal_of_one_file_costs_only_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import spbe_rules
    from spbe_rules._base.errors import SpbeError
    from spbe_rules._base.messages import Msg
    from spbe_rules._io import batch as batch_module

    real = batch_module.ruleset_for_assessment

    def refuse_x(a: spbe_rules.Assessment, fixed: spbe_rules.Ruleset | None) -> spbe_rules.Ruleset:
        if a.instansi == "X":
            raise SpbeError(Msg("batch.api.chunk_size"))  # any SpbeError that is not a ValidationError
        return real(a, fixed)

    monkeypatch.setattr(batch_module, "ruleset_for_assessment", refuse_x)
    kab = spbe_rules.load_assessment(ROOT / "examples" / "kabupaten-contoh-2024.yaml")
    levels = {n: int(lv) for n, lv in kab.levels.items()}
    rows = [spbe_rules.Assessment.from_levels(levels, year=kab.year, instansi=name) for name in ("A", "X", "Y")]
    outs = list(spbe_rules.evaluate_many(None, rows))
    assert [type(o).__name__ for o in outs] == ["BatchResult", "BatchFailure", "BatchResult"]
    failure = outs[1]
    assert isinstance(failure, batch_module.BatchFailure) and [p.code for p in failure.problems] == ["UNUSABLE"]


def test_neutralised_cells_read_back_as_written(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """The apostrophe that keeps a spreadsheet from running ``=...`` is taken off when the results
    are read back (report --batch), so CSV and JSON Lines results give the same records."""
    from spbe_rules._io.results_read import read_results

    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    rows = [line.split(",") for line in lines[1:3]]
    rows[0][0] = '"=HYPERLINK(""http://x"")"'
    rows[1][0] = "'quoted"  # a name that starts with an apostrophe of its own stays as it is
    src = tmp_path / "in.csv"
    src.write_text("\n".join([lines[0], *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")
    for suffix in ("csv", "jsonl"):
        assert _run(capsysbinary, "batch", str(src), "-o", str(tmp_path / f"hasil.{suffix}"))[0] == 0
    assert "'=HYPERLINK" in (tmp_path / "hasil.csv").read_text(encoding="utf-8")
    from_csv = [r["instansi"] for r in read_results(tmp_path / "hasil.csv")]
    from_jsonl = [r["instansi"] for r in read_results(tmp_path / "hasil.jsonl")]
    assert from_csv == from_jsonl == ['=HYPERLINK("http://x")', "'quoted"]

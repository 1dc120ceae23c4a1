"""Batch input and output speak Bahasa Indonesia by default and English with --lang en (issue 10
item 4): the problems of bad rows, the errors that stop a run, the status lines of ``batch``,
``template`` and ``report --batch``, and the text of a template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spbe_rules._cli.main import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "batch" / "opd-contoh-2023-2024.csv"

pytestmark = pytest.mark.skipif(not EXAMPLE_CSV.is_file(), reason="needs the source tree (examples/)")


def _rows(edit: dict[tuple[int, str], str] | None = None, drop: str | None = None) -> str:
    """The example's header and first three rows, with cells replaced (row index, column name)."""
    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:4]]
    for (k, col), value in (edit or {}).items():
        rows[k][header.index(col)] = value
    if drop is not None:
        j = header.index(drop)
        header = [h for i, h in enumerate(header) if i != j]
        rows = [[c for i, c in enumerate(r) if i != j] for r in rows]
    return "\n".join(",".join(r) for r in [header, *rows]) + "\n"


def _run(capsys: pytest.CaptureFixture[str], args: list[str], lang: str | None) -> tuple[int, str, str]:
    code = main([*args, *(["--lang", lang] if lang else [])])
    out, err = capsys.readouterr()
    return code, out, err


# (what the input does wrong, the cells or header changes, Indonesian text, English text)
ROW_CASES = [
    ("level-out-of-scale", {(1, "5"): "7"}, "bertingkat 7, di luar skala 1..5", "has level 7, outside the scale 1..5"),
    ("not-a-number", {(1, "5"): "tiga"}, "indikator 5: 'tiga' bukan bilangan", "indicator 5: 'tiga' is not a number"),
    ("not-whole", {(1, "5"): "2.5"}, "bukan bilangan bulat", "is not a whole number"),
    ("empty-level", {(1, "5"): ""}, "tidak memiliki tingkat kematangan (sel kosong)", "has no level (empty cell)"),
    ("bad-flag", {(1, "doc:proses_bisnis"): "mungkin"}, "bukan ya atau tidak", "is not true or false"),
    ("unknown-stage", {(1, "stage"): "mandri"}, "bukan tahap penilaian set aturan", "is not a stage of ruleset"),
    ("duplicate", {(1, "instansi"): "Dinas Komunikasi dan Informatika", (1, "year"): "2023"}, "sudah ada pada baris", "already appears in row"),
    ("empty-year", {(1, "year"): ""}, "tahun kosong", "the year is empty"),
]


@pytest.mark.parametrize(("case", "edit", "id_text", "en_text"), ROW_CASES, ids=[c[0] for c in ROW_CASES])
def test_bad_row_problems_in_both_languages(
    case: str, edit: dict[tuple[int, str], str], id_text: str, en_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_rows(edit), encoding="utf-8")
    out = tmp_path / "out.csv"
    code, stdout, err = _run(capsys, ["batch", str(src), "-o", str(out), "--ruleset", "pedoman-3-2024"], None)
    assert code == 1 and stdout == "", err
    assert id_text in err and en_text not in err
    assert "dinilai" in err and "evaluated" not in err  # the status line
    code, stdout, err = _run(capsys, ["batch", str(src), "-o", str(out), "--ruleset", "pedoman-3-2024"], "en")
    assert code == 1 and stdout == ""
    assert en_text in err and id_text not in err
    assert "evaluated" in err and "dinilai" not in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 2  # the two good rows are written


def test_the_errors_file_follows_the_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_rows({(0, "5"): "7"}), encoding="utf-8")
    for lang, text in ((None, "di luar skala"), ("en", "outside the scale")):
        errors = tmp_path / f"errors-{lang}.csv"
        code, _, err = _run(capsys, ["batch", str(src), "-o", str(tmp_path / "out.csv"), "--errors", str(errors)], lang)
        assert code == 1, err
        body = errors.read_text(encoding="utf-8")
        assert body.startswith("source,row,column,code,message,hint\n")  # column names stay stable identifiers
        assert text in body and "[LEVEL_OUT_OF_SCALE]" not in body and "LEVEL_OUT_OF_SCALE" in body


# (the input, Indonesian text, English text) of errors that stop the run (exit 2)
STOP_CASES = [
    ("unknown-column", "instansi,year,tahn,1\nA,2024,x,3\n", "bukan kolom tata letak batch", "not a column of the batch layout"),
    ("no-year-column", "instansi,1\nA,3\n", "baris judul tidak memiliki kolom `year`", "the header has no `year` column"),
    ("only-comments", "# nothing\n", "tidak memiliki baris judul", "has no header row"),
    ("not-utf8", b"instansi,year\n\xff\xfe,2024\n", "bukan teks UTF-8", "not UTF-8 text"),
]


@pytest.mark.parametrize(("case", "text", "id_text", "en_text"), STOP_CASES, ids=[c[0] for c in STOP_CASES])
def test_input_errors_in_both_languages(case: str, text: str | bytes, id_text: str, en_text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    if isinstance(text, bytes):
        src.write_bytes(text)
    else:
        src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.csv"
    code, stdout, err = _run(capsys, ["batch", str(src), "-o", str(out), "--ruleset", "pedoman-3-2024"], None)
    assert (code, stdout) == (2, ""), err
    assert id_text in err and en_text not in err
    code, stdout, err = _run(capsys, ["batch", str(src), "-o", str(out), "--ruleset", "pedoman-3-2024"], "en")
    assert (code, stdout) == (2, "")
    assert en_text in err and id_text not in err
    assert not out.exists()


def test_unknown_output_suffix_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_rows(), encoding="utf-8")
    code, _, err = _run(capsys, ["batch", str(src), "-o", str(tmp_path / "out.txt")], None)
    assert code == 2 and "jenis keluaran tidak dapat dikenali dari akhiran .txt" in err
    code, _, err = _run(capsys, ["batch", str(src), "-o", str(tmp_path / "out.txt")], "en")
    assert code == 2 and "cannot tell the output format from the suffix .txt" in err


def test_template_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    id_file, en_file = tmp_path / "t-id.csv", tmp_path / "t-en.csv"
    code, stdout, err = _run(capsys, ["template", "--ruleset", "pedoman-3-2024", "-o", str(id_file)], None)
    assert (code, stdout) == (0, "") and "templat untuk pedoman-3-2024" in err
    code, stdout, err = _run(capsys, ["template", "--ruleset", "pedoman-3-2024", "-o", str(en_file)], "en")
    assert (code, stdout) == (0, "") and "template for pedoman-3-2024" in err
    id_text, en_text = id_file.read_text(encoding="utf-8"), en_file.read_text(encoding="utf-8")
    assert "Templat penilaian spbe-rules" in id_text and "Nama instansi, wajib" in id_text and "bobot" in id_text
    assert "assessment template" in en_text and "Name of the institution, required" in en_text and "weight" in en_text
    assert "institution" not in id_text and "wajib" not in en_text
    # the header row (the machine-readable part) is the same in both
    assert id_text.splitlines()[-1] == en_text.splitlines()[-1]


def test_report_batch_errors_and_status_in_both_languages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "hasil.jsonl"
    bad.write_text(json.dumps({"instansi": "A", "year": 2024}) + "\n", encoding="utf-8")
    code, _, err = _run(capsys, ["report", "--batch", str(bad), "-o", str(tmp_path / "r.html")], None)
    assert code == 2 and "rekaman tidak memiliki index" in err
    code, _, err = _run(capsys, ["report", "--batch", str(bad), "-o", str(tmp_path / "r.html")], "en")
    assert code == 2 and "the record lacks index" in err
    results = tmp_path / "good.jsonl"
    assert main(["batch", str(EXAMPLE_CSV), "-o", str(results)]) == 0
    capsys.readouterr()
    code, _, err = _run(capsys, ["report", "--batch", str(results), "-o", str(tmp_path / "r.html")], None)
    assert code == 0 and "ringkasan" in err.lower()
    code, _, err = _run(capsys, ["report", "--batch", str(results), "-o", str(tmp_path / "r.html")], "en")
    assert code == 0 and "summary" in err.lower()

"""The command line, run in-process through ``spbe_rules._cli.main.main`` (plus one real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules._cli.main import main

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
EXAMPLES = ROOT / "examples"
KAB_2024 = EXAMPLES / "kabupaten-contoh-2024.yaml"
STAGED_2024 = EXAMPLES / "bertahap-2024.yaml"
NO_DOCS_2023 = EXAMPLES / "tanpa-dokumen-2023.yaml"
BROKEN_RULESET = HERE / "broken" / "rulesets" / "weight-sum-indicators.yaml"
BROKEN_ASSESSMENT = HERE / "broken" / "assessments" / "level-6.yaml"
GOOD_RULESET = HERE / "good" / "minimal.yaml"

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="needs the source tree (examples/)")


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert "internal error" not in err and "kesalahan internal" not in err
    return code, out, err


def expected(path: Path) -> spbe_rules.Result:
    a = spbe_rules.load_assessment(path)
    rs = spbe_rules.load_ruleset(a.ruleset or spbe_rules.ruleset_for_year(a.year))
    return spbe_rules.evaluate(rs, a)


# -- evaluate --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [KAB_2024, STAGED_2024, NO_DOCS_2023], ids=lambda p: p.name)
def test_evaluate_text(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, out, err = cli(capsys, "evaluate", path)
    assert code == 0, err
    assert err == ""
    r = expected(path)
    assert f"Indeks SPBE: {r.index}" in out
    assert f"Predikat: {r.predikat}" in out
    for d in r.domains:
        assert d.index in out
    assert r.instansi in out


def test_evaluate_text_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--lang", "en")
    assert code == 0, err
    assert expected(KAB_2024).index in out


@pytest.mark.parametrize("path", [KAB_2024, STAGED_2024, NO_DOCS_2023], ids=lambda p: p.name)
def test_evaluate_json(capsys: pytest.CaptureFixture[str], path: Path) -> None:
    code, out, err = cli(capsys, "evaluate", path, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    r = expected(path)
    for key in ("index", "index_exact", "predikat", "domains", "aspects", "indicators", "ruleset"):
        assert key in data, key
    assert data["index"] == r.index
    assert data["predikat"] == r.predikat
    assert [d["id"] for d in data["domains"]] == ["D1", "D2", "D3", "D4"]
    assert [d["index"] for d in data["domains"]] == [d.index for d in r.domains]
    assert len(data["aspects"]) == len(r.aspects)
    assert len(data["indicators"]) == 47
    for ind in data["indicators"]:
        assert {"id", "name", "level", "weight"} <= set(ind)
        assert ind["level"] == r.indicator(ind["id"]).level
    rs = spbe_rules.load_ruleset(r.ruleset.id)
    assert data["ruleset"]["id"] == rs.id
    assert data["ruleset"]["version"] == rs.version
    assert data["ruleset"]["sha256"] == rs.sha256 and len(rs.sha256) == 64
    # the JSON is the library's own, and reads back
    back = spbe_rules.result_from_json(out)
    assert back == r


def test_evaluate_json_exact_index(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "evaluate", KAB_2024, "--format", "json")
    assert code == 0
    from fractions import Fraction

    data = json.loads(out)
    assert Fraction(data["index_exact"]) == expected(KAB_2024).index_exact


def test_evaluate_to_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "hasil.json"
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--format", "json", "-o", target)
    assert code == 0, err
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["index"] == expected(KAB_2024).index
    assert [p.name for p in tmp_path.iterdir()] == ["hasil.json"]  # no temporary file left


def test_evaluate_to_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "tidak-ada" / "hasil.json"
    code, out, err = cli(capsys, "evaluate", KAB_2024, "-o", target)
    assert code == 2
    assert out == ""
    assert "tidak ada" in err
    assert not target.exists() and not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_evaluate_missing_lowest(capsys: pytest.CaptureFixture[str]) -> None:
    path = HERE / "broken" / "assessments" / "missing-levels.yaml"
    code, out, err = cli(capsys, "evaluate", path)
    assert code == 2 and out == "" and "[MISSING_LEVEL]" in err
    code, out, err = cli(capsys, "evaluate", path, "--missing", "lowest", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert sorted(i["id"] for i in data["indicators"] if i["filled"]) == list(range(41, 48))


def test_evaluate_unknown_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--ruleset", "permenpanrb-59-2021")
    assert code == 2
    assert out == ""
    assert "permenpanrb-59-2021" in err
    assert "permenpanrb-59-2020" in err  # did you mean / the installed ones


def test_evaluate_with_explicit_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--ruleset", "pedoman-6-2023", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["ruleset"]["id"] == "pedoman-6-2023"


def test_evaluate_nonexistent_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.yaml"
    code, out, err = cli(capsys, "evaluate", missing)
    assert code == 2
    assert out == ""
    assert "[NOT_FOUND]" in err and str(missing) in err


def test_evaluate_broken_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", BROKEN_ASSESSMENT)
    assert code == 2
    assert out == ""
    assert f"{BROKEN_ASSESSMENT}:" in err and "[LEVEL_OUT_OF_SCALE]" in err


def test_unknown_rule_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--enable-rule", "tidak-ada")
    assert code == 2 and out == "" and "[UNKNOWN_RULE]" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evalute", "x.yaml"]) == 2
    err = capsys.readouterr().err
    assert "perintah tidak dikenal" in err and "`evaluate`" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as info:
        main(["evaluate"])  # the file is missing
    assert info.value.code == 2


def test_no_arguments_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from spbe_rules._cli.main import COMMANDS, summary

    assert all(summary(name) for name in COMMANDS), "every command needs a one-line summary"
    assert main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines if line.startswith("  ")] == list(COMMANDS)
    assert lines[0] == "Perintah:"
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line.startswith("  ")]
    assert listed[-len(COMMANDS) :] == list(COMMANDS)
    assert main(["--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Commands:"


def test_a_command_imports_only_its_module() -> None:
    code = (
        "import sys; from spbe_rules._cli.main import main; "
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['rulesets'])\n"
        "import json; print(json.dumps(sorted(m for m in sys.modules if m.startswith('spbe_rules.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    from spbe_rules._cli.main import COMMANDS

    loaded = set(json.loads(out))
    command_modules = {f"spbe_rules.{m}" for m in COMMANDS.values()}
    assert loaded & command_modules == {"spbe_rules._cli.core"}
    assert not any(m.startswith("spbe_rules._analysis") for m in loaded)
    version = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from spbe_rules._cli.entry import run\nsys.argv[1:] = ['--version']\ntry:\n    run()\nexcept SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('spbe_rules.')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert version.startswith("spbe-rules ")
    assert "spbe_rules._loading" not in version and "spbe_rules._cli.core" not in version


# -- validate --------------------------------------------------------------------------------


def test_validate_good_files(capsys: pytest.CaptureFixture[str]) -> None:
    rulesets = sorted((ROOT / "rulesets").glob("*.yaml"))
    files = [KAB_2024, STAGED_2024, NO_DOCS_2023, GOOD_RULESET, *rulesets]
    code, out, err = cli(capsys, "validate", *files)
    assert code == 0, err
    assert err == ""
    lines = out.strip().splitlines()
    assert len(lines) == len(files)
    for f, line in zip(files, lines):
        assert line.startswith(f"{f}: ok"), line


def test_validate_bad_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "validate", BROKEN_RULESET)
    assert code == 2
    assert out == ""
    assert f"{BROKEN_RULESET}:" in err and ": [WEIGHT_SUM]" in err


def test_validate_bad_assessment(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "validate", BROKEN_ASSESSMENT)
    assert code == 2
    assert out == ""
    assert "[LEVEL_OUT_OF_SCALE]" in err


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("rulesets/yaml-syntax.yaml", "YAML_SYNTAX"),
        ("rulesets/yaml-python-tag.yaml", "YAML_TAG"),
        ("rulesets/empty.yaml", "YAML_DOCUMENTS"),
        ("rulesets/extends-unknown.yaml", "EXTENDS_UNKNOWN"),
        ("assessments/invalid-json.json", "JSON_SYNTAX"),
        ("assessments/unknown-stage.yaml", "UNKNOWN_STAGE"),
    ],
)
def test_validate_broken_files(capsys: pytest.CaptureFixture[str], name: str, code: str) -> None:
    path = HERE / "broken" / name
    rc, out, err = cli(capsys, "validate", path)
    assert rc == 2
    assert out == ""
    assert f"[{code}]" in err and str(path) in err


def test_validate_mixed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "validate", KAB_2024, BROKEN_RULESET)
    assert code == 2
    assert out == ""  # nothing on stdout when the command fails (issue 11): the good file is listed with the errors
    assert f"{KAB_2024}: ok" in err and "[WEIGHT_SUM]" in err


def test_validate_nonexistent(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = cli(capsys, "validate", tmp_path / "tidak-ada.yaml")
    assert code == 2 and out == "" and "[NOT_FOUND]" in err


def test_validate_against_other_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    path = HERE / "good" / "assessments" / "kabupaten-uji-2022.yaml"
    code, out, err = cli(capsys, "validate", path)
    assert code == 0, err
    assert "permenpanrb-59-2020" in out


# -- rulesets, show, explain -----------------------------------------------------------------


def test_rulesets_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "rulesets")
    assert code == 0, err
    ids = [p.stem for p in (ROOT / "rulesets").glob("*.yaml")]
    for rid in ids:
        assert rid in out
    assert out.splitlines()[0].split()[:2] == ["ID", "VERSI"]


def test_rulesets_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "rulesets", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert sorted(d["id"] for d in data) == sorted(p.stem for p in (ROOT / "rulesets").glob("*.yaml"))
    by_id = {d["id"]: d for d in data}
    assert by_id["pedoman-6-2023"]["extends"] == "permenpanrb-59-2020"
    assert 2023 in by_id["pedoman-6-2023"]["evaluation_years"]


def test_show_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", "permenpanrb-59-2020")
    assert code == 0, err
    assert out.startswith("permenpanrb-59-2020 ")
    assert "D4 Layanan SPBE" in out
    assert "Kurang" in out and "Memuaskan" in out
    rs = spbe_rules.load_ruleset("permenpanrb-59-2020")
    for ind in rs.indicators:
        assert f" {ind.number} {ind.name}" in out


def test_show_file_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", GOOD_RULESET, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["id"] == "uji-minimal"
    assert [i["number"] for i in data["indicators"]] == [1, 2, 3, 4, 5]


def test_show_without_domains(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", "permenpanrb-8-2026")
    assert code == 0, err
    rs = spbe_rules.load_ruleset("permenpanrb-8-2026")
    for a in rs.aspects:
        assert f"{a.id} {a.name}" in out


def test_show_unknown_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", "permenpanrb-59-2021")
    assert code == 2
    assert out == ""
    assert "permenpanrb-59-2021" in err and "maksud Anda 'permenpanrb-59-2020'" in err


def test_show_broken_ruleset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", BROKEN_RULESET)
    assert code == 2 and out == "" and "[WEIGHT_SUM]" in err


def test_explain_indicator_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", KAB_2024, "--indicator", "21", "--lang", "en")
    assert code == 0, err
    assert "indicator 21" in out.lower()
    assert "Manajemen Risiko" in out
    assert "peta-rencana-manajemen" in out
    assert "indicator 22" not in out.lower()


def test_explain_capped_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    """Without the Peta Rencana SPBE document, indicator 21 (submitted 2) is held at 1."""
    code, out, err = cli(capsys, "explain", NO_DOCS_2023, "--indicator", "21", "--lang", "en")
    assert code == 0, err
    assert "peta-rencana-manajemen" in out
    r = expected(NO_DOCS_2023)
    assert r.indicator(21).level == 2 and r.indicator(21).effective_level == 1


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", KAB_2024, "--indicator", "21", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["node"]["kind"] == "indicator" and data["node"]["id"] == "21"


def test_explain_whole_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", KAB_2024)
    assert code == 0, err
    assert expected(KAB_2024).index in out


def test_explain_unknown_indicator(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", KAB_2024, "--indicator", "99")
    assert code == 2
    assert out == ""
    assert "99" in err


# -- the real entry point ----------------------------------------------------------------------


def test_version_subprocess() -> None:
    proc = subprocess.run([sys.executable, "-m", "spbe_rules", "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"spbe-rules {spbe_rules.__version__}"
    assert proc.stderr == ""


def test_validate_tells_each_kind_by_its_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    costs = next((ROOT / "examples" / "biaya").glob("*.yaml"))
    code, out, err = cli(capsys, "validate", costs, KAB_2024)
    assert code == 0, err
    assert f"{costs}: ok (berkas biaya;" in out and f"{KAB_2024}: ok (penilaian" in out
    code, out, err = cli(capsys, "validate", costs, "--ruleset", "pedoman-3-2024")
    assert code == 0 and "ok (berkas biaya, sesuai set aturan pedoman-3-2024)" in out
    # a costs file naming an indicator the ruleset lacks is checked as costs, not as an assessment
    bad = tmp_path / "biaya.yaml"
    bad.write_text("format: spbe-rules/costs@1\ndefault_step: 1\nindicators:\n  99: 2\n", encoding="utf-8")
    code, out, err = cli(capsys, "validate", bad, "--ruleset", "pedoman-3-2024")
    assert code == 2 and out == "" and "[UNKNOWN_INDICATOR]" in err and err.count("[") == 1
    odd = tmp_path / "apa.yaml"
    odd.write_text("format: spbe-rules/lainnya@1\nx: 1\n", encoding="utf-8")
    code, out, err = cli(capsys, "validate", odd)
    assert code == 2 and "[UNKNOWN_FORMAT]" in err and "spbe-rules/costs@1" in err


@pytest.mark.parametrize(
    "argv, code",
    [
        (["report", KAB_2024, "--target", "7"], "[OUT_OF_RANGE]"),
        (["report", KAB_2024, "--target", "0.5"], "[OUT_OF_RANGE]"),
        (["report", KAB_2024, "--target", "1e99999"], "[NUMBER_TOO_LARGE]"),
        (["plan", KAB_2024, "--target", "Baik", "--budget", "1e99999"], "[NUMBER_TOO_LARGE]"),
    ],
)
def test_numbers_off_the_scale_are_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[object], code: str) -> None:
    out_file = tmp_path / "laporan.html"
    args = [*argv, "-o", out_file] if argv[0] == "report" else argv
    rc, out, err = cli(capsys, *args)
    assert rc == 2 and out == "" and code in err and "internal error" not in err and "kesalahan internal" not in err
    assert not out_file.exists()
    if code == "[OUT_OF_RANGE]":
        assert "(1..5)" in err  # the allowed range is named


def test_batch_report_with_a_text_level_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    results = tmp_path / "hasil.csv"
    results.write_text("instansi,year,index,index_exact,predikat,ruleset,level:1\nX,2024,2.00,2,Cukup,pedoman-3-2024,abc\n", encoding="utf-8")
    rc, out, err = cli(capsys, "report", "--batch", results, "-o", tmp_path / "r.html")
    assert rc == 2 and out == "" and f"{results}:2" in err and "internal error" not in err


def test_an_id_shadowed_by_a_local_file_is_told(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    local = tmp_path / "rulesets"
    local.mkdir()
    text = (ROOT / "rulesets" / "pedoman-3-2024.yaml").read_text(encoding="utf-8")
    (local / "pedoman-3-2024.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # an identical copy (a fresh clone with the package installed) hides no edit: nothing to say
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--ruleset", "pedoman-3-2024")
    assert code == 0 and "peringatan" not in err
    (local / "pedoman-3-2024.yaml").write_text(text + "# suntingan lokal\n", encoding="utf-8")
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--ruleset", "pedoman-3-2024")
    assert code == 0 and "peringatan" in err and "rulesets/pedoman-3-2024.yaml" in err and "Traceback" not in err
    monkeypatch.chdir(ROOT)  # in the checkout itself the id names that very file: nothing to say
    code, out, err = cli(capsys, "evaluate", KAB_2024, "--ruleset", "pedoman-3-2024")
    assert code == 0 and "peringatan" not in err

"""The HTML reports in both languages: Indonesian by default, English with ``lang="en"`` (or
``--lang en``, ``SPBE_RULES_LANG=en``); ``<html lang>`` says which; no word of the other language
in a page (a word-list check, tests/langcheck.py), ruleset and institution names left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from langcheck import foreign_words, ruleset_texts, visible_html
from spbe_rules import evaluate, evaluate_many, load_assessment, load_ruleset
from spbe_rules.batch import BatchResult, BatchRow
from spbe_rules._analysis.compare import compare_years
from spbe_rules._base.errors import use_lang
from spbe_rules._cli.main import main
from spbe_rules._io.batch_write import open_writer
from spbe_rules._io.results_read import read_results
from spbe_rules._loading.select import ruleset_for_assessment
from spbe_rules._render.batch_report import batch_report_html
from spbe_rules._render.report import report_html

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# one assessment each: the capped example (documents, rules), stages, evidence, a year series
SINGLE = ["tanpa-dokumen-2023.yaml", "bertahap-2024.yaml", "bukti-dukung-2024.yaml", "kabupaten-contoh-2024.yaml"]


def _names(*rulesets: object, extra: tuple[str, ...] = ()) -> set[str]:
    out: set[str] = set(extra)
    for rs in rulesets:
        ruleset_texts(rs, out)
    return out | {n.removeprefix("Tingkat Kematangan ") for n in out}  # the heat map's short names


def _page_of(name: str, lang: str | None) -> tuple[str, set[str]]:
    a = load_assessment(EXAMPLES / name)
    rs = ruleset_for_assessment(a)
    result = evaluate(rs, a)
    years = None
    if name.startswith("kabupaten"):
        hist = [load_assessment(EXAMPLES / f"dekat-batas-{y}.yaml") for y in (2023, 2024, 2025)]
        years = compare_years([(h, ruleset_for_assessment(h)) for h in hist])
    page = report_html(rs, result, assessment=a, years=years, lang=lang)
    rulesets = [rs] + ([y.ruleset for y in years.years] if years is not None else [])
    return page, _names(*rulesets, extra=(result.instansi,) + ((years.instansi, *years.names) if years is not None else ()))


@pytest.mark.parametrize("name", SINGLE)
def test_report_in_both_languages(name: str) -> None:
    id_page, names = _page_of(name, "id")
    en_page, _ = _page_of(name, "en")
    assert '<html lang="id">' in id_page and '<html lang="en">' in en_page
    assert "Laporan Evaluasi SPBE" in id_page and "SPBE evaluation report" in en_page
    assert foreign_words(visible_html(id_page), "id", names) == []
    assert foreign_words(visible_html(en_page), "en", names) == []


def test_report_language_follows_the_current_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPBE_RULES_LANG", raising=False)
    default, _ = _page_of("tanpa-dokumen-2023.yaml", None)
    assert default == _page_of("tanpa-dokumen-2023.yaml", "id")[0]
    with use_lang("en"):
        assert _page_of("tanpa-dokumen-2023.yaml", None)[0] == _page_of("tanpa-dokumen-2023.yaml", "en")[0]
        assert '<html lang="id">' in _page_of("tanpa-dokumen-2023.yaml", "id")[0]  # the argument wins
    monkeypatch.setenv("SPBE_RULES_LANG", "en")
    assert '<html lang="en">' in _page_of("tanpa-dokumen-2023.yaml", None)[0]


def _batch_results(tmp: Path) -> Path:
    rows = []
    for year in (2023, 2024):
        rs = load_ruleset("pedoman-6-2023" if year == 2023 else "pedoman-3-2024")
        for k in range(5):
            base = 1 + (k + year) % 4
            rows.append(BatchRow(f"Kabupaten {chr(65 + k)}", year, {n: min(5, base + (n % 2)) for n in rs.numbers}, None, {"peta_rencana_spbe": True}))
    results = [r for r in evaluate_many(None, rows) if isinstance(r, BatchResult)]
    path = tmp / "hasil.jsonl"
    w = open_writer(path, [load_ruleset("pedoman-6-2023"), load_ruleset("pedoman-3-2024")])
    for r in results:
        w.write(r)
    w.commit()
    return path


def test_batch_report_in_both_languages(tmp_path: Path) -> None:
    path = _batch_results(tmp_path)
    id_page = batch_report_html(read_results(path), lang="id")
    en_page = batch_report_html(read_results(path), lang="en")
    names = _names(load_ruleset("pedoman-6-2023"), load_ruleset("pedoman-3-2024"), extra=tuple(f"Kabupaten {chr(65 + k)}" for k in range(5)))
    assert '<html lang="id">' in id_page and '<html lang="en">' in en_page
    assert "Sebaran predikat" in id_page and "Predikat distribution" in en_page and "Change between years" in en_page
    assert foreign_words(visible_html(id_page), "id", names) == []
    assert foreign_words(visible_html(en_page), "en", names) == []


def test_report_command_with_lang_en(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["report", str(EXAMPLES / "tanpa-dokumen-2023.yaml"), "-o", str(out), "--lang", "en"]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Indicators capped by rules" in page and "Indikator yang dibatasi aturan" not in page
    batch_out = tmp_path / "b.html"
    assert main(["report", "--batch", str(_batch_results(tmp_path)), "-o", str(batch_out), "--lang", "en"]) == 0
    assert '<html lang="en">' in batch_out.read_text(encoding="utf-8")


def test_the_word_check_finds_the_other_language() -> None:
    assert foreign_words("Indeks tepat 2.61; tingkat dihitung", "en") == ["indeks", "tepat", "tingkat"]
    assert foreign_words("the level of `level` in --level", "id") == ["level", "of", "the"]
    assert foreign_words("Tingkat Kematangan Kebijakan", "en", {"Tingkat Kematangan Kebijakan"}) == []


@pytest.mark.parametrize("name", ["opd-contoh-2023-2024.csv", "provinsi-contoh-2022-2024.csv"])
def test_batch_report_of_the_examples_in_both_languages(name: str, tmp_path: Path) -> None:
    """The example batch inputs (owners, targets, documents, several years) through `batch` and
    `report --batch`, in both languages."""
    results = tmp_path / "hasil.jsonl"
    assert main(["batch", str(EXAMPLES / "batch" / name), "-o", str(results)]) == 0
    texts = _input_names(EXAMPLES / "batch" / name)
    names = _names(*(load_ruleset(r) for r in ("pedoman-6-2023", "pedoman-3-2024", "permenpanrb-59-2020", "pemantauan-2025")), extra=tuple(texts))
    for lang in ("id", "en"):
        out = tmp_path / f"{lang}.html"
        assert main(["report", "--batch", str(results), "-o", str(out), "--lang", lang]) == 0
        page = out.read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in page
        assert foreign_words(visible_html(page), lang, names) == [], lang


def _input_names(path: Path) -> set[str]:
    """Institution and unit names of a batch input (data, not words of the program)."""
    import csv

    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    reader = csv.DictReader(rows, delimiter=";" if ";" in rows[0] else ",")
    out: set[str] = set()
    for row in reader:
        out.add(row.get("instansi") or "")
        for part in (row.get("owner") or "").split(";"):
            out.add(part.split(":")[0].strip())
    return out

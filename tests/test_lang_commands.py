"""Every command in both languages: ``spbe-rules`` and each subcommand, run on typical inputs from
examples/ and suites/ with ``--lang id`` and ``--lang en``, prints no word of the other language
(tests/langcheck.py: small word lists; ruleset and institution names, codes, file names, options
and the file format's own keys and values are left out)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from langcheck import foreign_words, ruleset_texts
from spbe_rules import load_ruleset
from spbe_rules._cli.main import COMMANDS as COMMAND_NAMES
from spbe_rules._cli.main import main

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"
SUITES = ROOT / "suites"
OPD = EX / "batch" / "opd-contoh-2023-2024.csv"

# name -> the arguments (``{tmp}`` is a fresh folder); the file format's own words those
# commands print (keys and values such as ``rounded``, ``in_force``) are in ALLOWED
COMMANDS: dict[str, list[str]] = {
    "none": [],
    "evaluate": ["evaluate", str(EX / "kabupaten-contoh-2024.yaml")],
    "evaluate-stages": ["evaluate", str(EX / "bertahap-2024.yaml")],
    "evaluate-evidence": ["evaluate", str(EX / "bukti-dukung-2024.yaml")],
    "explain": ["explain", str(EX / "tanpa-dokumen-2023.yaml")],
    "explain-indicator": ["explain", str(EX / "tanpa-dokumen-2023.yaml"), "--indicator", "21"],
    "validate-assessment": ["validate", str(EX / "kabupaten-contoh-2024.yaml")],
    "validate-ruleset": ["validate", str(ROOT / "rulesets" / "pedoman-3-2024.yaml")],
    "validate-costs": ["validate", str(EX / "biaya" / "biaya-contoh.yaml")],
    "validate-suite": ["validate", str(SUITES / "pemantauan-2025.yaml")],
    "rulesets": ["rulesets"],
    "show": ["show", "pedoman-3-2024"],
    "test": ["test", str(SUITES / "pemantauan-2025.yaml")],
    "diff": ["diff", "pedoman-6-2023", "pedoman-3-2024"],
    "diff-structure": ["diff", "permenpanrb-59-2020", "permenpanrb-8-2026"],
    "impact": ["impact", "pedoman-6-2023", "pedoman-3-2024", str(OPD)],
    "batch": ["batch", str(OPD), "-o", "{tmp}/hasil.csv"],
    "template": ["template", "pedoman-3-2024", "-o", "{tmp}/templat.csv"],
    "report": ["report", str(EX / "tanpa-dokumen-2023.yaml"), "-o", "{tmp}/laporan.html"],
    "next": ["next", str(EX / "bukti-dukung-2024.yaml")],
    "compare": ["compare", *(str(EX / f"dekat-batas-{y}.yaml") for y in (2023, 2024, 2025))],
    "risk": ["risk", str(EX / "dekat-batas-2024.yaml")],
    "whatif": ["whatif", str(EX / "kabupaten-contoh-2024.yaml"), "--set", "11=3"],
    "gains": ["gains", str(EX / "kabupaten-contoh-2024.yaml")],
    "plan": ["plan", str(EX / "kabupaten-contoh-2024.yaml"), "--target", "Baik", "--costs", str(EX / "biaya" / "biaya-contoh.yaml")],
    "kuesioner": ["kuesioner", "pedoman-3-2024", "-o", "{tmp}/kuesioner.xlsx"],
    "transisi": ["transisi", "permenpanrb-59-2020", "permenpanrb-8-2026"],
    "error": ["evaluate", str(EX / "biaya" / "biaya-contoh.yaml")],
    "usage-error": ["evaluate", "--no-such-option"],
    "help": ["--help"],
    **{f"help-{c}": [c, "--help"] for c in COMMAND_NAMES},
}

# words of the file format (keys and values written as they are in the files)
ALLOWED = {"rounded", "exact", "in_force", "provisional"}
# proper nouns: the name of the 8/2026 index
PROPER = ("Indeks Pemdi",)

# what other helpers are converting right now (issue 10 item 4: the planner's whatif/gains and
# the engine's legal-basis notes in explain); command -> language -> the words still found.
# This list only shrinks: a word found that is not here fails, and so does a word listed here
# that is no longer found.
PENDING: dict[tuple[str, str], set[str]] = {}


def _input_texts() -> set[str]:
    """The texts of the example inputs (institution names, assessors' reasons): data, not words of the program."""
    out: set[str] = set()
    for path in EX.glob("*.yaml"):
        ruleset_texts(yaml.safe_load(path.read_text(encoding="utf-8")), out)
    for path in (EX / "batch").glob("*.csv"):
        with path.open(encoding="utf-8") as f:
            out.update(row.get("instansi", "") for row in csv.DictReader(f, delimiter=";" if ";" in f.readline() else ","))
    return out


def _names() -> set[str]:
    out: set[str] = set(PROPER) | _input_texts()
    for rid in ("permenpanrb-59-2020", "pedoman-6-2023", "pedoman-3-2024", "pemantauan-2025", "permenpanrb-8-2026", "evaluasi-2025"):
        ruleset_texts(load_ruleset(rid), out)
    return out | {n.removeprefix("Tingkat Kematangan ") for n in out}


NAMES = _names()


def _run(args: list[str], lang: str, tmp: Path, capsys: pytest.CaptureFixture[str]) -> str:
    argv = [a.replace("{tmp}", str(tmp)) for a in args] + ["--lang", lang]
    try:
        main(argv)
    except SystemExit:  # --help and argparse errors end this way
        pass
    out = capsys.readouterr()
    return out.out + "\n" + out.err


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_speaks_one_language(name: str, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _run(COMMANDS[name], lang, tmp_path, capsys)
    assert text.strip(), f"{name}: printed nothing"
    found = {w for w in foreign_words(text, lang, NAMES) if w not in ALLOWED}
    pending = PENDING.get((name, lang), set())
    assert found - pending == set(), f"{name} --lang {lang}: words of the other language {sorted(found - pending)}"
    assert pending - found == set(), f"{name} --lang {lang}: {sorted(pending - found)} no longer found: take them out of PENDING"


def test_diff_and_impact_words_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """diff: section headings, the summaries of added and removed items and conditions in the
    language asked for; impact: the same words, the file's ids and values unchanged."""
    from spbe_rules import diff

    d_id = diff("permenpanrb-59-2020", "permenpanrb-8-2026", lang="id")
    d_en = diff("permenpanrb-59-2020", "permenpanrb-8-2026", lang="en")
    assert [c.id for c in d_id.changes] == [c.id for c in d_en.changes]  # the ids are the file's, in both
    removed = next(c for c in d_id.changes if c.section == "indicators" and c.kind == "removed")
    removed_en = d_en.find(removed.id)
    assert "(aspek " in (removed.old or "") and ", bobot " in (removed.old or "")
    assert "(aspect " in (removed_en.old or "") and ", weight " in (removed_en.old or "")
    text_id, text_en = d_id.render("id"), d_en.render("en")
    assert "Indikator (`indicators`)" in text_id and "Indicators (`indicators`)" in text_en
    assert " dihapus: " in text_id and " removed: " in text_en
    for text, lang in ((text_id, "id"), (text_en, "en")):
        assert foreign_words(text, lang, NAMES) == [], lang

"""Broken rule layers: every file in tests/broken/rules/ must be refused with the
problems its `# expect: CODE at LINE[:COL]` comments name, and nothing else.

Each file is a small complete ruleset whose only fault is in `documents:` or
`rules:`. The last tests cover an assessment that leaves a fact unknown
(UNKNOWN_DOCUMENT_STATE): the evaluation must fail, naming the document and a
line of the assessment, never pass silently.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spbe_rules import (
    Assessment,
    EvaluationError,
    RulesetError,
    evaluate,
    load_assessment,
    load_ruleset,
)

CORPUS = Path(__file__).parent / "broken" / "rules"
FILES = sorted(CORPUS.glob("*.yaml"))
_EXPECT = re.compile(r"^# expect: ([A-Z_]+) at (?:(?P<file>[^:\s]+\.ya?ml):)?(?P<line>\d+)(?::(?P<col>\d+))?\s*$", re.M)


def _expected(path: Path) -> list[tuple[str, str, int, int | None]]:
    out = []
    for m in _EXPECT.finditer(path.read_text(encoding="utf-8")):
        col = int(m["col"]) if m["col"] else None
        out.append((m.group(1), m["file"] or path.name, int(m["line"]), col))
    return out


def test_corpus_is_there() -> None:
    names = {p.stem for p in FILES}
    for must in (
        "cycle-direct",
        "cycle-two-rules",
        "cycle-through-document",
        "unknown-document",
        "unknown-indicator-condition",
        "unknown-indicator-target",
        "empty-targets",
        "condition-unknown-kind",
        "condition-two-kinds",
        "requires-with-targets",
        "cap-without-targets",
        "max-level-out-of-scale",
        "message-without-en",
        "duplicate-rule-id",
        "provisional-without-reason",
    ):
        assert must in names
    for p in FILES:
        assert _expected(p), f"{p.name} has no `# expect:` comment"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_broken_rules_are_refused_with_code_and_place(path: Path) -> None:
    with pytest.raises(RulesetError) as info:
        load_ruleset(path, cache=False)
    got = info.value.problems
    expected = _expected(path)
    assert len(got) == len(expected), "\n".join(str(p) for p in got)
    for (code, file, line, col), problem in zip(sorted(expected, key=lambda e: (e[2], e[3] or 0)), got):
        where = problem.location
        assert problem.code == code, str(problem)
        assert where.file is not None and Path(where.file).name == file, str(problem)
        assert where.line == line, str(problem)
        if col is not None:
            assert where.col == col, str(problem)
        # the one-line form a user sees names file, line and code
        assert str(problem).startswith(f"{where.file}:{line}:"), str(problem)
        assert f"[{code}]" in str(problem)


@pytest.mark.parametrize(
    "path",
    [p for p in FILES if p.stem != "document-cycle"],
    ids=[p.stem for p in FILES if p.stem != "document-cycle"],
)
def test_each_file_is_broken_only_in_its_rules(path: Path, tmp_path: Path) -> None:
    """Without its `rules:` section the same file loads: the fault is where the file says."""
    text = path.read_text(encoding="utf-8")
    assert "\nrules:\n" in text
    head = text.split("\nrules:\n")[0] + "\n"
    fixed = tmp_path / path.name
    fixed.write_text(head, encoding="utf-8")
    rs = load_ruleset(fixed, cache=False)
    if "\nextends:" not in head:
        assert rs.rules == ()


def _problem(path: str) -> str:
    with pytest.raises(RulesetError) as info:
        load_ruleset(CORPUS / path, cache=False)
    (p,) = info.value.problems
    return f"{p.message_in('en')} ({p.hint_in('en')})"  # the tests below quote the English texts


def test_cycle_messages_name_the_rules_and_the_document() -> None:
    two = _problem("cycle-two-rules.yaml")
    assert "rule `pertama` reads indicator 1 and caps indicator 2" in two
    assert "rule `kedua` reads indicator 2 and caps indicator 1" in two
    through = _problem("cycle-through-document.yaml")
    assert "document `dok_b` is inferred from it" in through
    assert "`lewat-dokumen`" in through
    docs = _problem("document-cycle.yaml")
    assert "`dok_a` -> `dok_b` -> `dok_a`" in docs


def test_unknown_condition_kind_suggests_the_right_key() -> None:
    assert "did you mean `indicator`?" in _problem("condition-unknown-kind.yaml")


def test_document_inferred_from_itself(tmp_path: Path) -> None:
    text = (CORPUS / "cycle-direct.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - {key: dok_a, name: Dokumen A}\n", "  - {key: dok_a, name: Dokumen A, implied_by: {any: [{document: dok_a}, {indicator: 4, at_least: 2}]}}\n"
    )
    text = text.replace("    unless: {indicator: 1, at_least: 2}", "    unless: {document: dok_a}")
    f = tmp_path / "self.yaml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        load_ruleset(f, cache=False)
    (p,) = info.value.problems
    assert p.code == "DOCUMENT_CYCLE"
    assert p.location.line == text.splitlines().index(next(line for line in text.splitlines() if "key: dok_a" in line)) + 1


# -- unknown inputs: a rule needs a fact the assessment does not give ---------------------------

_RULESET_WITHOUT_INFERENCE = """\
format: spbe-rules/ruleset@1
id: dokumen-tak-tersimpul
version: "1.0.0"
title: Uji dokumen tanpa implied_by
status: in_force
sources:
  - {id: uji, title: Sumber uji, kind: regulation}
legal_basis: {source: uji, section: "Pasal 1"}
applies_to: {evaluation_years: [2031]}
scale:
  min: 1
  max: 5
  capabilities:
    - {id: proses, name: Proses, levels: {1: a, 2: b, 3: c, 4: d, 5: e}}
total_weight: 4
aspects:
  - {id: A1, name: Satu, weight: 4, citation: {source: uji, section: "A1"}}
indicators:
  - {number: 1, name: Satu, aspect: A1, weight: 2, capability: proses, criteria: {1: a, 2: b, 3: c, 4: d, 5: e}, citation: {source: uji, section: "1"}}
  - {number: 2, name: Dua, aspect: A1, weight: 2, capability: proses, criteria: {1: a, 2: b, 3: c, 4: d, 5: e}, citation: {source: uji, section: "2"}}
predikat:
  citation: {source: uji, section: "Predikat"}
  bands:
    - {name: Kurang, from: 1, to: 3}
    - {name: Baik, from: 3, to: 5}
display: {decimals: 2, rounding: half_up, predikat_from: rounded}
documents:
  - {key: rencana_induk, name: Rencana Induk}
rules:
  - id: perlu-rencana-induk
    kind: cap
    enabled: ENABLED
    targets: [2]
    max_level: 1
    unless: {document: rencana_induk}
    legal_basis: {source: uji, section: "Pasal 2"}
    message: {id: "Indikator {indicator} dibatasi.", en: "Indicator {indicator} is capped."}
"""


def _ruleset(tmp_path: Path, enabled: bool = True) -> Path:
    f = tmp_path / f"rs-{enabled}.yaml"
    f.write_text(_RULESET_WITHOUT_INFERENCE.replace("ENABLED", "true" if enabled else "false"), encoding="utf-8")
    return f


def _assessment(tmp_path: Path, extra: str = "") -> Path:
    f = tmp_path / "penilaian.yaml"
    f.write_text(f"instansi: Kota Uji\nyear: 2031\n{extra}levels:\n  1: 3\n  2: 4\n", encoding="utf-8")
    return f


def test_unstated_document_without_inference_fails_naming_document_and_line(tmp_path: Path) -> None:
    rs = load_ruleset(_ruleset(tmp_path), cache=False)
    a = load_assessment(_assessment(tmp_path))
    with pytest.raises(EvaluationError) as info:
        evaluate(rs, a)
    (p,) = info.value.problems
    assert p.code == "UNKNOWN_DOCUMENT_STATE"
    assert "Rencana Induk" in p.message and "`rencana_induk`" in p.message
    assert "`perlu-rencana-induk`" in p.message
    assert p.location.file is not None and p.location.file.endswith("penilaian.yaml")
    assert p.location.line == 1
    assert "documents: {rencana_induk: true}" in (p.hint or "")
    assert isinstance(info.value, ValueError)  # one of the library's typed input errors


def test_documents_section_without_the_key_points_at_documents(tmp_path: Path) -> None:
    rs = load_ruleset(_ruleset(tmp_path), cache=False)
    # `documents:` exists (line 3) but does not state this document
    a = load_assessment(_assessment(tmp_path, "documents: {}\n"))
    with pytest.raises(EvaluationError) as info:
        evaluate(rs, a)
    (p,) = info.value.problems
    assert p.code == "UNKNOWN_DOCUMENT_STATE"
    assert p.location.line == 3


def test_unknown_document_state_from_code_names_the_place(tmp_path: Path) -> None:
    rs = load_ruleset(_ruleset(tmp_path), cache=False)
    with pytest.raises(EvaluationError) as info:
        evaluate(rs, Assessment.from_levels({1: 3, 2: 4}, year=2031))
    assert info.value.codes == ["UNKNOWN_DOCUMENT_STATE"]


@pytest.mark.parametrize(("stated", "level"), [(True, 4), (False, 1)])
def test_stated_document_settles_it(tmp_path: Path, stated: bool, level: int) -> None:
    rs = load_ruleset(_ruleset(tmp_path), cache=False)
    a = load_assessment(_assessment(tmp_path, f"documents: {{rencana_induk: {str(stated).lower()}}}\n"))
    result = evaluate(rs, a)
    assert result.indicator(2).effective_level == level
    (doc,) = result.documents
    assert (doc.present, doc.basis) == (stated, "stated")


def test_unknown_document_is_no_error_when_no_enabled_rule_reads_it(tmp_path: Path) -> None:
    rs = load_ruleset(_ruleset(tmp_path, enabled=False), cache=False)
    a = load_assessment(_assessment(tmp_path))
    result = evaluate(rs, a)
    assert result.indicator(2).effective_level == 4
    (doc,) = result.documents
    assert (doc.present, doc.basis) == (None, "unknown")
    # switching the optional rule on makes the fact necessary again
    with pytest.raises(EvaluationError) as info:
        evaluate(rs, a, enable_rules=["perlu-rencana-induk"])
    assert info.value.codes == ["UNKNOWN_DOCUMENT_STATE"]


def test_rule_message_placeholders_are_filled(tmp_path: Path) -> None:
    """{indicator} {indicator_name} {max_level} {submitted} {condition} (docs/formats.md)."""
    f = _ruleset(tmp_path)
    text = f.read_text(encoding="utf-8").replace(
        'message: {id: "Indikator {indicator} dibatasi.", en: "Indicator {indicator} is capped."}',
        'message: {id: "Indikator {indicator} ({indicator_name}) paling tinggi {max_level}, diajukan {submitted}; syarat: {condition}.", '
        'en: "Indicator {indicator} at most {max_level} (submitted {submitted}) unless {condition}."}',
    )
    f.write_text(text, encoding="utf-8")
    rs = load_ruleset(f, cache=False)
    result = evaluate(rs, load_assessment(_assessment(tmp_path, "documents: {rencana_induk: false}\n")))
    node = result.explanation.find("indicator", "2")
    (child,) = node.children
    assert child.text.id.startswith("Indikator 2 (Dua) paling tinggi 1, diajukan 4; syarat: dokumen Rencana Induk tersedia (penilaian menyatakan: tidak ada).")
    assert child.text.en.startswith("Indicator 2 at most 1 (submitted 4) unless the Rencana Induk document is in place (the assessment states: absent).")

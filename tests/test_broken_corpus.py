"""Data-driven tests over the corpus of deliberately broken files.

Each file under ``tests/broken/rulesets/`` and ``tests/broken/assessments/`` states,
in its leading comment (or, for JSON, in a sidecar ``NAME.expect``), the problems it
must produce::

    # expect: WEIGHT_SUM at 31:13
    # expect: UNKNOWN_KEY at 40:5 "did you mean `weight`"
    # expect: EXTENDS_CYCLE at other-file.yaml:8:10
    # expect: UNKNOWN_INDICATOR at 12

i.e. a code, a place (``[FILE:]LINE[:COL]``, the file defaulting to the file itself)
and optionally a text that the problem's message or hint must contain.
The set of codes raised must be exactly the set expected, and every expectation
must be met by one problem. Files in ``tests/good/`` must load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules._base.errors import use_lang

HERE = Path(__file__).resolve().parent
BROKEN_RULESETS = HERE / "broken" / "rulesets"
BROKEN_ASSESSMENTS = HERE / "broken" / "assessments"
GOOD = HERE / "good"

_EXPECT = re.compile(
    r"^#?\s*expect:\s*(?P<code>[A-Z][A-Z0-9_]*)\s+at\s+"
    r"(?:(?P<file>[^\s:]+\.(?:ya?ml|json)):)?(?P<line>\d+)(?::(?P<col>\d+))?"
    r'(?:\s+"(?P<text>[^"]*)")?\s*$'
)


@dataclass(frozen=True)
class Expect:
    code: str
    file: Path
    line: int
    col: int | None
    text: str | None

    def where(self) -> str:
        return f"{self.file}:{self.line}" + (f":{self.col}" if self.col is not None else "")


def read_expectations(path: Path) -> list[Expect]:
    """The `# expect:` lines of the file's leading comment, or of its sidecar NAME.expect."""
    sidecar = path.with_suffix(".expect")
    if path.suffix == ".json":
        assert sidecar.is_file(), f"{path.name}: a JSON file needs its expectations in {sidecar.name}"
        lines = sidecar.read_text(encoding="utf-8").splitlines()
    else:
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            lines.append(line)
    out = []
    for line in lines:
        if "expect:" not in line:
            continue
        m = _EXPECT.match(line.strip())
        assert m, f"{path.name}: cannot read the expectation {line!r}"
        file = path.parent / m["file"] if m["file"] else path
        col = int(m["col"]) if m["col"] else None
        out.append(Expect(m["code"], file, int(m["line"]), col, m["text"]))
    assert out, f"{path.name}: no `# expect:` line"
    return out


def _same_file(a: str | None, b: Path) -> bool:
    return a is not None and Path(a).resolve() == b.resolve()


def check_problems(error: spbe_rules.ValidationError, expected: list[Expect]) -> None:
    problems = error.problems
    listing = "\n".join(f"  {p}" for p in problems)
    got_codes = {p.code for p in problems}
    want_codes = {e.code for e in expected}
    assert got_codes == want_codes, f"codes differ: expected {sorted(want_codes)}, got:\n{listing}"
    text = str(error)
    assert "Traceback" not in text
    for e in expected:
        matches = [
            p
            for p in problems
            if p.code == e.code and _same_file(p.location.file, e.file) and p.location.line == e.line and (e.col is None or p.location.col == e.col)
        ]
        assert matches, f"expected [{e.code}] at {e.where()}, got:\n{listing}"
        if e.text is not None:  # the expected texts are written in English
            with use_lang("en"):
                assert any(e.text in str(p) for p in matches), f"[{e.code}] at {e.where()} does not say {e.text!r}:\n{listing}"
        # the one-line form names file:line:col and the code
        if e.col is not None:
            assert f"{e.file}:{e.line}:{e.col}: [{e.code}]" in text, text
        else:
            assert re.search(re.escape(f"{e.file}:{e.line}") + r"(:\d+)?: " + re.escape(f"[{e.code}]"), text), text


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


RULESET_FILES = sorted(BROKEN_RULESETS.glob("*.yaml"))
ASSESSMENT_FILES = sorted([*BROKEN_ASSESSMENTS.glob("*.yaml"), *BROKEN_ASSESSMENTS.glob("*.json")])
GOOD_RULESETS = sorted(GOOD.glob("*.yaml"))
GOOD_ASSESSMENTS = sorted([*(GOOD / "assessments").glob("*.yaml"), *(GOOD / "assessments").glob("*.json")])


def test_corpus_is_large_enough() -> None:
    assert len(RULESET_FILES) >= 24
    assert len(ASSESSMENT_FILES) >= 13
    assert GOOD_RULESETS


@pytest.mark.parametrize("path", RULESET_FILES, ids=_ids(RULESET_FILES))
def test_broken_ruleset(path: Path) -> None:
    expected = read_expectations(path)
    with pytest.raises(spbe_rules.RulesetError) as info:
        spbe_rules.load_ruleset(path, cache=False)
    error = info.value
    assert isinstance(error, ValueError)
    assert isinstance(error, spbe_rules.ValidationError)
    check_problems(error, expected)


@pytest.mark.parametrize("path", ASSESSMENT_FILES, ids=_ids(ASSESSMENT_FILES))
def test_broken_assessment(path: Path) -> None:
    expected = read_expectations(path)
    with pytest.raises(spbe_rules.AssessmentError) as info:
        assessment = spbe_rules.load_assessment(path)
        # a file that can be read names its ruleset; it must then not fit it
        assert assessment.ruleset is not None, f"{path.name}: name the ruleset with `ruleset:`"
        spbe_rules.evaluate(spbe_rules.load_ruleset(assessment.ruleset), assessment)
    error = info.value
    assert isinstance(error, ValueError)
    check_problems(error, expected)


@pytest.mark.parametrize("path", GOOD_RULESETS, ids=_ids(GOOD_RULESETS))
def test_good_ruleset_loads(path: Path) -> None:
    rs = spbe_rules.load_ruleset(path, cache=False)
    assert rs.indicators
    levels = {n: rs.scale.max for n in rs.numbers}
    result = spbe_rules.evaluate(rs, spbe_rules.Assessment.from_levels(levels, year=2024))
    assert result.index_exact == rs.scale.max


@pytest.mark.parametrize("path", GOOD_ASSESSMENTS, ids=_ids(GOOD_ASSESSMENTS))
def test_good_assessment_evaluates(path: Path) -> None:
    assessment = spbe_rules.load_assessment(path)
    assert assessment.ruleset is not None
    result = spbe_rules.evaluate(spbe_rules.load_ruleset(assessment.ruleset), assessment)
    assert result.ruleset.id == assessment.ruleset


def test_missing_levels_lowest_fills_and_marks() -> None:
    path = BROKEN_ASSESSMENTS / "missing-levels.yaml"
    assessment = spbe_rules.load_assessment(path)
    rs = spbe_rules.load_ruleset(assessment.ruleset or "")
    with pytest.raises(spbe_rules.AssessmentError):
        spbe_rules.evaluate(rs, assessment)  # the default is to refuse
    result = spbe_rules.evaluate(rs, assessment, missing="lowest")
    assert result.missing_policy == "lowest"
    filled = {i.id for i in result.indicators if i.filled}
    assert filled == set(range(41, 48))
    for ind in result.indicators:
        if ind.id in filled:
            assert ind.level == ind.effective_level == rs.scale.min
        else:
            assert ind.level == assessment.levels[ind.id]
    # filling at the lowest level gives the same result as stating the lowest level
    explicit = spbe_rules.Assessment.from_levels({**assessment.levels, **{n: rs.scale.min for n in filled}}, instansi=assessment.instansi, year=assessment.year)
    same = spbe_rules.evaluate(rs, explicit)
    assert (same.index_exact, same.index, same.predikat) == (result.index_exact, result.index, result.predikat)
    # the JSON form records it
    data = spbe_rules.result_from_json(spbe_rules.result_to_json(result))
    assert {i.id for i in data.indicators if i.filled} == filled


def test_first_stage_incomplete_lowest() -> None:
    path = BROKEN_ASSESSMENTS / "first-stage-incomplete.yaml"
    assessment = spbe_rules.load_assessment(path)
    rs = spbe_rules.load_ruleset(assessment.ruleset or "")
    result = spbe_rules.evaluate(rs, assessment, missing="lowest")
    # filled at the lowest level in the first stage, then given by the second stage
    first = result.stages[0].indicator(47)
    assert (first.level, first.filled) == (rs.scale.min, True)
    assert result.indicator(47).level == 2


def test_expectation_reader_rejects_garbage(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text("# expect: weight sum somewhere\nformat: x\n")
    with pytest.raises(AssertionError):
        read_expectations(bad)


def test_good_extension_merges_item_by_item() -> None:
    rs = spbe_rules.load_ruleset(GOOD / "minimal-extended.yaml", cache=False)
    assert rs.id == "uji-minimal-turunan"
    assert rs.extends == "minimal"
    assert rs.numbers == (1, 3, 4, 5)
    assert rs.indicator(1).weight == 40 and rs.indicator(1).name == "Indikator Satu"
    assert rs.indicator(3).name == "Indikator Tiga (diubah)" and rs.indicator(3).weight == 25
    assert rs.display.predikat_from == "exact"
    assert rs.evaluation_years == (2099,)
    assert [r.id for r in rs.rules] == ["tiga-butuh-dokumen"]
    base = spbe_rules.load_ruleset(GOOD / "minimal.yaml", cache=False)
    assert rs.sha256 != base.sha256
    # the rule: without the document (indicator 1 below 2) indicator 3 is held at 1
    low = spbe_rules.evaluate(rs, spbe_rules.Assessment.from_levels({1: 1, 3: 5, 4: 1, 5: 1}, year=2024))
    assert low.indicator(3).effective_level == 1
    assert low.indicator(3).rules == ("tiga-butuh-dokumen",)
    high = spbe_rules.evaluate(rs, spbe_rules.Assessment.from_levels({1: 2, 3: 5, 4: 1, 5: 1}, year=2024))
    assert high.indicator(3).effective_level == 5


def test_in_code_levels_given_twice_are_refused() -> None:
    """A mapping built in code can hold both 12 and "12": that is one indicator given twice."""
    rs = spbe_rules.load_ruleset("permenpanrb-59-2020")
    levels: dict[int | str, int] = {n: 3 for n in rs.numbers}
    levels["12"] = 5
    with pytest.raises(spbe_rules.AssessmentError) as info:
        spbe_rules.parse_assessment({"instansi": "Uji", "year": 2022, "levels": levels})
    assert info.value.codes == ["DUPLICATE_KEY"]
    assert "$.levels.12" in str(info.value)

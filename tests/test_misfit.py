"""The one builder of "does not fit the ruleset" problems (``spbe_rules._loading.misfit``): every
entry point gives the same code and the same words, in both languages, for the same misfit.

Entry points: an assessment file (``load_assessment`` then ``evaluate``, through ``check_against``),
a batch row (``evaluate_many``), the changes given to ``whatif`` and the level vectors of
``evaluate_levels``; the planner's costs file names unknown indicators and documents the same way
(built in ``spbe_rules._loading.misfit``, the only module that makes these codes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe_rules import AssessmentError, evaluate, evaluate_many, load_assessment, load_ruleset, whatif
from spbe_rules._base.errors import Problem
from spbe_rules.batch import BatchFailure, BatchRow, evaluate_levels

RS = load_ruleset("pedoman-3-2024")
LO, HI = RS.scale.min, RS.scale.max
DOC = RS.documents[0].key
FULL = {n: 3 for n in RS.numbers}


def _words(problems: tuple[Problem, ...] | list[Problem]) -> dict[str, tuple[str, str]]:
    """Each problem's code -> its message in Indonesian and English."""
    return {p.code: (p.message_in("id"), p.message_in("en")) for p in problems}


def _from_file(tmp_path: Path, levels: dict[int, object], documents: dict[str, object]) -> tuple[Problem, ...]:
    lines = ["instansi: Uji", "year: 2024", "ruleset: pedoman-3-2024", "documents:"]
    lines += [f"  {k}: {str(v).lower()}" for k, v in documents.items()] or ["  {}"]
    lines += ["levels:"] + [f"  {n}: {lv}" for n, lv in levels.items()]
    path = tmp_path / "penilaian.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AssessmentError) as info:
        evaluate(RS, load_assessment(path))
    return info.value.problems


def _from_batch(levels: dict[int, int], documents: dict[str, bool]) -> tuple[Problem, ...]:
    (out,) = evaluate_many(RS, [BatchRow("Uji", 2024, levels, None, documents)], backend="python")
    assert isinstance(out, BatchFailure)
    return out.error.problems


def _from_whatif(levels: dict[int, int], documents: dict[str, bool]) -> tuple[Problem, ...]:
    base = load_assessment(Path(__file__).resolve().parents[1] / "examples" / "kabupaten-contoh-2024.yaml")
    with pytest.raises(AssessmentError) as info:
        whatif(RS, base, levels, documents)
    return info.value.problems


@settings(max_examples=25, deadline=None)
@given(
    unknown=st.integers(max(RS.numbers) + 1, 999),  # the form of a file allows numbers up to 999
    number=st.sampled_from(RS.numbers),
    level=st.sampled_from([*range(0, LO), *range(HI + 1, 11)]),  # the form of a file allows 0..10
    key=st.sampled_from(["peta", "arsitektur", "dokumen_lain", DOC + "_x"]),
)
def test_every_entry_point_words_a_misfit_alike(tmp_path_factory: pytest.TempPathFactory, unknown: int, number: int, level: int, key: str) -> None:
    levels: dict[int, int] = {**FULL, number: level, unknown: 3}
    documents = {key: True}
    seen = {
        "file": _words(_from_file(tmp_path_factory.mktemp("a"), dict(levels), documents)),
        "batch": _words(_from_batch(levels, documents)),
        "whatif": _words(_from_whatif({number: level, unknown: 3}, documents)),
    }
    for where, words in seen.items():
        assert set(words) == {"UNKNOWN_INDICATOR", "LEVEL_OUT_OF_SCALE", "UNKNOWN_DOCUMENT"}, where
    for code in ("UNKNOWN_INDICATOR", "LEVEL_OUT_OF_SCALE", "UNKNOWN_DOCUMENT"):
        assert seen["file"][code] == seen["batch"][code] == seen["whatif"][code], code
    assert f"indikator {number} bertingkat {level}" in seen["file"]["LEVEL_OUT_OF_SCALE"][0]
    assert f"indicator {unknown} does not exist in ruleset {RS.id}" == seen["batch"]["UNKNOWN_INDICATOR"][1]
    # evaluate_levels: the same problem for the same level
    row = [FULL[n] for n in sorted(RS.numbers)]
    row[sorted(RS.numbers).index(number)] = level
    for backend in ("python", "numpy"):
        with pytest.raises(AssessmentError) as info:
            evaluate_levels(RS, [row], backend=backend)  # type: ignore[arg-type]
        assert _words(info.value.problems) == {"LEVEL_OUT_OF_SCALE": seen["file"]["LEVEL_OUT_OF_SCALE"]}
        assert info.value.problems[0].location.json_path == f"$.levels[0][{sorted(RS.numbers).index(number)}]"


def test_missing_levels_and_unknown_stage_alike(tmp_path: Path) -> None:
    gone = sorted(RS.numbers)[:3]
    levels = {n: lv for n, lv in FULL.items() if n not in gone}
    path = tmp_path / "kurang.yaml"
    path.write_text("instansi: Uji\nyear: 2024\nstage: mandri\nlevels:\n" + "".join(f"  {n}: {lv}\n" for n, lv in levels.items()), encoding="utf-8")
    with pytest.raises(AssessmentError) as info:
        evaluate(RS, load_assessment(path))
    from_file = {p.code: p for p in info.value.problems}
    (out,) = evaluate_many(RS, [BatchRow("Uji", 2024, levels, "mandri")], backend="python")
    assert isinstance(out, BatchFailure)
    from_batch = {p.code: p for p in out.error.problems}
    assert set(from_file) == set(from_batch) == {"MISSING_LEVEL", "UNKNOWN_STAGE"}
    stage = from_file["UNKNOWN_STAGE"]
    assert (stage.message_in("en"), stage.hint_in("en")) == (from_batch["UNKNOWN_STAGE"].message_in("en"), from_batch["UNKNOWN_STAGE"].hint_in("en"))
    assert stage.hint_in("en") == "did you mean `mandiri`?"
    # the same numbers, each input naming its own place ("`levels`" / "the row")
    assert from_file["MISSING_LEVEL"].params["numbers"] == from_batch["MISSING_LEVEL"].params["numbers"] == f"{gone[0]}-{gone[-1]}"


def test_the_builder_is_the_only_place_these_codes_are_made() -> None:
    """Outside misfit.py no module builds these assessment-against-ruleset problems itself (the
    ruleset's own checks word theirs as variants, e.g. ``UNKNOWN_INDICATOR.condition``)."""
    import ast

    import spbe_rules

    src = Path(spbe_rules.__file__).resolve().parent
    codes = {"UNKNOWN_INDICATOR", "LEVEL_OUT_OF_SCALE", "UNKNOWN_DOCUMENT", "MISSING_LEVEL", "MISSING_LEVEL.many", "MISSING_LEVEL.cell", "UNKNOWN_STAGE"}
    codes |= {"TYPE.level", "TYPE.document_flag"}
    found = []
    for path in sorted(src.rglob("*.py")):
        if path.name == "misfit.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in codes):
                continue
            f = node.func
            if (f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else "") in ("of", "Problem"):  # a problem made here
                found.append(f"{path.relative_to(src)}:{node.lineno}")
    assert not found, found

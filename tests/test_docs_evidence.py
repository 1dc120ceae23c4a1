"""docs/bukti-dukung.md pastes the real output of its commands (refresh: python tools/docs_evidence.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("docs_evidence", ROOT / "tools" / "docs_evidence.py")
assert _spec is not None and _spec.loader is not None
docs_evidence = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(docs_evidence)

BLOCKS = docs_evidence.blocks(docs_evidence.DOC.read_text(encoding="utf-8"))


def test_the_doc_shows_evaluate_explain_and_next() -> None:
    commands = [args[0] for args, _ in BLOCKS]
    assert {"evaluate", "explain", "next"} <= set(commands)
    assert all("examples/bukti-dukung-2024.yaml" in args for args, _ in BLOCKS)


@pytest.mark.parametrize(("args", "pasted"), BLOCKS, ids=[" ".join(a) for a, _ in BLOCKS])
def test_pasted_output_is_current(args: list[str], pasted: str) -> None:
    assert docs_evidence.run(args) == pasted, "the doc is stale: run python tools/docs_evidence.py"


def test_the_worked_example_numbers() -> None:
    import spbe_rules

    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    result = spbe_rules.evaluate(rs, spbe_rules.load_assessment(ROOT / "examples" / "bukti-dukung-2024.yaml"))
    mandiri, dokumen = result.stages
    assert (mandiri.index, dokumen.index, str(dokumen.index_exact)) == ("1.13", "1.07", "213/200")
    got = {n: (dokumen.indicator(n).level, dokumen.indicator(n).supported_level, dokumen.indicator(n).effective_level) for n in (1, 2, 12, 15, 21)}
    assert got == {1: (4, 3, 3), 2: (4, 4, 4), 12: (2, 1, 1), 15: (2, None, 1), 21: (2, 1, 1)}
    assert dokumen.indicator(1).unmet == ("1.4.reviu",)
    assert {d.key: (d.present, d.basis) for d in dokumen.documents}["peta_rencana_spbe"] == (False, "evidence")
    assert (result.evaluated_on, result.evaluated_on_basis) == ("2024-06-30", "assessment")

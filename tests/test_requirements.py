"""Requirement items in the rulesets (issue 12): completeness, citations, schema source, inheritance."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import spbe_rules

ROOT = Path(__file__).resolve().parent.parent
PAGE_INDEX = ROOT / "tests" / "data" / "pedoman-3-2024.pages.json"
REFERENCE = Path("/work/shared/reference/pedoman-3-2024.txt")  # not in the repository; checked only where present


def test_schema_file_is_generated_from_its_source() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "ruleset_schema_src.py")], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == json.loads((ROOT / "schemas" / "ruleset.schema.json").read_text(encoding="utf-8")), (
        "schemas/ruleset.schema.json differs from tools/ruleset_schema_src.py: regenerate it"
    )


@pytest.mark.parametrize("year", [2024, 2025])
def test_every_indicator_has_requirements_for_levels_1_to_5(year: int) -> None:
    rs = spbe_rules.load_ruleset(spbe_rules.ruleset_for_year(year))
    assert len(rs.numbers) == 47
    for n in rs.numbers:
        levels = {r.level for r in rs.requirements_of(n)}
        assert levels == {1, 2, 3, 4, 5}, f"indicator {n}: levels {sorted(levels)}"
        for lv in range(2, 6):
            # every level above the lowest asks for something: at least one item that is not optional
            assert any(not r.optional for r in rs.requirements_of(n, lv)), f"indicator {n} level {lv} has only optional items"
    ids = [r.id for r in rs.requirements]
    assert len(ids) == len(set(ids))
    assert all(r.id.startswith(f"{r.indicator}.{r.level}.") for r in rs.requirements)


def test_2025_inherits_the_2024_requirements() -> None:
    a, b = spbe_rules.load_ruleset("pedoman-3-2024"), spbe_rules.load_ruleset(spbe_rules.ruleset_for_year(2025))
    assert b.extends == "pedoman-3-2024"
    assert a.requirements == b.requirements and a.evidence_kinds == b.evidence_kinds
    assert b.evidence_policy is not None and 2025 not in b.evidence_policy.evaluation_dates  # no date is known for 2025


def test_every_cited_page_exists_in_the_reference_text() -> None:
    index = json.loads(PAGE_INDEX.read_text(encoding="utf-8"))
    pages = set(index["pages"])
    assert index["pages"] == list(range(1, len(pages) + 1)), "the page index must number pages 1..N"
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    assert rs.source("pedoman-3-2024").pages == len(pages)
    cited = [r for r in rs.requirements if r.citation.source == "pedoman-3-2024"]
    assert len(cited) == len(rs.requirements)
    missing = [(r.id, r.citation.page) for r in cited if r.citation.page not in pages]
    assert not missing
    # the requirement pages of indicators run through the Bab II indicator chapters, in order
    first_page = {n: min(r.citation.page or 0 for r in rs.requirements_of(n)) for n in rs.numbers}
    assert [first_page[n] for n in rs.numbers] == sorted(first_page.values())


@pytest.mark.skipif(not REFERENCE.is_file(), reason="the reference text is not on this machine (it is not part of the repository)")
def test_page_index_matches_the_reference_text() -> None:
    index = json.loads(PAGE_INDEX.read_text(encoding="utf-8"))
    assert hashlib.sha256(REFERENCE.read_bytes()).hexdigest() == index["sha256"], "regenerate with tools/page_index.py"


def test_evidence_kinds_are_all_used_or_starter() -> None:
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    used = {r.evidence.kind for r in rs.requirements if r.evidence} | {d.evidence.kind for d in rs.documents if d.evidence}
    assert used <= {k.id for k in rs.evidence_kinds}
    for k in rs.evidence_kinds:
        assert k.name.id and k.name.en


def test_show_json_lists_requirements_by_level() -> None:
    out = subprocess.run([sys.executable, "-m", "spbe_rules", "show", "pedoman-3-2024", "--format", "json"], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    inds = {i["number"]: i for i in data["indicators"]}
    assert set(inds) == set(range(1, 48))
    for n, ind in inds.items():
        req = ind["requirements"]
        assert sorted(req) == ["1", "2", "3", "4", "5"], n
        for items in req.values():
            for item in items:
                assert set(item) >= {"id", "text", "citation"}
                assert item["citation"]["source"] == "pedoman-3-2024" and isinstance(item["citation"]["page"], int)
    assert inds[1]["requirements"]["4"][0]["id"].startswith("1.4.")


@pytest.mark.parametrize("ruleset_id", ["permenpanrb-59-2020", "pedoman-6-2023"])
def test_59_2020_records_per_indicator_why_it_has_no_items(ruleset_id: str) -> None:
    rs = spbe_rules.load_ruleset(ruleset_id)
    assert not rs.requirements
    reasons = {u.indicator: u.reason for u in rs.requirements_unavailable}
    assert set(reasons) == set(rs.numbers)
    for reason in reasons.values():
        assert "Lampiran Bab II huruf E" in reason.id and "Lampiran Bab II huruf E" in reason.en
    out = subprocess.run([sys.executable, "-m", "spbe_rules", "show", ruleset_id, "--format", "json"], capture_output=True, text=True, check=True).stdout
    shown = {i["number"]: i for i in json.loads(out)["indicators"]}
    assert all(i["requirements"] == {} and i["requirements_unavailable"]["id"] for i in shown.values())


def test_an_extension_that_removes_an_indicator_drops_its_requirement_entries(tmp_path: Path) -> None:
    f = tmp_path / "uji-hapus.yaml"
    f.write_text(
        'format: spbe-rules/ruleset@1\nid: uji-hapus\nversion: "0.1.0"\ntitle: Uji\nstatus: provisional\nreason: uji\n'
        "extends: pedoman-3-2024\napplies_to: {evaluation_years: [2099]}\nremove: {indicators: [47]}\n"
        "indicators:\n  - {number: 46, weight: 6}\n",
        encoding="utf-8",
    )
    rs = spbe_rules.load_ruleset(f, cache=False)
    assert 47 not in {r.indicator for r in rs.requirements} and rs.requirements_of(46)


def test_diff_lists_requirement_changes_with_their_places(tmp_path: Path) -> None:
    from spbe_rules._analysis.diff import diff

    f = tmp_path / "uji-butir.yaml"
    f.write_text(
        'format: spbe-rules/ruleset@1\nid: uji-butir\nversion: "0.1.0"\ntitle: Uji\nstatus: provisional\nreason: uji\n'
        "extends: pedoman-3-2024\napplies_to: {evaluation_years: [2099]}\n"
        'requirements:\n  1:\n    1:\n      - {id: "1.1.konsep", text: {id: a, en: a}, citation: {source: pedoman-3-2024, page: 8}, optional: true}\n'
        '    2:\n      - {id: "1.2.ditetapkan", text: {id: b, en: b}, citation: {source: pedoman-3-2024, page: 9}, evidence: {kind: kebijakan, adopted: true}}\n'
        '    3:\n      - {id: "1.3.lengkap", text: {id: c, en: c}, citation: {source: pedoman-3-2024, page: 9}, evidence: {kind: kebijakan, adopted: true}}\n'
        '    4:\n      - {id: "1.4.reviu", text: {id: d, en: d}, citation: {source: pedoman-3-2024, page: 10}, evidence: {kind: notulensi_reviu, max_age: {years: 3}}}\n'
        '    5:\n      - {id: "1.5.baru", text: {id: e, en: e}, citation: {source: pedoman-3-2024, page: 10}, evidence: {kind: kebijakan, adopted: true, after: "1.4.reviu"}}\n',
        encoding="utf-8",
    )
    d = diff("pedoman-3-2024", str(f))
    ids = {c.id: c for c in d.changes}
    assert ids["requirements[1.5.baru]"].kind == "added" and ids["requirements[1.5.kebijakan-baru]"].kind == "removed"
    age = ids["requirements[1.4.reviu].evidence"]
    assert "years" in (age.old or "") and age.new_place is not None and age.new_place.file == str(f)
    assert not any(c.scoring for c in d.changes if c.section == "requirements")

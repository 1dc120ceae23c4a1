"""Ruleset diff: content, places in both files, and its properties over all installed rulesets."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import spbe_rules
from spbe_rules import diff
from spbe_rules.analysis import RulesetDiff
from spbe_rules._cli.main import main
from spbe_rules._analysis.diff import Change

ROOT = Path(__file__).resolve().parents[1]
IDS = sorted(p.stem for p in (ROOT / "rulesets").glob("*.yaml"))


def line_of(place: object) -> str:
    """The text of the line a Place points at."""
    assert place is not None
    file, line = place.file, place.line  # type: ignore[attr-defined]
    return Path(file).read_text(encoding="utf-8").splitlines()[line - 1]


def key(c: Change) -> tuple[str, str, str, str, str]:
    return (c.id, c.kind, c.old or "", c.new or "", str(c.old_place) + str(c.new_place))


@pytest.mark.parametrize("rid", IDS)
def test_diff_with_itself_is_empty(rid: str) -> None:
    d = diff(rid, rid)
    assert d.empty and d.changes == () and d.places
    assert "no differences" in d.render(lang="en")


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(IDS, 2)))
def test_diff_is_mirrored(a: str, b: str) -> None:
    ab, ba = diff(a, b), diff(b, a)
    assert len(ab.changes) == len(ba.changes) > 0
    assert sorted(map(key, ba.changes)) == sorted(key(c.mirrored()) for c in ab.changes)
    assert {c.id for c in ab.scoring} == {c.id for c in ba.scoring}
    kinds = {"added": "removed", "removed": "added"}
    for c in ab.changes:
        m = ba.find(c.id) if sum(1 for x in ba.changes if x.id == c.id) == 1 else None
        if m is not None:
            assert m.kind == kinds.get(c.kind, c.kind)
            assert (m.old, m.new, m.old_place, m.new_place) == (c.new, c.old, c.new_place, c.old_place)


def test_2023_to_2024() -> None:
    d = diff("pedoman-6-2023", "pedoman-3-2024")
    assert isinstance(d, RulesetDiff)
    assert [c.id for c in d.scoring] == ["display.predikat_from"]
    c = d.find("display.predikat_from")
    assert (c.kind, c.old, c.new) == ("changed", "rounded", "exact")
    assert c.old_place is not None and c.old_place.file.endswith("pedoman-6-2023.yaml")
    assert c.new_place is not None and c.new_place.file.endswith("pedoman-3-2024.yaml")
    assert line_of(c.old_place).strip() == "predikat_from: rounded"
    assert line_of(c.new_place).strip() == "predikat_from: exact"
    assert d.find("applies_to.evaluation_years").old == "2023"
    status = d.find("rules[peta-rencana-manajemen].status")
    assert (status.old, status.new, status.scoring) == ("provisional", "in_force", False)
    assert "status: in_force" in line_of(status.new_place)
    added = d.find("sources[kepmenpanrb-663-2024]")
    assert added.kind == "added" and added.old_place is None and added.new_place is not None


def test_59_2020_to_8_2026_structure() -> None:
    d = diff("permenpanrb-59-2020", "permenpanrb-8-2026")
    removed = {c.key for c in d.section("indicators") if c.kind == "removed"}
    assert removed == {str(n) for n in range(21, 48)}
    assert {c.key for c in d.section("domains") if c.kind == "removed"} == {"D1", "D2", "D3", "D4"}
    assert d.find("indicators[1].name").kind == "renamed"
    assert d.find("indicators[5].aspect").kind == "moved"
    w = d.find("indicators[1].weight")
    assert (w.old, w.new, w.scoring) == ("1.3", "5", True)
    assert 'weight: "1.30"' in line_of(w.old_place) and 'weight: "5"' in line_of(w.new_place)
    band = d.find("predikat[Cukup].lower")
    assert (band.old, band.new) == ("1.8", "1.5")
    assert 'from: "1.50"' in line_of(band.new_place)
    with pytest.raises(KeyError):  # both total 100: no change listed
        d.find("total_weight")


EXT = """\
format: spbe-rules/ruleset@1
id: uji-perubahan
version: "0.1.0"
title: Uji perubahan
status: provisional
reason: ruleset uji
extends: permenpanrb-59-2020
applies_to: {evaluation_years: [2099]}
remove: {indicators: [47]}
total_weight: "97"
domains:
  - {id: D1, weight: "11.7"}
  - {id: D2, weight: "26.3"}
  - {id: D4, weight: "42.5"}
aspects:
  - {id: A1, weight: "11.7"}
  - {id: A2, weight: "11.3"}
  - {id: A8, weight: "15"}
indicators:
  - {number: 3, name: Nama Baru Indikator Tiga}
  - {number: 10, aspect: A2}
display:
  decimals: 2
  rounding: half_up
  predikat_from: exact
documents:
  - key: peta_rencana_spbe
    name: Peta Rencana SPBE
    implied_by: {indicator: 12, at_least: 2}
rules:
  - id: uji-cap
    kind: cap
    targets: [21, 22]
    max_level: 1
    unless: {document: peta_rencana_spbe}
    legal_basis: {source: permenpanrb-59-2020, section: uji}
    message: {id: "dibatasi", en: "capped"}
"""


def test_extension_changes_and_places(tmp_path: Path) -> None:
    f = tmp_path / "uji-perubahan.yaml"
    f.write_text(EXT, encoding="utf-8")
    d = diff("permenpanrb-59-2020", str(f), lang="id")
    ids = {c.id: c for c in d.changes}
    assert ids["indicators[47]"].kind == "removed" and ids["indicators[47]"].new_place is None
    assert ids["indicators[3].name"].kind == "renamed" and ids["indicators[3].name"].new == "Nama Baru Indikator Tiga"
    moved = ids["indicators[10].aspect"]
    assert (moved.kind, moved.old, moved.new, moved.scoring) == ("moved", "A1", "A2", True)
    # the new value is where the extension writes it; an inherited value stays in the base file
    assert moved.new_place is not None and moved.new_place.file == str(f) and moved.new_place.line == 21
    assert ids["indicators[10].aspect"].old_place.file.endswith("permenpanrb-59-2020.yaml")  # type: ignore[union-attr]
    assert ids["total_weight"].old == "100" and ids["total_weight"].new == "97" and ids["total_weight"].new_place.line == 10  # type: ignore[union-attr]
    assert ids["domains[D2].weight"].new == "26.3"
    assert ids["display.predikat_from"].new == "exact"
    assert ids["rules[uji-cap]"].kind == "added" and "cap 21-22 paling tinggi tingkat 1 kecuali dokumen peta_rencana_spbe (aktif" in (
        ids["rules[uji-cap]"].new or ""
    )
    en = {c.id: c for c in diff("permenpanrb-59-2020", str(f), lang="en").changes}
    assert "cap 21-22 at most level 1 unless document peta_rencana_spbe (on" in (en["rules[uji-cap]"].new or "")
    assert ids["documents[peta_rencana_spbe]"].kind == "added"
    assert ids["applies_to.evaluation_years"].new == "2099"
    text = d.render(lang="en")
    assert f"now {f}:21:" in text and "* ~ indicators[10].aspect (moved): A1 -> A2" in text


def test_places_are_left_out_when_a_file_changed(tmp_path: Path) -> None:
    f = tmp_path / "uji-perubahan.yaml"
    f.write_text(EXT, encoding="utf-8")
    rs = spbe_rules.load_ruleset(f)
    f.write_text(EXT.replace('version: "0.1.0"', 'version: "0.2.0"'), encoding="utf-8")
    d = diff("permenpanrb-59-2020", rs)
    assert not d.places and all(c.new_place is None for c in d.changes)
    assert "places left out" in d.render(lang="en")


BARE = """\
format: spbe-rules/ruleset@1
id: salinan-tanpa-perubahan
version: "1.0.0"
title: Salinan tanpa perubahan
status: in_force
extends: {base}
applies_to: {{evaluation_years: []}}
"""


@pytest.fixture(scope="module")
def bare_extensions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, spbe_rules.Ruleset]:
    folder = tmp_path_factory.mktemp("bare")
    out = {}
    for base in ("permenpanrb-59-2020", "pedoman-3-2024", "permenpanrb-5-2018", "permenpanrb-8-2026"):
        f = folder / f"{base}-salinan.yaml"
        f.write_text(BARE.format(base=base), encoding="utf-8")
        out[base] = spbe_rules.load_ruleset(f)
    return out


def test_bare_extension_differs_only_in_its_own_description(bare_extensions: dict[str, spbe_rules.Ruleset]) -> None:
    for base, ext in bare_extensions.items():
        d = diff(base, ext)
        assert d.scoring == ()
        assert {c.section for c in d.changes} <= {"ruleset", "applies_to"}


@given(data=st.data())
def test_bare_extension_evaluates_identically(bare_extensions: dict[str, spbe_rules.Ruleset], data: st.DataObject) -> None:
    base_id = data.draw(st.sampled_from(sorted(bare_extensions)))
    base, ext = spbe_rules.load_ruleset(base_id), bare_extensions[base_id]
    lo, hi = base.scale.min, base.scale.max
    levels = {n: data.draw(st.integers(lo, hi)) for n in base.numbers}
    docs = {}
    if base.documents:
        docs = data.draw(st.dictionaries(st.sampled_from([d.key for d in base.documents]), st.booleans()))
    a = spbe_rules.Assessment.from_levels(levels, instansi="Acak", year=2024, documents=docs)
    ra, rb = spbe_rules.evaluate(base, a), spbe_rules.evaluate(ext, a)
    assert (ra.index, ra.index_exact, ra.predikat) == (rb.index, rb.index_exact, rb.predikat)
    assert ra.domains == rb.domains and ra.aspects == rb.aspects
    assert ra.effective_levels == rb.effective_levels


def test_cli_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "pedoman-6-2023", "pedoman-3-2024"]) == 0
    out = capsys.readouterr().out
    assert "* ~ display.predikat_from: rounded -> exact" in out
    assert main(["diff", "pedoman-6-2023", "pedoman-3-2024", "--exit-code"]) == 1
    capsys.readouterr()
    assert main(["diff", "pedoman-6-2023", "pedoman-6-2023", "--exit-code"]) == 0
    capsys.readouterr()
    assert main(["diff", "pedoman-6-2023", "pedoman-3-2024", "--format", "json", "-o", str(tmp_path / "d.json")]) == 0
    doc = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert doc["schema"] == "spbe-rules/diff@1" and doc["a"]["id"] == "pedoman-6-2023"
    ch = next(c for c in doc["changes"] if c["section"] == "display" and c["field"] == "predikat_from")
    assert ch["scoring"] is True and ch["new_place"]["file"].endswith("pedoman-3-2024.yaml")
    assert main(["diff", "pedoman-6-2023", "tidak-ada"]) == 2
    assert "tidak ada set aturan terpasang dengan id 'tidak-ada'" in capsys.readouterr().err

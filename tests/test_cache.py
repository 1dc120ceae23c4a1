"""The ruleset cache: used when nothing changed, never when any file of the extends chain changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules._loading import load as _load

RULESETS = Path(spbe_rules.load_ruleset("permenpanrb-59-2020").origin).parent


def _copy_chain(tmp_path: Path) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    for name in ("permenpanrb-59-2020.yaml", "pedoman-6-2023.yaml"):
        shutil.copy(RULESETS / name, work / name)
    return work / "pedoman-6-2023.yaml"


def _no_build(*_: object) -> None:
    raise AssertionError("the ruleset was built again although the disk cache should have been used")


def test_disk_cache_is_used_without_parsing(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    child = _copy_chain(tmp_path)
    first = spbe_rules.load_ruleset(child)
    assert len(list(cache_dir.glob("*.json"))) == 1
    spbe_rules.clear_cache()
    monkeypatch.setattr(_load, "_build", _no_build)
    monkeypatch.setattr(_load, "_read_chain", _no_build)
    again = spbe_rules.load_ruleset(child)
    assert again == first and again.sha256 == first.sha256
    assert again.origin == str(child)


@pytest.mark.parametrize("which", ["child", "base"])
def test_editing_any_file_of_the_chain_invalidates(tmp_path: Path, cache_dir: Path, which: str) -> None:
    child = _copy_chain(tmp_path)
    first = spbe_rules.load_ruleset(child)
    target = child if which == "child" else child.parent / "permenpanrb-59-2020.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace('weight: "1.30"', 'weight: "1.31"', 1) if which == "base" else text.replace("title:", "title: Diubah -", 1), encoding="utf-8"
    )
    spbe_rules.clear_cache()
    if which == "base":  # the weights no longer sum: the edit must be seen, as an error
        with pytest.raises(spbe_rules.RulesetError) as info:
            spbe_rules.load_ruleset(child)
        assert "WEIGHT_SUM" in info.value.codes
    else:
        changed = spbe_rules.load_ruleset(child)
        assert changed.title.startswith("Diubah") and changed.sha256 != first.sha256


def test_a_new_base_beside_the_file_is_noticed(tmp_path: Path, cache_dir: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    child = work / "pedoman-6-2023.yaml"
    shutil.copy(RULESETS / "pedoman-6-2023.yaml", child)
    installed_base = spbe_rules.load_ruleset(child)  # base found among installed rulesets
    base_copy = work / "permenpanrb-59-2020.yaml"
    base_copy.write_text((RULESETS / "permenpanrb-59-2020.yaml").read_text(encoding="utf-8").replace("Optimum", "Optimal"), encoding="utf-8")
    spbe_rules.clear_cache()
    local = spbe_rules.load_ruleset(child)  # now the base beside the file wins, and the cache must not hide it
    assert local.sha256 != installed_base.sha256
    assert "Optimal" in local.scale.capabilities[0].levels.values()


def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, cache_dir: Path) -> None:
    child = _copy_chain(tmp_path)
    first = spbe_rules.load_ruleset(child)
    (entry,) = cache_dir.glob("*.json")
    entry.write_text('{"chain": [], "ruleset": {"id": 5}}', encoding="utf-8")
    spbe_rules.clear_cache()
    assert spbe_rules.load_ruleset(child) == first


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPBE_RULES_CACHE_DIR", "off")
    spbe_rules.clear_cache()
    child = _copy_chain(tmp_path)
    spbe_rules.load_ruleset(child)
    assert not (tmp_path / "cache").exists()
    spbe_rules.clear_cache()

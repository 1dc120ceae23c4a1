"""Paths named inside data (issue 11, finding 2): the one rule of ``_base.files.confined``.

The hostile corpus (tests/hostile/confinement.json) runs the attacks through the CLI and the API;
these tests hold the rule itself: what it accepts always resolves inside an allowed place, relative
names are taken from the naming file's folder (never the working directory), and neither cache
lets a path through that the current call does not allow.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spbe_rules
from spbe_rules._base.files import FileProblem, allowed_now, confined

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "good" / "minimal.yaml"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """d/ (the folder of the naming file) with a subfolder, links inside and out; out/ beside it."""
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "d" / "x.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "out" / "y.yaml").write_text("y: 1\n", encoding="utf-8")
    os.symlink("../out", tmp_path / "d" / "link_out")
    os.symlink("sub", tmp_path / "d" / "link_in")
    os.symlink("/", tmp_path / "d" / "link_root")
    return tmp_path


def _inside(p: Path, root: Path) -> bool:
    real = Path(os.path.realpath(p))
    return real == root or root in real.parents


PARTS = st.lists(st.sampled_from(["..", ".", "sub", "x.yaml", "link_out", "link_in", "link_root", "out", "y.yaml", "d"]), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], derandomize=True)
@given(parts=PARTS, absolute=st.booleans())
def test_what_is_accepted_resolves_inside_the_folder(tree: Path, parts: list[str], absolute: bool) -> None:
    folder = tree / "d"
    name = os.path.join(str(folder) if absolute else "", *parts)
    root = Path(os.path.realpath(folder))
    try:
        got = confined(name, folder)
    except FileProblem as fp:
        assert fp.code == "PATH_OUTSIDE"
        assert not _inside(folder / name, root), f"{name!r} is inside {root} but was refused"
        return
    assert _inside(got, root), f"{name!r} accepted as {got}, which resolves to {os.path.realpath(got)}"


def test_a_relative_name_is_taken_from_the_naming_files_folder(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree / "out")  # y.yaml is in the working directory, but not beside the naming file
    assert confined("x.yaml", tree / "d") == tree / "d" / "x.yaml"
    with pytest.raises(FileProblem) as got:
        confined("../out/y.yaml", tree / "d")
    assert got.value.code == "PATH_OUTSIDE"


def test_symlinks_are_followed_before_the_check(tree: Path) -> None:
    assert confined("link_in/../x.yaml", tree / "d")  # d/sub/../x.yaml is d/x.yaml
    for name in ("link_out/y.yaml", "link_root/etc/passwd", "/dev/zero", str(tree / "out" / "y.yaml")):
        with pytest.raises(FileProblem):
            confined(name, tree / "d")


def test_allowed_folders_widen_the_rule_only_inside_the_block(tree: Path) -> None:
    with spbe_rules.allow_dirs([tree / "out"]):
        assert allowed_now() == (Path(os.path.realpath(tree / "out")),)
        assert confined("link_out/y.yaml", tree / "d")
        assert confined("../out/y.yaml", tree / "d")
    assert allowed_now() == ()
    with pytest.raises(FileProblem):
        confined("../out/y.yaml", tree / "d")


def test_an_allowed_folder_must_exist(tree: Path) -> None:
    for bad in (tree / "nope", tree / "d" / "x.yaml", "x" * 5000):
        with pytest.raises(spbe_rules.ValidationError) as got, spbe_rules.allow_dirs([bad]):
            pass
        assert got.value.codes == ["ALLOW_DIR"]


def _child_with_link(tmp_path: Path) -> Path:
    """d/r.yaml extends `uji`; d/uji.yaml is a symlink to out/uji.yaml (outside d)."""
    (tmp_path / "d").mkdir(exist_ok=True)
    (tmp_path / "out").mkdir(exist_ok=True)
    (tmp_path / "out" / "uji.yaml").write_bytes(MINIMAL.read_bytes())
    os.symlink("../out/uji.yaml", tmp_path / "d" / "uji.yaml")
    text = MINIMAL.read_text(encoding="utf-8").replace("id: uji-minimal\n", "id: anak\n").replace("status: in_force\n", "status: in_force\nextends: uji\n")
    child = tmp_path / "d" / "r.yaml"
    child.write_text(text, encoding="utf-8")
    return child


def test_neither_cache_widens_the_rule(tmp_path: Path, cache_dir: Path) -> None:
    child = _child_with_link(tmp_path)
    assert spbe_rules.load_ruleset(child, allow_dirs=[tmp_path / "out"]).id == "anak"  # in memory and on disk now
    with pytest.raises(spbe_rules.RulesetError) as got:  # the memory cache: keyed by the folders allowed
        spbe_rules.load_ruleset(child)
    assert got.value.codes == ["PATH_OUTSIDE"]
    spbe_rules.clear_cache()
    with pytest.raises(spbe_rules.RulesetError) as got:  # the disk cache: every base is resolved again
        spbe_rules.load_ruleset(child)
    assert got.value.codes == ["PATH_OUTSIDE"]
    assert spbe_rules.load_ruleset(child, allow_dirs=[tmp_path / "out"]).id == "anak"


def test_the_place_and_the_fix_are_named(tmp_path: Path) -> None:
    child = _child_with_link(tmp_path)
    with pytest.raises(spbe_rules.RulesetError) as got:
        spbe_rules.load_ruleset(child, cache=False)
    (problem,) = got.value.problems
    assert (problem.location.file, problem.location.line, problem.location.col) == (str(child), 8, 10)
    assert "--allow-dir" in str(problem) and "allow_dirs" in str(problem)


@pytest.mark.parametrize(
    "before, after",
    [([], ["--allow-dir", "{out}"]), (["--allow-dir", "{out}"], []), (["--allow-dir={out}"], []), (["--allow-dir", "{d}"], ["--allow-dir", "{out}"])],
)
def test_allow_dir_on_the_command_line_before_or_after_the_command(
    tmp_path: Path, before: list[str], after: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``--allow-dir`` works before the command (like ``--lang``) as well as after it, and both lists count."""
    from spbe_rules._cli.main import main

    child = _child_with_link(tmp_path)
    fill = {"out": str(tmp_path / "out"), "d": str(tmp_path / "d")}
    argv = [a.format(**fill) for a in before] + ["validate", str(child)] + [a.format(**fill) for a in after]
    assert main(argv) == 0, capsys.readouterr().err
    assert main(["validate", str(child)]) == 2  # without it: refused
    assert "PATH_OUTSIDE" in capsys.readouterr().err

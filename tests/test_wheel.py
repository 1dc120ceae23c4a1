"""Packaging: a built wheel carries the rulesets, schemas and suites, and works on its own.

The wheel is installed with ``pip install --target`` into a temporary folder and used
from a fresh interpreter whose working directory is outside the source tree, with only
that folder on PYTHONPATH in front (the dependencies come from the running environment).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the source tree to build a wheel"),
]


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, check=False, **kw)  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel file, the folder it is installed in)."""
    base = tmp_path_factory.mktemp("wheel")
    out = base / "dist"
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-input", "--disable-pip-version-check", "-w", str(out)]
    if importlib.util.find_spec("hatchling") is not None:
        cmd.append("--no-build-isolation")  # build with the hatchling at hand, without a download
    proc = _run([*cmd, str(ROOT)], cwd=base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheels = sorted(out.glob("spbe_rules-*.whl"))
    assert len(wheels) == 1, wheels
    target = base / "site"
    proc = _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check", "--target", str(target), str(wheels[0])],
        cwd=base,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return wheels[0], target


def _python(target: Path, cwd: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONPATH"] = str(target)
    env["SPBE_RULES_CACHE_DIR"] = "off"
    return _run([sys.executable, "-c", code], cwd=cwd, env=env)


CHECK = r"""
import importlib.resources, json, sys
import spbe_rules
rs = spbe_rules.load_ruleset("permenpanrb-59-2020")
a = spbe_rules.Assessment.from_levels({n: 3 for n in rs.numbers}, year=2022)
r = spbe_rules.evaluate(rs, a)
schema = importlib.resources.files("spbe_rules") / "_data" / "schemas" / "ruleset.schema.json"
suites = importlib.resources.files("spbe_rules") / "_data" / "suites"
print(json.dumps({
    "file": spbe_rules.__file__,
    "version": spbe_rules.__version__,
    "indicators": len(rs.indicators),
    "index": r.index,
    "predikat": r.predikat,
    "rulesets": sorted(i.id for i in spbe_rules.installed_rulesets()),
    "ruleset_paths": sorted(i.path for i in spbe_rules.installed_rulesets()),
    "schema": schema.is_file() and len(json.loads(schema.read_text(encoding="utf-8"))) > 0,
    "suites": sorted(p.name for p in suites.iterdir()),
}))
"""


def test_wheel_works_on_its_own(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, target = installed
    proc = _python(target, tmp_path, CHECK)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert Path(info["file"]).resolve().is_relative_to(target.resolve()), info["file"]
    import spbe_rules

    assert info["version"] == spbe_rules.__version__
    assert info["indicators"] == 47
    assert (info["index"], info["predikat"]) == ("3.00", "Baik")
    assert info["rulesets"] == sorted(p.stem for p in (ROOT / "rulesets").glob("*.yaml"))
    for p in info["ruleset_paths"]:
        assert Path(p).resolve().is_relative_to(target.resolve()), p
    assert info["schema"] is True
    assert sorted(p.name for p in (ROOT / "suites").glob("*.yaml")) == [n for n in info["suites"] if n.endswith(".yaml")]


def test_wheel_cli(installed: tuple[Path, Path], tmp_path: Path) -> None:
    _, target = installed
    example = ROOT / "examples" / "kabupaten-contoh-2024.yaml"
    code = f"import sys; from spbe_rules._cli.main import main; sys.exit(main(['evaluate', {str(example)!r}, '--format', 'json']))"
    proc = _python(target, tmp_path, code)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ruleset"]["id"].startswith("pedoman-")


def test_wheel_contents(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        meta = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        entry_points = zf.read(meta).decode()
    for p in (ROOT / "rulesets").glob("*.yaml"):
        assert f"spbe_rules/_data/rulesets/{p.name}" in names
    for p in (ROOT / "schemas").glob("*.json"):
        assert f"spbe_rules/_data/schemas/{p.name}" in names
    assert "spbe_rules/py.typed" in names
    assert not any(n.startswith("tests/") for n in names)
    assert "spbe-rules = spbe_rules._cli.entry:run" in entry_points

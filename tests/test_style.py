"""House rules that a tool can check: ruff lint and ruff format (configured in pyproject.toml) pass, every
``except Exception`` says why on its line, no ``_ = name`` keep-alives hide dead imports, and vulture
finds no dead code (unused functions, methods, classes, attributes, constants; unused parameters are
ruff's ARG rules)."""

from __future__ import annotations

import ast
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "spbe_rules"
CHECKED = ["src", "tests", "benchmarks", "tools"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("ruff", reason="ruff is in the test extra: pip install -e '.[test]'")
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint() -> None:
    done = _ruff("check", "--no-cache", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    done = _ruff("format", "--check", "--no-cache", *CHECKED)
    assert done.returncode == 0, "run `ruff format .`\n" + done.stdout + done.stderr


def test_no_dead_code() -> None:
    """vulture over src/ at 60% confidence (everything it reports about functions, methods, classes,
    attributes and variables) finds nothing outside its whitelist, tools/vulture_whitelist.py, which
    says why each name stays (public API, data fields, protocols). Dead code: remove it; a false
    positive: add it to the whitelist with the reason."""
    pytest.importorskip("vulture", reason="vulture is in the test extra: pip install -e '.[test]'")
    done = subprocess.run(
        [sys.executable, "-m", "vulture", "src/spbe_rules", "tools/vulture_whitelist.py", "--min-confidence", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, "dead code (remove it, or whitelist it with the reason):\n" + done.stdout + done.stderr


def test_the_dead_code_check_sees_dead_code(tmp_path: Path) -> None:
    pytest.importorskip("vulture", reason="vulture is in the test extra: pip install -e '.[test]'")
    (tmp_path / "m.py").write_text("def used() -> int:\n    return 1\n\n\ndef unused() -> int:\n    return used()\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "vulture", str(tmp_path / "m.py"), "--min-confidence", "60"], capture_output=True, text=True)
    assert done.returncode == 3 and "unused function 'unused'" in done.stdout, done.stdout + done.stderr


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(SRC)))
def test_broad_except_says_why(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    broad = {
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler)
        and (node.type is None or (isinstance(node.type, ast.Name) and node.type.id in ("Exception", "BaseException")))
        and not (isinstance(node.body[-1], ast.Raise) and node.body[-1].exc is None)  # clean up, then re-raise
    }
    with path.open("rb") as fh:
        commented = {tok.start[0] for tok in tokenize.tokenize(fh.readline) if tok.type == tokenize.COMMENT}
    silent = sorted(broad - commented)
    assert not silent, f"{path.name}: `except Exception` without a comment saying why, lines {silent}"


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_keep_alive_assignments(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keep_alive = [
        node.lineno
        for node in tree.body
        if isinstance(node, ast.Assign)
        and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["_"]
        and isinstance(node.value, (ast.Name, ast.Tuple, ast.Attribute))
    ]
    assert not keep_alive, f"{path.name}: `_ = name` keeps an unused import alive (remove both), lines {keep_alive}"


def test_one_did_you_mean_rule() -> None:
    """Every "did you mean" goes through ``_base/text.closest``: no other module uses difflib."""
    users = [
        str(p.relative_to(SRC))
        for p in _sources()
        if any(
            (isinstance(n, ast.Import) and any(a.name == "difflib" for a in n.names)) or (isinstance(n, ast.ImportFrom) and n.module == "difflib")
            for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        )
    ]
    assert users == ["_base/text.py"], users

"""The README's Python examples type-check under ``mypy --strict`` (what a user's editor would say)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_has_python_examples() -> None:
    assert _blocks(), "README.md shows no Python example"


@pytest.mark.slow
def test_readme_python_passes_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    for k, block in enumerate(_blocks()):
        (tmp_path / f"readme_example_{k}.py").write_text(block, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy_cache"), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr

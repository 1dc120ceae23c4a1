"""Every `spbe-rules ...` command shown in the README runs as written and succeeds.

The commands are taken from the README's ``sh`` code blocks and run in order in an empty folder
where ``examples/`` and ``suites/`` are the source tree's, so files written by one command (the
batch results) are read by the next, as a reader following the README would do. Commands that
name the reader's own files (``my-...``) are skipped.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest

from spbe_rules._cli.main import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

pytestmark = pytest.mark.skipif(not (ROOT / "examples").is_dir(), reason="needs the source tree (README.md, examples/)")


def readme_commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line.startswith("spbe-rules ") and "my-" not in line:
                commands.append(line)
    return commands


def test_the_readme_shows_the_main_commands() -> None:
    verbs = {shlex.split(c)[1] for c in readme_commands()}
    assert {"evaluate", "explain", "plan", "whatif", "gains", "diff", "impact", "test", "batch", "report", "template"} <= verbs


def test_every_readme_command_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("examples", "suites"):
        os.symlink(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    for command in readme_commands():
        code = main(shlex.split(command)[1:])
        out, err = capsys.readouterr()
        assert code == 0, f"README command failed ({code}): {command}\n{err}"
        assert "Traceback" not in out + err
    assert (tmp_path / "hasil.csv").stat().st_size > 0
    assert "<svg" in (tmp_path / "laporan.html").read_text(encoding="utf-8")

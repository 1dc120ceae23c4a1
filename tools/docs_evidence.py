"""Refresh the pasted command outputs in docs/bukti-dukung.md.

Every code block that starts with ``$ spbe-rules ARGS`` gets the current output of that command
(run: python tools/docs_evidence.py). tests/test_docs_evidence.py checks that they are current."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "bukti-dukung.md"
BLOCK = re.compile(r"(```console\n\$ spbe-rules (?P<args>[^\n]*)\n)(?P<out>.*?)(```)", re.DOTALL)


def run(args: list[str]) -> str:
    from spbe_rules._cli.main import main

    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            code = main(args)
    finally:
        os.chdir(cwd)
    if code != 0:
        raise SystemExit(f"spbe-rules {' '.join(args)} exited {code}")
    return out.getvalue()


def blocks(text: str) -> list[tuple[list[str], str]]:
    """(arguments, pasted output) of every command block."""
    return [(shlex.split(m["args"]), m["out"]) for m in BLOCK.finditer(text)]


def refresh(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + run(shlex.split(m["args"])) + m.group(4), text)


if __name__ == "__main__":
    DOC.write_text(refresh(DOC.read_text(encoding="utf-8")), encoding="utf-8")

"""Paste the current output of the commands shown in README.md and docs/ (for writers of the docs).

    python tools/update_doc_outputs.py            # list the shown outputs that differ
    python tools/update_doc_outputs.py --write    # replace those that are shown in full
    python tools/update_doc_outputs.py --write --cut   # also those cut with [...] (head and tail kept)

tests/test_docs_blocks.py fails when a page shows other output than a command prints. This tool
runs the same commands the same way (same folder, same reader's files) and, with ``--write``,
replaces every differing output that the page shows in full. An output cut with ``[...]`` is only
listed, with the full current output, for a person to cut again (which lines matter is a choice);
with ``--cut`` it is rewritten as the same number of first lines, ``[...]``, and the same number
of last lines of the current output, which a person may then cut better.
Read every change before committing it: the docs describe what the output means.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_docs_blocks as t  # noqa: E402  (the test module holds the one definition of how blocks run)


class _Capture:
    """Collects what a command writes, like pytest's capsys."""

    def __init__(self) -> None:
        import io

        self.out, self.err = io.StringIO(), io.StringIO()

    def readouterr(self) -> tuple[str, str]:
        out, err = self.out.getvalue(), self.err.getvalue()
        self.out.seek(0), self.out.truncate(), self.err.seek(0), self.err.truncate()
        return out, err


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="replace the outputs shown in full")
    ap.add_argument("--cut", action="store_true", help="with --write: also rewrite outputs cut with [...] as head, [...], tail")
    args = ap.parse_args()
    from contextlib import redirect_stderr, redirect_stdout

    from spbe_rules._cli.main import main as cli

    changed = 0
    for page in t.SHELL_PAGES:
        lines = page.read_text(encoding="utf-8").split("\n")
        edits: list[tuple[int, int, list[str]]] = []
        with tempfile.TemporaryDirectory() as tmp:
            cwd = Path(tmp)
            old = os.getcwd()
            os.chdir(cwd)
            try:
                page_blocks = t.prepare_page(page, cwd)
                for cmd in (c for b in page_blocks for c in t.shell_commands(b)):
                    if not cmd.text.startswith("spbe-rules "):
                        continue
                    cap = _Capture()
                    with redirect_stdout(cap.out), redirect_stderr(cap.err):
                        cli(shlex.split(cmd.text)[1:])
                    out, err = cap.readouterr()
                    if cmd.output is None:
                        continue
                    actual = t._shorten_paths(out + err).rstrip("\n").split("\n")
                    if t.output_matches(cmd.output, actual):
                        continue
                    changed += 1
                    where = f"{page.relative_to(ROOT)}:{cmd.line}"
                    cut = any("[...]" in s or "(...)" in s for s in cmd.output)
                    if args.write and not cut:
                        edits.append((cmd.line, len(cmd.output), actual))
                        print(f"{where}: replaced `{cmd.text}`")
                    elif args.write and args.cut:
                        marks = [i for i, s in enumerate(cmd.output) if s.strip() == "[...]"]
                        shown = list(cmd.output)
                        while shown and not shown[-1].strip():
                            shown.pop()
                        head = marks[0] if marks else len(shown)
                        tail = len(shown) - marks[-1] - 1 if marks else 0
                        new = actual[:head] + ["[...]"] + (actual[-tail:] if tail else [])
                        edits.append((cmd.line, len(cmd.output), new))
                        print(f"{where}: rewrote `{cmd.text}` as {head} first lines, [...], {tail} last lines")
                    else:
                        print(f"{where}: `{cmd.text}` differs{' (cut with [...]: edit by hand)' if cut else ''}; it prints:")
                        print("\n".join("    " + a for a in actual))
            finally:
                os.chdir(old)
        for line, count, new in sorted(edits, reverse=True):
            shown = [s for s in lines[line : line + count]]
            while shown and not shown[-1].strip():
                shown.pop()
            lines[line : line + len(shown)] = new
        if edits:
            page.write_text("\n".join(lines), encoding="utf-8")
    print(f"{changed} shown outputs differ" + (" (those shown in full are replaced)" if args.write else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

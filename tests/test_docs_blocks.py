"""Every YAML, JSON and shell block in README.md and docs/ is checked, so an example can never break.

How a page's fenced code blocks are checked, by their info string:

- ``yaml`` / ``json``: the text is read by the library's own safe reader (the one that reads
  ruleset and assessment files), so it must parse without a ``YAML_SYNTAX``-style problem. A YAML
  block whose first line is a comment naming a file (``# tiga-dokumen-sempit-2023.yaml``) is also
  written under that name, for the commands of the same page.
- shell (``sh``, ``console``, and ``text`` or plain blocks whose lines start with ``$ ``): the
  commands of a page run in order in an empty folder that has the source tree's ``examples/`` and
  ``suites/``, as a reader following the page would run them. A command followed by output lines
  must print that output (stdout, then stderr; paths shortened to ``rulesets/...`` as the pages
  say); a line ``[...]`` stands for any number of lines, ``[...]`` or ``(...)`` inside a line for
  any text, and a line ending in ``[...]`` may go on over further (wrapped) lines. A command shown without output must
  succeed. A command on a file the page does not provide (the reader's own, such as
  ``contoh.yaml``) still runs: its options must be accepted, and it must stop only because the
  file is missing.
- The reader's files that a page describes in words (a copy of a ruleset with one weight changed,
  a draft with a typo, ...) are made by ``READER_FILES`` below or kept in ``tests/data/docs/``, so
  the output shown for them is checked too.
- ``pip install`` and ``python3 -m venv`` lines: every extra they name exists in pyproject.toml,
  and the README's two set-up commands are the ones ``.ci/run`` runs.
- ``python`` blocks run too, after the page's shell commands and in the same folder: they must
  not raise.
- ``text`` and plain blocks without ``$`` are prose examples (error lines, tables, diagrams).
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from spbe_rules import SpbeError, ValidationError

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

pytestmark = pytest.mark.skipif(not (ROOT / "examples").is_dir() or not (ROOT / "docs").is_dir(), reason="needs the source tree (docs/, examples/)")

KINDS = {"yaml", "json", "sh", "console", "text", "python", ""}
SHELL_KINDS = {"sh", "console", "text", ""}


class Block(NamedTuple):
    page: Path
    line: int  # 1-based line of the opening fence
    kind: str
    lines: list[str]

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> Iterator[Block]:
    """The fenced code blocks of a Markdown page (also indented ones, inside list items)."""
    lines = page.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^(\s*)```(\S*)\s*$", lines[i])
        if m:
            indent, kind, start = len(m.group(1)), m.group(2), i
            i += 1
            body: list[str] = []
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i][indent:] if lines[i][:indent].strip() == "" else lines[i])
                i += 1
            assert i < len(lines), f"{page.relative_to(ROOT)}:{start + 1}: code block never closed"
            yield Block(page, start + 1, kind, body)
        i += 1


ALL_BLOCKS = [b for page in PAGES for b in blocks(page)]


def test_every_block_is_of_a_kind_that_is_checked() -> None:
    unknown = [f"{b.where} ```{b.kind}" for b in ALL_BLOCKS if b.kind not in KINDS]
    assert not unknown, f"code blocks of a kind this test does not check (add it to KINDS and check it): {unknown}"
    assert sum(b.kind in ("yaml", "json") for b in ALL_BLOCKS) >= 20
    assert sum(bool(shell_commands(b)) for b in ALL_BLOCKS) >= 30


# -- YAML and JSON ------------------------------------------------------------------------------


def _parse_text(text: str, name: str, json_syntax: bool) -> object:
    from spbe_rules._loading.source import parse_text

    return parse_text(text, name, json_syntax=json_syntax)


DATA_BLOCKS = [b for b in ALL_BLOCKS if b.kind in ("yaml", "json")]


@pytest.mark.parametrize("block", DATA_BLOCKS, ids=[b.where for b in DATA_BLOCKS])
def test_yaml_and_json_blocks_parse(block: Block) -> None:
    text = "\n".join(block.lines) + "\n"
    try:
        data = _parse_text(text, block.where, block.kind == "json")
    except SpbeError as exc:
        pytest.fail(f"{block.where}: the ```{block.kind} block does not parse (a reader copying it gets this):\n{exc}")
    assert data is not None, f"{block.where}: empty block"


def test_a_broken_yaml_block_would_be_caught() -> None:
    """The check above fails on the case-suite example as it was once published (issue 14)."""
    broken = "cases:\n  - name: tanpa Peta Rencana SPBE: indikator 21-31 dibatasi level 1\n"
    with pytest.raises(ValidationError) as info:
        _parse_text(broken, "contoh.yaml", False)
    assert [(p.code, p.location.line, p.location.col) for p in info.value.exceptions] == [("YAML_SYNTAX", 2, 34)]


# -- shell ---------------------------------------------------------------------------------------


class Command(NamedTuple):
    block: Block
    line: int  # 1-based line in the page
    text: str
    output: list[str] | None  # None: no output shown


def _strip_comment(line: str) -> str:
    return re.split(r"\s+#\s", line, maxsplit=1)[0].strip()


def shell_commands(block: Block) -> list[Command]:
    if block.kind not in SHELL_KINDS:
        return []
    if block.kind == "sh":
        return [
            Command(block, block.line + 1 + i, _strip_comment(line), None)
            for i, line in enumerate(block.lines)
            if _strip_comment(line) and not line.lstrip().startswith("#")
        ]
    if not any(line.startswith("$ ") for line in block.lines):
        return []
    assert block.lines[0].startswith("$ "), f"{block.where}: output before the first `$ ` command"
    out: list[Command] = []
    for i, line in enumerate(block.lines):
        if line.startswith("$ "):
            out.append(Command(block, block.line + 1 + i, _strip_comment(line[2:]), []))
        else:
            shown = out[-1].output
            assert shown is not None
            shown.append(line)
    return [c._replace(output=c.output if c.output and any(s.strip() for s in c.output) else None) for c in out]


def _pattern(line: str) -> re.Pattern[str]:
    parts = re.split(r"\s*\[\.\.\.\]|\(\.\.\.\)", line.rstrip())
    return re.compile(".*?".join(re.escape(p) for p in parts) + r"\s*")


def output_matches(shown: list[str], actual: list[str]) -> bool:
    """`shown` (with [...] elisions) describes `actual` line by line."""
    shown = list(shown)
    while shown and not shown[-1].strip():
        shown.pop()
    actual = [a.rstrip() for a in actual]
    while actual and not actual[-1]:
        actual.pop()

    @functools.cache
    def match(i: int, j: int) -> bool:
        if i == len(shown):
            return j == len(actual)
        if shown[i].strip() == "[...]":
            return any(match(i + 1, k) for k in range(j, len(actual) + 1))
        if j >= len(actual) or _pattern(shown[i]).fullmatch(actual[j]) is None:
            return False
        if shown[i].rstrip().endswith("[...]"):  # a paragraph cut short: its wrapped lines go too
            return any(match(i + 1, k) for k in range(j + 1, len(actual) + 1))
        return match(i + 1, j + 1)

    return match(0, 0)


def first_unmatched(shown: list[str], actual: list[str]) -> str:
    """The first shown line (after the last [...]) that no printed line matches, for the failure message."""
    j = 0
    for line in shown:
        if line.strip() == "[...]" or not line.strip():
            continue
        pat = _pattern(line)
        k = next((k for k in range(j, len(actual)) if pat.fullmatch(actual[k].rstrip())), None)
        if k is None:
            return line
        j = k + 1
    return "(the lines match, but not in full: extra printed lines?)"


def test_output_matching() -> None:
    assert output_matches(["a", "[...]", "d"], ["a", "b", "c", "d"])
    assert output_matches(["a (...) c: [...]"], ["a (x y) c: long tail"])
    assert output_matches(["a [...]", "d"], ["a b", "c", "d"])
    assert not output_matches(["a", "d"], ["a", "b", "d"])
    assert not output_matches(["a 1"], ["a 2"])
    assert not output_matches(["a", "[...]"], [])


PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
EXTRAS = set(PYPROJECT["project"]["optional-dependencies"])
INPUT_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")
OUTPUT_OPTIONS = {"-o", "--output", "--errors"}


def _check_setup_command(cmd: Command) -> None:
    """pip/venv lines: the extras exist; the README's set-up commands are what CI runs."""
    for part in cmd.text.split("&&"):
        words = shlex.split(part)
        if "install" in words and any(w.endswith("pip") for w in words[:2]) or words[:3] == ["python", "-m", "pip"]:
            for w in words[words.index("install") + 1 :]:
                m = re.fullmatch(r"(spbe-rules|\.)(?:\[([\w,-]+)\])?", w)
                assert m, f"{cmd.block.where}: `{w}` is not this project"
                for extra in (m.group(2) or "").split(","):
                    assert not extra or extra in EXTRAS, f"line {cmd.line}: no extra `{extra}` in pyproject.toml"
    if cmd.text.startswith("python3 -m venv") and cmd.block.page.name == "README.md":
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8") if (ROOT / ".ci" / "run").is_file() else None
        if ci is not None:
            test_part = cmd.text.split("&&", 1)[1].strip()
            if "pytest" in cmd.text:
                assert test_part in ci.replace(" --quiet", ""), f"README.md:{cmd.line}: .ci/run does not run the README's test command `{test_part}`"


def _missing_inputs(args: list[str], cwd: Path) -> list[str]:
    missing: list[str] = []
    for prev, arg in zip(["", *args], args):
        if prev in OUTPUT_OPTIONS or arg.startswith("-"):
            continue
        if (arg.endswith(INPUT_SUFFIXES) or arg.endswith("/")) and not (cwd / arg).exists():
            missing.append(arg)
    return missing


def _replace_line(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the source of a reader's file changed: `{old}` is not there once"
    return text.replace(old, new)


def _levels(value: int) -> str:
    return "{" + ", ".join(f"{n}: {value}" for n in range(1, 48)) + "}"


def _read(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


NO_DOCS = "examples/tanpa-dokumen-2023.yaml"
NARROW = "tiga-dokumen-sempit-2023.yaml"  # a named block of aturan-ketergantungan.md

# page -> reader's file -> how it is made (from the files the page says it is made from)
READER_FILES: dict[str, dict[str, object]] = {
    "aturan-ketergantungan.md": {
        "dengan-dokumen-2023.yaml": lambda cwd: _read(NO_DOCS).replace(": false\n", ": true\n"),
        "peta-level1-2023.yaml": lambda cwd: _replace_line(
            "".join(line for line in _read(NO_DOCS).splitlines(keepends=True) if not line.startswith("documents:") and not line.endswith(": false\n")),
            "\n  12: 2\n",
            "\n  12: 1\n",
        ),
        "salah.yaml": lambda cwd: _replace_line((cwd / NARROW).read_text(encoding="utf-8"), "targets: [13, 21,", "targets: [12, 13, 21,"),
        "penilaian.yaml": lambda cwd: f"instansi: Pemerintah Kabupaten Contoh\nyear: 2023\nlevels: {_levels(3)}\n",
        "dokumen-tak-tersimpul.yaml": "tests/data/docs/dokumen-tak-tersimpul.yaml",
    },
    "panduan-aturan.md": {
        "contoh.yaml": lambda cwd: _replace_line(
            _read("rulesets/permenpanrb-59-2020.yaml"),
            '    weight: "1.30"\n    capability: proses\n    question: Apakah instansi sudah mempunyai kebijakan internal yang mengatur Arsitektur',
            '    weight: "1.40"\n    capability: proses\n    question: Apakah instansi sudah mempunyai kebijakan internal yang mengatur Arsitektur',
        ),
        "evaluasi-2027.yaml": "tests/data/docs/evaluasi-2027.yaml",
    },
    "ruleset-guide.md": {
        "contoh-kasus.yaml": lambda cwd: (
            "format: spbe-rules/cases@1\nruleset: pedoman-3-2024\ncases:\n  - name: lupa peta rencana\n    assessment:\n"
            f"      instansi: Contoh tanpa Peta Rencana\n      year: 2024\n      levels: {_levels(3)}\n"
            '      documents: {peta_rencana_spbe: false}\n    expect:\n      domains: {D3: "3.00"}\n'
        ),
    },
}
READER_FILES["ruleset-guide.md"] |= {k: v for k, v in READER_FILES["panduan-aturan.md"].items()}


def _make_reader_files(page: Path, cwd: Path) -> None:
    for name, how in READER_FILES.get(page.name, {}).items():
        text = _read(how) if isinstance(how, str) else how(cwd)  # type: ignore[operator]
        (cwd / name).write_text(text, encoding="utf-8")


def prepare_page(page: Path, folder: Path) -> list[Block]:
    """Make ``folder`` what a reader of ``page`` has: examples/ and suites/, the files the page
    shows (a YAML/JSON block whose first line names it), and the reader's own files. The page's blocks."""
    page_blocks = [b for b in ALL_BLOCKS if b.page == page]
    for name in ("examples", "suites"):
        os.symlink(ROOT / name, folder / name)
    for b in page_blocks:
        m = re.match(r"#\s*([\w.-]+\.(?:yaml|yml|json))(?:\s|:|$)", b.lines[0]) if b.kind in ("yaml", "json") and b.lines else None
        if m:
            (folder / m.group(1)).write_text("\n".join(b.lines) + "\n", encoding="utf-8")
    _make_reader_files(page, folder)
    return page_blocks


def _run_page(page: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> int:
    from spbe_rules._cli.main import main

    page_blocks = prepare_page(page, tmp_path)
    ran = 0
    drift: list[str] = []
    for cmd in (c for b in page_blocks for c in shell_commands(b)):
        where = f"{page.relative_to(ROOT)}:{cmd.line}: `{cmd.text}`"
        if cmd.text.startswith(("pip ", "python3 ", "python ", ".venv/")):
            _check_setup_command(cmd)
            evaluated = [p.strip() for p in cmd.text.split("&&") if p.strip().startswith(".venv/bin/spbe-rules ")]
            if not evaluated:
                continue
            cmd = cmd._replace(text=evaluated[0].removeprefix(".venv/bin/"))
        args = shlex.split(cmd.text)
        assert args[0] == "spbe-rules", f"{where}: a shell example that is neither spbe-rules nor an install line"
        missing = _missing_inputs(args[1:], tmp_path)
        code = main(args[1:])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err and "internal error" not in err, f"{where}\n{err}"
        ran += 1
        if missing:
            # the reader's own file: the command line must be valid, and the missing file the only stop
            assert code == 2 and "usage:" not in err and any(m.rstrip("/") in err for m in missing), (
                f"{where}: expected to stop only because {missing} is missing (exit {code}):\n{err}"
            )
            continue
        if cmd.output is None:
            assert code == 0, f"{where}: failed with exit code {code}\n{out}{err}"
        else:
            actual = _shorten_paths(out + err).split("\n")
            if not output_matches(cmd.output, actual):
                drift.append(
                    f"{where}: the page shows other output than the command prints today; first shown line not printed:\n"
                    + first_unmatched(cmd.output, actual)
                    + "\n--- shown\n"
                    + "\n".join(cmd.output)
                    + "\n--- printed\n"
                    + _shorten_paths(out + err)
                )
    assert not drift, f"{len(drift)} shown outputs differ (all listed):\n\n" + "\n\n".join(drift)
    for b in page_blocks:
        if b.kind == "python":
            code = compile("\n".join(b.lines) + "\n", b.where, "exec")
            try:
                exec(code, {"__name__": "__docs__"})  # the project's own documentation, not data
            except Exception as exc:  # any failure of a documented example is a finding
                pytest.fail(f"{b.where}: the Python example fails: {type(exc).__name__}: {exc}")
            capsys.readouterr()
            ran += 1
    return ran


def _shorten_paths(text: str) -> str:
    """The pages show paths as a reader sees them: `rulesets/x.yaml`, not the full installed path."""
    import spbe_rules

    data = Path(spbe_rules.__file__).resolve().parent / "_data"
    return text.replace(f"{data}{os.sep}", "").replace(f"{ROOT}{os.sep}", "")


SHELL_PAGES = sorted({b.page for b in ALL_BLOCKS if shell_commands(b) or b.kind == "python"})


@pytest.mark.parametrize("page", SHELL_PAGES, ids=[str(p.relative_to(ROOT)) for p in SHELL_PAGES])
def test_shell_blocks_run_and_print_what_the_page_shows(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    assert _run_page(page, tmp_path, capsys) > 0

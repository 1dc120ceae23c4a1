"""What kind of file this is (ruleset, assessment, costs, case suite), told by its ``format:``.

:func:`kind_of_data` reads a parsed file's ``format:`` key (or, for files that omit it,
the key only that kind has). :func:`looks_like_suite` is the cheap test without parsing
used when searching folders for case suites.
"""

from __future__ import annotations

import io

import enum
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from .._base.files import FileProblem, open_regular

__all__ = ["CASES_FORMAT", "FileKind", "kind_of_data", "looks_like_suite", "suite_files"]


class FileKind(enum.Enum):
    """The kinds of file spbe-rules reads; the value is the ``format:`` it declares."""

    RULESET = "spbe-rules/ruleset@1"
    ASSESSMENT = "spbe-rules/assessment@1"
    COSTS = "spbe-rules/costs@1"
    CASES = "spbe-rules/cases@1"


CASES_FORMAT = FileKind.CASES.value

# for a file without `format:`: a key only that kind of file has
_TELLTALE = (
    ("indicators", FileKind.RULESET),
    ("cases", FileKind.CASES),
    ("costs", FileKind.COSTS),
    ("levels", FileKind.ASSESSMENT),
    ("stages", FileKind.ASSESSMENT),
)


def kind_of_data(data: Any) -> FileKind | None:
    """The kind a parsed file declares with ``format:``; without one, the kind its keys show; None when unclear."""
    if not isinstance(data, dict):
        return None
    fmt = data.get("format")
    if isinstance(fmt, str):
        for kind in FileKind:
            if fmt == kind.value:
                return kind
        return None
    for key, kind in _TELLTALE:
        if key in data:
            return kind
    return None


def suite_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The suite files named by ``paths``: files as given; folders searched (recursively) for
    ``*.yaml``/``*.yml``/``*.json`` files that are case suites. Sorted, without repeats."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in (".yaml", ".yml", ".json") and looks_like_suite(f):
                    out.append(f)
        else:
            out.append(p)
    return list(dict.fromkeys(out))


def looks_like_suite(path: Path) -> bool:
    """Cheap test, without parsing: ``*.cases.yaml``, or a top-level ``format: spbe-rules/cases@1``
    line in the first 200 lines of a YAML file (the text in the first 4 KiB of a JSON file)."""
    if path.name.endswith((".cases.yaml", ".cases.yml")):
        return True
    try:
        with io.TextIOWrapper(open_regular(path), encoding="utf-8", errors="replace") as fh:
            if path.suffix.lower() == ".json":
                return CASES_FORMAT in fh.read(4096)
            for _, line in zip(range(200), fh):
                if line.startswith("format:") and CASES_FORMAT in line:
                    return True
    except (OSError, FileProblem):
        return False
    return False

"""The rulesets installed with the package, and which one is in force for an evaluation year.

Choosing a ruleset by year reads only the *header* of each installed file (``id``,
``version``, ``title``, ``status``, ``extends``, ``applies_to``: the top-level keys
before the long lists), so it never builds every installed ruleset. A test checks that
each header agrees with the fully loaded ruleset.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import attrs

from .._base.errors import Location, Problem, RulesetError, RulesetNotFoundError
from .._base.messages import Msg
from .._base.resources import data_dir
from .source import parse_text

__all__ = ["RulesetInfo", "installed_headers", "installed_paths", "ruleset_for_year"]


@attrs.frozen
class RulesetInfo:
    """A line of ``spbe-rules rulesets``."""

    id: str
    version: str
    title: str
    status: str
    evaluation_years: tuple[int, ...]
    extends: str | None
    path: str


@cache
def installed_paths() -> dict[str, Path]:
    """Installed ruleset id -> file. The id is the file name without ``.yaml``."""
    folder = data_dir("rulesets")
    out: dict[str, Path] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.is_file():
            out[entry.name[: -len(".yaml")]] = Path(str(entry))
    return out


_HEADER_KEYS = ("id", "version", "title", "status", "extends", "applies_to")


# a line break followed by the first character of a line that starts a top-level block (a key)
_BLOCK = re.compile(r"\n[^ \t#\-\n]")
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # line breaks of str.splitlines other than "\n"


def header_text(text: str) -> str:
    """The top-level blocks of ``text`` whose key is a header key, each with its indented lines.

    A line that does not start with a space, a tab, ``#`` or ``-`` starts a block. A regular
    expression finds those lines without a Python loop over every line of a long file (the
    same result as that loop, which a test checks on generated texts)."""
    if any(c in text for c in _OTHER_BREAKS):
        kept: list[str] = []
        keep = False
        for line in text.splitlines():
            if line[:1] not in ("", " ", "\t", "#", "-"):
                keep = line.split(":", 1)[0].strip() in _HEADER_KEYS
            if keep:
                kept.append(line)
        return "\n".join(kept) + "\n"
    starts = [0] if text[:1] not in ("", " ", "\t", "#", "-", "\n") else []
    starts += [m.start() + 1 for m in _BLOCK.finditer(text)]
    ends = [*starts[1:], len(text)]
    parts = [text[pos:end] for pos, end in zip(starts, ends) if text[pos:end].split("\n", 1)[0].split(":", 1)[0].strip() in _HEADER_KEYS]
    joined = "".join(parts)
    return joined if joined.endswith("\n") else joined + "\n"


def _header(path: Path) -> RulesetInfo:
    """The header of a ruleset file, from its top-level header keys only (cheap: no long lists parsed)."""
    data = parse_text(header_text(path.read_text(encoding="utf-8")), str(path))
    try:
        years = tuple(sorted(int(y) for y in data["applies_to"]["evaluation_years"]))
        return RulesetInfo(str(data["id"]), str(data["version"]), str(data["title"]), str(data["status"]), years, data.get("extends"), str(path))
    except (KeyError, TypeError, ValueError):
        raise RulesetError(Msg("head.bad_header"), [Problem.of("BAD_HEADER", Location(str(path)))]) from None


@cache
def installed_headers() -> dict[str, RulesetInfo]:
    """Installed ruleset id -> its header (read once per process)."""
    return {rid: _header(path) for rid, path in installed_paths().items()}


def ruleset_for_year(year: int) -> str:
    """Id of the one installed ruleset in force for ``year``; an error says which exist otherwise."""
    infos = list(installed_headers().values())
    matches = [i.id for i in infos if year in i.evaluation_years]
    if len(matches) == 1:
        return matches[0]
    listing = [f"{i.id} ({_years(i.evaluation_years)})" for i in infos]
    if not matches:
        raise RulesetNotFoundError(Msg("year.none", year=year), listing)
    raise RulesetNotFoundError(Msg("year.many", n=len(matches), year=year, ids=", ".join(matches)), listing)


def _years(years: tuple[int, ...]) -> str:
    if not years:
        return "-"
    if list(years) == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))

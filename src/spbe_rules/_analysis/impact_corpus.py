"""The corpus of an impact run: a case suite, a folder of assessments or a batch table, read as entries."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from attrs import frozen
from .._loading.assessment import Assessment, MissingPolicy, load_assessment, parse_assessment
from .._base.errors import Location, Problem, ValidationError, tr
from .._base.messages import Msg
from .cases import is_suite_data, load_suite
from .._loading.sniff import looks_like_suite
from .._loading.source import read_source
from .._io.batch_rows import BatchFailure, BatchRow
from .._io.batch_read import read_rows


class CorpusError(ValidationError):
    """The corpus cannot be read at all (not found, not a folder/CSV/suite, no header...)."""


# -- corpus -----------------------------------------------------------------------------------


@frozen
class Entry:
    """One assessment of the corpus, or the reason it could not be read."""

    name: str
    source: str
    assessment: Assessment | None
    error: str | None = None
    enable_rules: tuple[str, ...] = ()
    disable_rules: tuple[str, ...] = ()
    missing: MissingPolicy = "error"


def read_corpus(path: str | os.PathLike[str]) -> tuple[str, list[Entry]]:
    """The kind of corpus (``folder``, ``csv``, ``suite``) and its entries, in order."""
    p = Path(path)
    if p.is_dir():
        return "folder", _folder(p)
    if not p.is_file():
        raise CorpusError(Msg("head.corpus_not_found"), [Problem.of("NOT_FOUND.corpus", Location(str(p)))])
    if p.suffix.lower() in (".csv", ".xlsx", ".xlsm"):
        return ("csv" if p.suffix.lower() == ".csv" else "workbook"), _table(p)

    if not looks_like_suite(p):
        try:
            data = read_source(p).data
        except ValidationError as exc:
            raise CorpusError(Msg("head.corpus_unreadable"), list(exc.problems)) from None
        suite_data = is_suite_data(data)
    else:
        suite_data = True
    if not suite_data:
        raise CorpusError(Msg("head.not_a_corpus"), [Problem.of("NOT_A_CORPUS", Location(str(p), 1, 1))])
    suite = load_suite(p)
    return "suite", [Entry(c.name, c.place, c.assessment, None, c.enable_rules, c.disable_rules, c.missing) for c in suite.cases]


def _folder(folder: Path) -> list[Entry]:
    out: list[Entry] = []
    for f in sorted(folder.rglob("*")):
        if not f.is_file() or f.suffix.lower() not in (".yaml", ".yml", ".json"):
            continue
        rel = str(f)
        try:
            a = load_assessment(f)
            out.append(Entry(f"{a.instansi} {a.year} ({f.name})", rel, a))
        except ValidationError as exc:
            first = exc.problems[0] if exc.problems else None
            reason = tr("impact.not_assessment") if first is None else tr("impact.invalid_assessment", problem=str(first))
            if len(exc.problems) > 1:
                reason += " " + tr("impact.more", n=len(exc.problems) - 1)
            out.append(Entry(f.name, rel, None, reason))
    return out


def _table(path: Path) -> list[Entry]:
    """The rows of a CSV file or workbook, read as ``spbe-rules batch`` reads them (https://spbe-rules.github.io/spbe-rules/batch/)."""

    try:
        rows = list(read_rows(path))
    except ValidationError as exc:
        raise CorpusError(exc.message, list(exc.problems)) from None
    out: list[Entry] = []
    for r in rows:
        if isinstance(r, Assessment):  # pragma: no cover - only for folders, which are read above
            out.append(Entry(f"{r.instansi} {r.year}", r.source, r))
            continue
        where = f"{r.source}:{r.line}"
        if isinstance(r, BatchFailure):
            out.append(Entry(f"{r.instansi or '?'} {r.year or '?'}", where, None, _problems_text(r.problems)))
            continue
        assert isinstance(r, BatchRow)
        label = f"{r.instansi} {r.year}" + (f" ({r.stage})" if r.stage else "")
        data: dict[str, Any] = {"instansi": r.instansi, "year": r.year, "levels": dict(r.levels)}
        if r.stage:
            data["stage"] = r.stage
        if r.documents:
            data["documents"] = dict(r.documents)
        try:
            out.append(Entry(label, where, parse_assessment(data, where)))
        except ValidationError as exc:
            out.append(Entry(label, where, None, _problems_text(exc.problems)))
    return out


def _problems_text(problems: Sequence[Problem]) -> str:
    if not problems:
        return tr("impact.unreadable")
    p = problems[0]
    col = " " + tr("impact.column", col=p.location.col) if p.location.col is not None else ""
    more = " " + tr("impact.more", n=len(problems) - 1) if len(problems) > 1 else ""
    return f"[{p.code}] {p.message}{col}{more}"

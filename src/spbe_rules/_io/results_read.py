"""Reading batch results back (``.jsonl`` or ``.csv`` written by ``spbe-rules batch``), for reports and views."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any
from .._base.errors import Location, Problem
from .._base.messages import Msg
from .._base.numbers import number_problem, problem_of, text_problem
from .batch_io import FORMULA_START, InputError
from .batch_read import open_input as _open_input
from .batch_read import parse_owners, parse_target

_HEAD = Msg("head.batch.results")


def read_results(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The records of a batch output (``.jsonl`` or ``.csv`` as written by :class:`BatchWriter`)."""
    p = Path(path)
    suffix = p.suffix.lower()
    source = str(p)
    if suffix in (".jsonl", ".ndjson"):
        with io.TextIOWrapper(_open_input(p), encoding="utf-8") as fh:
            for line_no, text in enumerate(fh, start=1):
                if not text.strip():
                    continue
                try:
                    rec = json.loads(text, parse_int=str, parse_float=str)
                except json.JSONDecodeError as exc:
                    raise InputError(_HEAD, [Problem.of("BAD_JSON.results", Location(source, line_no, exc.colno), detail=exc.msg)]) from None
                yield checked_record(rec, source, line_no)
        return
    if suffix == ".csv":
        with io.TextIOWrapper(_open_input(p), encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            for raw in reader:
                rec = {k: text_of_cell(v) for k, v in raw.items()}
                domains = {k[7:]: v for k, v in rec.items() if k and k.startswith("domain:") and v}
                aspects = {k[7:]: v for k, v in rec.items() if k and k.startswith("aspect:") and v}
                levels = {k[6:]: v for k, v in rec.items() if k and k.startswith("level:") and v}
                docs = {k[4:]: v == "ya" for k, v in rec.items() if k and k.startswith("doc:") and v in ("ya", "tidak")}
                out: dict[str, Any] = {k: v for k, v in rec.items() if k and ":" not in k and k not in ("target", "owner", "unmet")}
                out.update(domains=domains, aspects=aspects, effective_levels=levels, stage=rec.get("stage") or None, documents=docs)
                out["target"] = rec.get("target") or None
                out["owners"] = rec.get("owner") or ""
                unmet = unmet_of_text(rec.get("unmet") or "")
                if unmet:  # as in the .jsonl: the key only when something is unmet
                    out["unmet"] = unmet
                yield checked_record(out, source, reader.line_num)
        return
    raise InputError(Msg("head.batch.results_format"), [Problem.of("UNKNOWN_FORMAT.results", Location(source), name=p.name)])


def text_of_cell(value: Any) -> Any:
    """A CSV cell as it was before :func:`~spbe_rules._io.batch_io.safe_cell` neutralised it:
    ``'=HYPERLINK(...)`` reads back as ``=HYPERLINK(...)`` (only an apostrophe followed by what
    starts a formula is taken off)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def unmet_of_text(text: str) -> dict[str, list[str]]:
    """The ``unmet`` cell of a CSV result (``1.4.reviu 3.3.ditetapkan``) in the ``.jsonl`` form: indicator
    number (text) -> requirement ids, grouped by the indicator each id names (its first part)."""
    out: dict[str, list[str]] = {}
    for rid in text.split():
        out.setdefault(rid.split(".", 1)[0], []).append(rid)
    return out


def _number_field(value: Any, what: str, source: str, line: int) -> None:
    """A number of a results record is of a usable size (checked before any exact conversion)."""
    got = (
        number_problem(value)
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
        else text_problem(value)
        if isinstance(value, str)
        else None
    )
    if got is not None:
        raise InputError(_HEAD, [problem_of(got, Location(source, line), what)])


def _view_fields(rec: dict[str, Any], where: Location) -> None:
    """The optional fields the batch report shows: ``target`` (an index) becomes a Fraction, ``owners``
    (the owner column's text, or a mapping from the JSON lines) a mapping of indicator number to unit,
    ``documents`` a mapping of document key to true/false."""
    problems: list[Problem] = []
    target = rec.get("target")
    rec["target"] = None if target in (None, "") else parse_target(target, where, problems)
    owners = rec.get("owners")
    if isinstance(owners, str):
        rec["owners"] = parse_owners(owners, where, problems)
    elif isinstance(owners, dict) and all(isinstance(k, str) and k.isdigit() and len(k) <= 4 and isinstance(v, str) for k, v in owners.items()):
        rec["owners"] = {int(k): v for k, v in owners.items()}
    elif owners is None:
        rec["owners"] = {}
    else:
        problems.append(Problem.of("TYPE.results_owners", where))
    docs = rec.get("documents")
    if docs is None:
        rec["documents"] = {}
    elif not isinstance(docs, dict) or not all(isinstance(v, bool) for v in docs.values()):
        problems.append(Problem.of("TYPE.results_documents", where))
    if problems:
        raise InputError(_HEAD, problems)


def record_numbers(rec: Any, source: str, line: int) -> None:
    """A results record has every field it needs and its numbers are of a usable size (else
    :class:`InputError`); nothing is converted (records built in code, before a report)."""
    need = ("instansi", "year", "index", "index_exact", "predikat", "ruleset")
    if not isinstance(rec, dict) or any(k not in rec for k in need):
        missing = [k for k in need if not isinstance(rec, dict) or k not in rec]
        raise InputError(_HEAD, [Problem.of("REQUIRED.results", Location(source, line), keys=missing)])
    for key in ("year", "index", "index_exact"):
        _number_field(rec[key], key, source, line)
    # what the report converts: a whole year and an exact index (records built in code too)
    year, exact = rec["year"], rec["index_exact"]
    try:
        if isinstance(year, bool) or isinstance(year, float):
            raise ValueError
        int(year)
    except (TypeError, ValueError):
        raise InputError(_HEAD, [Problem.of("TYPE.results_year", Location(source, line), value=repr(year)[:60])]) from None
    try:
        if isinstance(exact, bool) or isinstance(exact, float):
            raise ValueError
        Fraction(str(exact))
    except (ValueError, ZeroDivisionError):
        raise InputError(_HEAD, [Problem.of("TYPE.results_index", Location(source, line), value=repr(exact)[:60])]) from None
    for key in ("domains", "aspects", "effective_levels"):
        values = rec.get(key) or {}
        if not isinstance(values, dict):
            raise InputError(_HEAD, [Problem.of("TYPE.results_mapping", Location(source, line), key=key)])
        for k, v in values.items():
            _number_field(v, f"{key}.{k}", source, line)


def checked_record(rec: Any, source: str, line: int) -> dict[str, Any]:
    """A results record with every field it needs, its numbers of a usable size (else :class:`InputError`)."""
    record_numbers(rec, source, line)
    assert isinstance(rec, dict)  # record_numbers refuses anything else
    try:
        rec["effective_levels"] = {k: int(v) for k, v in (rec.get("effective_levels") or {}).items()}
    except (TypeError, ValueError):
        raise InputError(_HEAD, [Problem.of("TYPE.results_level", Location(source, line))]) from None
    _view_fields(rec, Location(source, line))
    try:
        rec["year"] = int(rec["year"])
    except (TypeError, ValueError):
        raise InputError(_HEAD, [Problem.of("TYPE.results_year", Location(source, line), value=repr(rec["year"])[:60])]) from None
    return rec

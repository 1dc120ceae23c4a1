"""Evidence (bukti dukung) in an assessment: the items, the assessors' verdicts, the
evaluation date, and the checks of evidence against a ruleset's requirement items."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
import datetime as _dt
from typing import Any, Literal

from attrs import frozen

from .._base.errors import Location, Problem
from .._model.model import Ruleset

__all__ = ["EvaluationDate", "EvidenceItem", "Verdict", "check_evidence", "evaluation_date", "parse_evidence"]


@frozen
class Verdict:
    """The assessors' verdict on an evidence item at one stage."""

    stage: str
    accepted: bool
    reason: str | None = None


@frozen
class EvidenceItem:
    """One piece of supporting evidence, dated, naming the requirement items it satisfies."""

    id: str
    kind: str
    date: str
    supports: tuple[str, ...] = ()
    title: str | None = None
    adopted: bool = False
    url: str | None = None
    file: str | None = None
    sha256: str | None = None
    scope: tuple[str, ...] = ()
    document: str | None = None
    stage: str | None = None
    verdicts: tuple[Verdict, ...] = ()
    note: str | None = None

    @property
    def day(self) -> _dt.date:
        return _dt.date.fromisoformat(self.date)

    def label(self, lang: str = "id") -> str:
        """A short name for messages: the title, else the id."""
        return self.title or self.id


@frozen
class EvaluationDate:
    """The date evidence ages are measured at, and where it comes from
    (``assessment``: its ``evaluated_on``; ``ruleset``: the ruleset's date for the year)."""

    date: str
    basis: Literal["assessment", "ruleset"]

    @property
    def day(self) -> _dt.date:
        return _dt.date.fromisoformat(self.date)


def parse_evidence(items: Sequence[Mapping[str, Any]]) -> tuple[EvidenceItem, ...]:
    """Evidence items from schema-valid data."""
    out = []
    for it in items:
        verdicts = tuple(
            Verdict(str(stage), v["verdict"] == "accepted", v.get("reason")) for stage, v in (it.get("verdicts") or {}).items()
        )
        out.append(
            EvidenceItem(
                id=it["id"],
                kind=it["kind"],
                date=str(it["date"]),
                supports=tuple(it.get("supports") or ()),
                title=it.get("title"),
                adopted=bool(it.get("adopted", False)),
                url=it.get("url"),
                file=it.get("file"),
                sha256=it.get("sha256"),
                scope=tuple(it.get("scope") or ()),
                document=it.get("document"),
                stage=it.get("stage"),
                verdicts=verdicts,
                note=it.get("note"),
            )
        )
    return tuple(out)


def _valid_date(text: str) -> bool:
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def evaluation_date(ruleset: Ruleset, year: int, evaluated_on: str | None) -> EvaluationDate | None:
    """The assessment's ``evaluated_on``, else the ruleset's declared date for ``year``, else None."""
    if evaluated_on is not None:
        return EvaluationDate(evaluated_on, "assessment")
    policy = ruleset.evidence_policy
    if policy is not None and year in policy.evaluation_dates:
        return EvaluationDate(policy.evaluation_dates[year], "ruleset")
    return None


def _guess(value: str, options: Iterable[str]) -> str | None:
    g = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.6)
    return f"did you mean `{g[0]}`?" if g else None


def check_evidence(
    ruleset: Ruleset,
    evidence: Sequence[EvidenceItem] | None,
    *,
    year: int,
    evaluated_on: str | None,
    documents: Mapping[str, bool],
    where: Callable[..., Location],
) -> list[Problem]:
    """Every problem of the evidence of an assessment against ``ruleset``.

    ``where(*path)`` gives the location of a value of the assessment."""
    problems: list[Problem] = []

    def add(code: str, message: str, path: Sequence[str | int], hint: str | None) -> None:
        problems.append(Problem(code, message, where(*path), hint))

    if evaluated_on is not None and not _valid_date(evaluated_on):
        add("BAD_DATE", f"`{evaluated_on}` is not a calendar date", ["evaluated_on"], "write the date as YYYY-MM-DD, e.g. 2024-06-30")
    if evidence is None:
        return problems
    if ruleset.evidence_policy is None or not ruleset.requirements:
        add(
            "NO_REQUIREMENTS",
            f"ruleset {ruleset.id} has no requirement items, so it cannot weigh evidence",
            ["evidence"],
            "evaluate under a ruleset with requirement items, such as pedoman-3-2024, or remove `evidence:`",
        )
        return problems
    when = evaluation_date(ruleset, year, evaluated_on)
    if when is None and evidence:
        add(
            "NO_EVALUATION_DATE",
            f"evidence is given, but the assessment has no `evaluated_on` and ruleset {ruleset.id} declares no evaluation date for {year}",
            ["evidence"],
            "add `evaluated_on: YYYY-MM-DD` at the top of the file: the date evidence ages are measured at",
        )
    limit = when.day if when is not None and _valid_date(when.date) else None
    kinds = {k.id for k in ruleset.evidence_kinds}
    reqs = {r.id: r for r in ruleset.requirements}
    stages = [s.id for s in ruleset.stages]
    docs = {d.key for d in ruleset.documents}
    seen: dict[str, int] = {}
    for i, item in enumerate(evidence):
        base: list[str | int] = ["evidence", i]
        if item.id in seen:
            add("DUPLICATE_EVIDENCE", f"evidence id `{item.id}` is used twice", [*base, "id"], f"give each item its own id; the first is item {seen[item.id] + 1}")
        else:
            seen[item.id] = i
        if item.kind not in kinds:
            add("UNKNOWN_EVIDENCE_KIND", f"evidence kind `{item.kind}` is not declared by ruleset {ruleset.id}", [*base, "kind"], _guess(item.kind, kinds) or "kinds: " + ", ".join(sorted(kinds)))
        if not _valid_date(item.date):
            add("BAD_DATE", f"`{item.date}` is not a calendar date", [*base, "date"], "write the date as YYYY-MM-DD")
        elif limit is not None and item.day > limit:
            add(
                "EVIDENCE_AFTER_EVALUATION",
                f"evidence `{item.id}` is dated {item.date}, after the evaluation date {when.date if when else ''}",
                [*base, "date"],
                "correct the date, or set `evaluated_on` to the date the evaluation measures ages at",
            )
        if not item.supports and item.document is None:
            add("REQUIRED", f"evidence `{item.id}` names neither the requirement items it supports nor a document", base, "add `supports: [id, ...]` (see spbe-rules next FILE) or `document: KEY`")
        if item.file is not None and item.sha256 is None:
            add("REQUIRED", f"`sha256` is missing: evidence `{item.id}` refers to a file", [*base, "file"], "add `sha256:` with the file's SHA-256, as printed by `sha256sum FILE`")
        if item.file is not None and item.url is not None:
            add("NOT_ALLOWED", f"evidence `{item.id}` gives both `url` and `file`", [*base, "url"], "keep one of them")
        for j, rid in enumerate(item.supports):
            req = reqs.get(rid)
            if req is None:
                add("UNKNOWN_REQUIREMENT", f"requirement `{rid}` does not exist in ruleset {ruleset.id}", [*base, "supports", j], _guess(rid, reqs) or "list them with: spbe-rules show " + ruleset.id)
            elif req.evidence is not None and req.evidence.kind != item.kind and item.kind in kinds:
                add(
                    "EVIDENCE_KIND_MISMATCH",
                    f"requirement `{rid}` needs evidence of kind `{req.evidence.kind}`, but `{item.id}` is of kind `{item.kind}`",
                    [*base, "supports", j],
                    "name this requirement on an item of the right kind, or correct the kind",
                )
        if item.stage is not None and item.stage not in stages:
            add("UNKNOWN_STAGE", f"stage `{item.stage}` is not a stage of ruleset {ruleset.id}", [*base, "stage"], _guess(item.stage, stages) or "stages: " + ", ".join(stages))
        for v in item.verdicts:
            if v.stage not in stages:
                add("UNKNOWN_STAGE", f"stage `{v.stage}` is not a stage of ruleset {ruleset.id}", [*base, "verdicts", v.stage], _guess(v.stage, stages) or "stages: " + ", ".join(stages))
        if item.document is not None:
            if item.document not in docs:
                add("UNKNOWN_DOCUMENT", f"document `{item.document}` is not declared by ruleset {ruleset.id}", [*base, "document"], _guess(item.document, docs) or "documents: " + ", ".join(sorted(docs)))
            elif item.document in documents:
                add(
                    "DOCUMENT_TWICE",
                    f"document `{item.document}` is stated under `documents:` and given as evidence",
                    ["documents", item.document],
                    "state it once: keep the evidence item, which carries its date and the assessors' verdicts, and remove it from `documents:`",
                )
    return problems

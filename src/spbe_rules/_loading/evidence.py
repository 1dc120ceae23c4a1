"""Evidence (bukti dukung) in an assessment: the items, the assessors' verdicts, the
evaluation date, and the checks of evidence against a ruleset's requirement items."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
import datetime as _dt
from typing import Any, Literal

from attrs import frozen

from .._base.errors import Location, Problem
from .._base.text import closest, did_you_mean
from .._base.messages import Msg
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
        """The date of the evidence as a ``datetime.date``."""
        return _dt.date.fromisoformat(self.date)


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
        verdicts = tuple(Verdict(str(stage), v["verdict"] == "accepted", v.get("reason")) for stage, v in (it.get("verdicts") or {}).items())
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


def _hint(value: str, options: Iterable[str], fallback: str, **params: object) -> Msg:
    return did_you_mean(value, sorted(options), cutoff=0.6, otherwise=Msg(fallback, options=", ".join(sorted(options)), **params))


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

    def add(msg_key: str, path: Sequence[str | int], hint: Msg | None = None, **params: object) -> None:
        problems.append(Problem.of(msg_key, where(*path), hint=hint, **params))

    if evaluated_on is not None and not _valid_date(evaluated_on):
        add("BAD_DATE", ["evaluated_on"], text=evaluated_on, example="2024-06-30")
    if evidence is None:
        return problems
    rid = ruleset.id
    if ruleset.evidence_policy is None or not ruleset.requirements:
        add("NO_REQUIREMENTS", ["evidence"], rs=rid)
        return problems
    when = evaluation_date(ruleset, year, evaluated_on)
    if when is None and evidence:
        add("NO_EVALUATION_DATE", ["evidence"], rs=rid, year=year)
    limit = when.day if when is not None and _valid_date(when.date) else None
    kinds = {k.id for k in ruleset.evidence_kinds}
    reqs = {r.id: r for r in ruleset.requirements}
    stages = [s.id for s in ruleset.stages]
    docs = {d.key for d in ruleset.documents}
    seen: dict[str, int] = {}
    for i, item in enumerate(evidence):
        base: list[str | int] = ["evidence", i]
        if item.id in seen:
            add("DUPLICATE_EVIDENCE", [*base, "id"], id=item.id, first=seen[item.id] + 1)
        else:
            seen[item.id] = i
        if item.kind not in kinds:
            add("UNKNOWN_EVIDENCE_KIND.assessment", [*base, "kind"], _hint(item.kind, kinds, "kinds"), kind=item.kind, rs=rid)
        if not _valid_date(item.date):
            add("BAD_DATE", [*base, "date"], text=item.date, example="2023-11-20")
        elif limit is not None and item.day > limit:
            add("EVIDENCE_AFTER_EVALUATION", [*base, "date"], id=item.id, date=item.date, on=when.date if when else "")
        if not item.supports and item.document is None:
            add("REQUIRED.supports", base, id=item.id)
        if item.file is not None and item.sha256 is None:
            add("REQUIRED.sha256", [*base, "file"], id=item.id)
        if item.file is not None and item.url is not None:
            add("NOT_ALLOWED.url_and_file", [*base, "url"], id=item.id)
        for j, req_id in enumerate(item.supports):
            req = reqs.get(req_id)
            if req is None:
                g = closest(req_id, sorted(reqs))
                add("UNKNOWN_REQUIREMENT", [*base, "supports", j], None if g is None else Msg("did_you_mean", guess=g), id=req_id, rs=rid)
            elif req.evidence is not None and req.evidence.kind != item.kind and item.kind in kinds:
                add("EVIDENCE_KIND_MISMATCH", [*base, "supports", j], id=req_id, need=req.evidence.kind, item=item.id, kind=item.kind)
        if item.stage is not None and item.stage not in stages:
            add("UNKNOWN_STAGE.evidence", [*base, "stage"], _hint(item.stage, stages, "UNKNOWN_STAGE.evidence.hint"), stage=item.stage, rs=rid)
        for v in item.verdicts:
            if v.stage not in stages:
                add("UNKNOWN_STAGE.evidence", [*base, "verdicts", v.stage], _hint(v.stage, stages, "UNKNOWN_STAGE.evidence.hint"), stage=v.stage, rs=rid)
        if item.document is not None:
            if item.document not in docs:
                add("UNKNOWN_DOCUMENT.evidence", [*base, "document"], _hint(item.document, docs, "UNKNOWN_DOCUMENT.evidence.hint"), key=item.document, rs=rid)
            elif item.document in documents:
                add("DOCUMENT_TWICE", ["documents", item.document], key=item.document)
    return problems

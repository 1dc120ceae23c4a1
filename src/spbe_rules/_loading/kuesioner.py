"""A filled self-assessment questionnaire (``format: spbe-rules/kuesioner@1``) read as an assessment.

The questionnaire lists, per indicator, the claimed ``level`` and, per requirement item, the
``evidence`` found for it. Each evidence entry becomes an evidence item that supports that one
requirement (its kind is the kind the requirement asks for unless the entry names one), with
id ``<requirement id>-<n>``. Positions are kept, so problems name the line of the questionnaire.
The claimed levels are the first stage of the ruleset; when the ruleset's evidence policy counts
the supported level from a later stage, that stage is added empty, so the result shows both.
"""

from __future__ import annotations

from typing import Any

from .._base.errors import AssessmentError
from .._base.messages import Msg
from .._model.model import Ruleset
from .schema import schema_problems
from .source import Mark, PosDict, PosList

__all__ = ["KUESIONER_FORMAT", "is_kuesioner", "kuesioner_data"]

KUESIONER_FORMAT = "spbe-rules/kuesioner@1"


def is_kuesioner(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == KUESIONER_FORMAT


def _pd(source: Any, items: dict[str, tuple[Any, Mark | None]]) -> PosDict:
    out = PosDict()
    out.file = getattr(source, "file", None)
    out.mark = getattr(source, "mark", None)
    for k, (v, m) in items.items():
        out[k] = v
        if m is not None:
            out.marks[k] = m
            out.key_marks[k] = m
    return out


def _mark(d: Any, key: str) -> Mark | None:
    return d.marks.get(key) if isinstance(d, PosDict) else None


def kuesioner_data(data: Any, name: str, ruleset: Ruleset) -> PosDict:
    """The assessment data a filled questionnaire states (the form is checked first)."""
    problems = schema_problems("kuesioner", data, name)
    if problems:
        raise AssessmentError(Msg("head.cannot_read.assessment"), problems)
    reqs = {r.id: r for r in ruleset.requirements}
    levels = _pd(data.get("indicators"), {})
    evidence = PosList()
    evidence.file = getattr(data, "file", None)
    evidence.mark = _mark(data, "indicators")
    for num, ind in data["indicators"].items():
        if ind.get("level") is not None:
            levels[num] = ind["level"]
            if isinstance(ind, PosDict) and "level" in ind.marks:
                levels.marks[num] = ind.marks["level"]
        for item in ind["items"]:
            req = reqs.get(item["id"])
            for k, entry in enumerate(item["evidence"], start=1):
                at = getattr(entry, "mark", None)
                fields: dict[str, tuple[Any, Mark | None]] = {
                    "id": (f"{item['id']}-{k}", at),
                    "kind": (
                        entry.get("kind") or (req.evidence.kind if req is not None and req.evidence is not None else "laporan_pelaksanaan"),
                        _mark(entry, "kind") or at,
                    ),
                    "supports": (PosList([item["id"]]), _mark(item, "id") or at),
                }
                for key in ("title", "date", "adopted", "url", "file", "sha256", "scope"):
                    if key in entry:
                        fields[key] = (entry[key], _mark(entry, key))
                evidence.append(_pd(entry, fields))
                evidence.marks.append(at)  # type: ignore[arg-type]
    stage_ids = [s.id for s in ruleset.stages]
    root: dict[str, tuple[Any, Mark | None]] = {
        "ruleset": (data["ruleset"], _mark(data, "ruleset")),
        "instansi": (data["instansi"], _mark(data, "instansi")),
        "year": (data["year"], _mark(data, "year")),
        "evidence": (evidence, _mark(data, "indicators")),
    }
    if data.get("evaluated_on"):
        root["evaluated_on"] = (data["evaluated_on"], _mark(data, "evaluated_on"))
    policy = ruleset.evidence_policy
    if stage_ids and policy is not None and policy.supported_from in stage_ids and policy.supported_from != stage_ids[0]:
        stages = _pd(data, {stage_ids[0]: (levels, _mark(data, "indicators")), policy.supported_from: (_pd(data, {}), None)})
        root["stages"] = (stages, _mark(data, "indicators"))
    else:
        root["levels"] = (levels, _mark(data, "indicators"))
        if stage_ids:
            root["stage"] = (stage_ids[0], None)
    return _pd(data, root)

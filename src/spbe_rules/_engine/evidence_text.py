"""Plain words about evidence, in Bahasa Indonesia and English (texts from the message catalogue, ``ev.*``): why a requirement item is not
met (the missing, stale, draft or rejected evidence, with its date and the limit), and what an
item needs."""

from __future__ import annotations

from .._base.messages import Lang, Msg
from .._model.model import Ruleset
from .._model.requirements import Requirement
from .evidence import Failure, RequirementCheck

__all__ = ["check_text", "failure_text", "need_text", "requirement_text"]


def _kind_name(rs: Ruleset, kind: str, lang: Lang) -> str:
    try:
        return rs.evidence_kind(kind).name.get(lang)
    except KeyError:
        return kind


def _lang(lang: str) -> Lang:
    return "en" if lang == "en" else "id"


def need_text(rs: Ruleset, req: Requirement, lang: str = "id") -> str:
    """What evidence the item needs: ``Notulensi reviu; < 2 tahun`` (empty when it names none)."""
    need = req.evidence
    if need is None:
        return ""
    lg = _lang(lang)
    parts = [_kind_name(rs, need.kind, lg)]
    if need.adopted:
        parts.append(Msg("ev.need.adopted").render(lg))
    if need.max_age is not None:
        parts.append(Msg("ev.need.age", age=need.max_age.text(lg)).render(lg))
    if need.scope:
        parts.append(Msg("ev.need.scope", scope=", ".join(need.scope)).render(lg))
    if need.after is not None:
        parts.append(Msg("ev.need.after", id=need.after).render(lg))
    return "; ".join(parts)


def requirement_text(rs: Ruleset, req: Requirement, lang: str = "id") -> str:
    """``[1.4.reviu] text (needs ...) - Pedoman ..., hlm. 10``."""
    lg = _lang(lang)
    cit = req.citation
    try:
        title = rs.source(cit.source).title if cit.page is None else _short_source(rs, cit.source)
    except KeyError:
        title = cit.source
    need = need_text(rs, req, lg)
    opt = Msg("ev.optional").render(lg) if req.optional else ""
    needs = Msg("ev.requirement.needs", need=need).render(lg) if need else ""
    return f"{req.id}{opt}: {req.text.get(lg)}{needs} ({cit.text(title, lg)})"


def _short_source(rs: Ruleset, source_id: str) -> str:
    # "pedoman-3-2024" -> "Pedoman 3/2024"; other ids are shown as they are
    parts = source_id.split("-")
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return f"{parts[0].capitalize()} {parts[1]}/{parts[2]}"
    return rs.source(source_id).title


def failure_text(f: Failure, on: str, lang: str = "id") -> str:
    """Why one evidence item does not meet an item, e.g.
    ``bukti reviu-2021 (2021-05-10) lebih dari 2 tahun sebelum 2024-06-30``."""
    lg = _lang(lang)
    what = Msg("ev.what", id=f.evidence, date=f.date).render(lg)
    r = f.reason
    if r == "stale":
        age = f.age.text(lg) if f.age is not None else ""
        key = "ev.fail.stale.at_limit" if f.limit == on else "ev.fail.stale"
        return Msg(key, what=what, age=age, on=on, limit=f.limit).render(lg)
    if r == "rejected":
        return Msg("ev.fail.rejected.why", what=what, why=f.detail).render(lg) if f.detail else Msg("ev.fail.rejected", what=what).render(lg)
    if r in ("draft", "unreviewed"):
        return Msg(f"ev.fail.{r}", what=what).render(lg)
    if r == "not_submitted":
        return Msg("ev.fail.not_submitted", what=what, stage=f.detail).render(lg)
    if r == "future":
        return Msg("ev.fail.future", what=what, on=on).render(lg)
    if r == "kind":
        return Msg("ev.fail.kind", what=what, kind=f.detail).render(lg)
    if r == "scope":
        return Msg("ev.fail.scope", what=what, missing=", ".join(f.missing)).render(lg)
    # order
    if f.limit is None:
        return Msg("ev.fail.order.unmet", what=what, id=f.detail).render(lg)
    return Msg("ev.fail.order", what=what, id=f.detail, date=f.limit).render(lg)


def check_text(rs: Ruleset, check: RequirementCheck, on: str | None, lang: str = "id") -> str:
    """One line on a requirement item: met by which evidence, or why not."""
    lg = _lang(lang)
    req = rs.requirement(check.requirement)
    if check.met:
        return Msg("ev.check.met", id=check.requirement, by=", ".join(check.by)).render(lg)
    if not check.failures:
        need = need_text(rs, req, lg)
        if need:
            return Msg("ev.check.none.needs", id=check.requirement, need=need).render(lg)
        return Msg("ev.check.none", id=check.requirement).render(lg)
    reasons = "; ".join(failure_text(f, on or "", lg) for f in check.failures)
    return Msg("ev.check.unmet", id=check.requirement, reasons=reasons).render(lg)

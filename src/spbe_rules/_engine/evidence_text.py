"""Plain words about evidence, in Bahasa Indonesia and English: why a requirement item is not
met (the missing, stale, draft or rejected evidence, with its date and the limit), and what an
item needs."""

from __future__ import annotations

from .._model.model import Ruleset
from .._model.requirements import Requirement
from .evidence import Failure, RequirementCheck

__all__ = ["check_text", "failure_text", "need_text", "requirement_text"]


def _kind_name(rs: Ruleset, kind: str, lang: str) -> str:
    try:
        return rs.evidence_kind(kind).name.get(lang)
    except KeyError:
        return kind


def need_text(rs: Ruleset, req: Requirement, lang: str = "id") -> str:
    """What evidence the item needs: ``Notulensi reviu; < 2 tahun`` (empty when it names none)."""
    need = req.evidence
    if need is None:
        return ""
    parts = [_kind_name(rs, need.kind, lang)]
    if need.adopted:
        parts.append("formally adopted" if lang == "en" else "ditetapkan")
    if need.max_age is not None:
        parts.append(("younger than " if lang == "en" else "berumur kurang dari ") + need.max_age.text(lang))
    if need.scope:
        parts.append(("covers: " if lang == "en" else "mencakup: ") + ", ".join(need.scope))
    if need.after is not None:
        parts.append(("dated after the evidence of " if lang == "en" else "bertanggal sesudah bukti ") + need.after)
    return "; ".join(parts)


def requirement_text(rs: Ruleset, req: Requirement, lang: str = "id") -> str:
    """``[1.4.reviu] text (needs ...) - Pedoman ..., hlm. 10``."""
    cit = req.citation
    try:
        title = rs.source(cit.source).title if cit.page is None else _short_source(rs, cit.source)
    except KeyError:
        title = cit.source
    need = need_text(rs, req, lang)
    opt = (" (optional)" if lang == "en" else " (opsional)") if req.optional else ""
    needs = f" [{('evidence' if lang == 'en' else 'bukti')}: {need}]" if need else ""
    return f"{req.id}{opt}: {req.text.get(lang)}{needs} ({cit.text(title, lang)})"


def _short_source(rs: Ruleset, source_id: str) -> str:
    # "pedoman-3-2024" -> "Pedoman 3/2024"; other ids are shown as they are
    parts = source_id.split("-")
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return f"{parts[0].capitalize()} {parts[1]}/{parts[2]}"
    return rs.source(source_id).title


def failure_text(f: Failure, on: str, lang: str = "id") -> str:
    """Why one evidence item does not meet an item, e.g.
    ``bukti reviu-2021 (2021-05-10) lebih dari 2 tahun sebelum 2024-06-30``."""
    what = f"{'evidence' if lang == 'en' else 'bukti'} {f.evidence} ({f.date})"
    r = f.reason
    if r == "stale":
        age = f.age.text(lang) if f.age is not None else ""
        at_limit = f.limit == on
        if lang == "en":
            how = f"exactly {age} before {on}, which the ruleset counts as no longer valid" if at_limit else f"more than {age} before {on}"
            return f"{what} is {how} (valid until the day before {f.limit})"
        how = f"tepat {age} sebelum {on}, yang menurut ruleset sudah tidak berlaku" if at_limit else f"lebih dari {age} sebelum {on}"
        return f"{what} {how} (berlaku sampai sehari sebelum {f.limit})"
    if r == "draft":
        return f"{what} is not formally adopted (a draft does not count)" if lang == "en" else f"{what} belum ditetapkan (draf tidak dihitung)"
    if r == "rejected":
        why = f": {f.detail}" if f.detail else ""
        return f"{what} was rejected by the assessors{why}" if lang == "en" else f"{what} ditolak asesor{why}"
    if r == "unreviewed":
        return f"{what} has no assessors' verdict yet" if lang == "en" else f"{what} belum diberi putusan asesor"
    if r == "not_submitted":
        return f"{what} is only submitted at stage {f.detail}" if lang == "en" else f"{what} baru diajukan pada tahap {f.detail}"
    if r == "future":
        return f"{what} is dated after {on}" if lang == "en" else f"{what} bertanggal sesudah {on}"
    if r == "kind":
        return f"{what} is not of kind {f.detail}" if lang == "en" else f"{what} bukan berjenis {f.detail}"
    if r == "scope":
        missing = ", ".join(f.missing)
        return f"{what} does not cover: {missing}" if lang == "en" else f"{what} tidak mencakup: {missing}"
    # order
    if f.limit is None:
        return (
            f"{what} must follow the evidence of {f.detail}, which is not met" if lang == "en" else f"{what} harus menyusul bukti butir {f.detail}, yang belum terpenuhi"
        )
    return (
        f"{what} is not dated after the evidence of {f.detail} ({f.limit})"
        if lang == "en"
        else f"{what} tidak bertanggal sesudah bukti butir {f.detail} ({f.limit})"
    )


def check_text(rs: Ruleset, check: RequirementCheck, on: str | None, lang: str = "id") -> str:
    """One line on a requirement item: met by which evidence, or why not."""
    req = rs.requirement(check.requirement)
    if check.met:
        by = ", ".join(check.by)
        return f"{check.requirement} met by {by}" if lang == "en" else f"{check.requirement} terpenuhi oleh {by}"
    if not check.failures:
        need = need_text(rs, req, lang)
        needs = f" ({need})" if need else ""
        return f"{check.requirement}: no evidence{needs}" if lang == "en" else f"{check.requirement}: tidak ada bukti{needs}"
    reasons = "; ".join(failure_text(f, on or "", lang) for f in check.failures)
    return f"{check.requirement} not met: {reasons}" if lang == "en" else f"{check.requirement} belum terpenuhi: {reasons}"

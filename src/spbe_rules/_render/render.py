"""Plain-text reports of results and explanations (Indonesian labels; English on request)."""

from __future__ import annotations

import textwrap
from fractions import Fraction
from typing import Any

from .._model.converter import exact_text, level_text
from .._engine.engine import display_text, round_scaled
from .._engine.explain import Explanation, Node
from .._model.model import Ruleset
from .._engine.result import Result

__all__ = ["indicator_value_notes", "render_explanation", "render_result", "render_stages"]

_LABELS: dict[str, dict[str, Any]] = {
    "id": {
        "title": "Evaluasi SPBE",
        "index": "Indeks SPBE",
        "exact": "tepat",
        "predikat": "Predikat",
        "ruleset": "Aturan",
        "rounded": "predikat dibaca dari indeks yang dibulatkan ({d} desimal)",
        "exact_rule": "predikat dibaca dari indeks yang tidak dibulatkan",
        "domain": "Domain",
        "aspect": "Aspek",
        "no": "No",
        "indicator": "Indikator",
        "level": "Level",
        "weight": "Bobot",
        "capped": "Indikator yang dibatasi aturan",
        "stages": "Perubahan per tahap penilaian",
        "changed": "diubah asesor",
        "filled": "Level tidak diisi, dihitung pada level terendah",
        "stage": "tahap",
        "documents": "Dokumen",
        "present": {True: "ada", False: "tidak ada", None: "tidak diketahui"},
        "basis": {"stated": "dinyatakan", "implied": "disimpulkan", "unknown": "tidak dinyatakan", "evidence": "dari bukti dukung"},
        "evidence_head": "Bukti dukung (umur diukur pada {on}, tanggal {basis})",
        "evidence_basis": {"assessment": "dari penilaian (evaluated_on)", "ruleset": "yang dinyatakan ruleset untuk tahun ini"},
        "evidence_cols": ("No", "Diajukan", "Didukung", "Dihitung", "Belum terpenuhi untuk tingkat berikutnya"),
        "no_evidence": "tanpa bukti",
        "evidence_note": "Yang dihitung: tahap {stage} dan sesudahnya memakai tingkat yang didukung bukti. Rinciannya: spbe-rules explain FILE --indicator N; yang masih diperlukan: spbe-rules next FILE",
        "provisional": "Catatan: ruleset ini berstatus sementara (provisional), belum pasti",
        "superseded": "Catatan: nama ruleset ini usang (superseded)",
        "rule_flag": "sementara",
        "rule_note": "[sementara]: aturan yang berstatus sementara (belum pasti); alasan dan dasar hukumnya: spbe-rules explain",
        "values": "Asal nilai indikator (sub-tingkat, skor indeks lain, koreksi reviu)",
        "sub_levels": "rata-rata tepat dari {levels}",
        "conversion": "dari skor {source} {score} (rentang {lower}-{upper}) menjadi {value}",
        "review_fix": "dikoreksi Tim Reviu ({stage}) dari {before} menjadi {after}: {reason}",
    },
    "en": {
        "title": "SPBE evaluation",
        "index": "SPBE index",
        "exact": "exact",
        "predikat": "Predikat",
        "ruleset": "Ruleset",
        "rounded": "predikat read from the index rounded to {d} decimals",
        "exact_rule": "predikat read from the unrounded index",
        "domain": "Domain",
        "aspect": "Aspect",
        "no": "No",
        "indicator": "Indicator",
        "level": "Level",
        "weight": "Weight",
        "capped": "Indicators limited by rules",
        "stages": "Change by assessment stage",
        "changed": "changed by the assessors",
        "filled": "Levels not given, counted at the lowest level",
        "stage": "stage",
        "documents": "Documents",
        "present": {True: "present", False: "absent", None: "unknown"},
        "basis": {"stated": "stated", "implied": "inferred", "unknown": "not stated", "evidence": "from evidence"},
        "evidence_head": "Evidence (ages measured at {on}, the date {basis})",
        "evidence_basis": {"assessment": "given by the assessment (evaluated_on)", "ruleset": "the ruleset declares for this year"},
        "evidence_cols": ("No", "Claimed", "Supported", "Counted", "Not met for the next level"),
        "no_evidence": "no evidence",
        "evidence_note": "Counted: from stage {stage} on, the level the evidence supports. Details: spbe-rules explain FILE --indicator N; what is still needed: spbe-rules next FILE",
        "provisional": "Note: this ruleset is provisional (not settled)",
        "superseded": "Note: this ruleset name is superseded",
        "rule_flag": "provisional",
        "rule_note": "[provisional]: a rule that is not settled; its reason and legal basis: spbe-rules explain",
        "values": "Where indicator values come from (sub-levels, another index's score, review corrections)",
        "sub_levels": "exact mean of {levels}",
        "conversion": "from the {source} score {score} (range {lower}-{upper}) to {value}",
        "review_fix": "corrected by the review team ({stage}) from {before} to {after}: {reason}",
    },
}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def render_result(result: Result, rs: Ruleset, lang: str = "id") -> str:
    L = _LABELS[lang]
    out: list[str] = []
    stage = f", {L['stage']} {result.stage}" if result.stage else ""
    out.append(f"{L['title']}: {result.instansi} ({result.year}{stage})")
    out.append(f"{L['ruleset']}: {rs.id} v{rs.version} - {rs.title}")
    if rs.status in ("provisional", "superseded"):
        out.extend(textwrap.wrap(L[rs.status] + (f": {' '.join(rs.reason.split())}" if rs.reason else ""), 96, subsequent_indent="  "))
    out.append("")
    out.append(f"{L['index']}: {result.index}  ({L['exact']} {exact_text(result.index_exact)})")
    out.append(f"{L['predikat']}: {result.predikat}")
    rule = L["rounded"].format(d=rs.display.decimals) if result.predikat_from == "rounded" else L["exact_rule"]
    out.append(f"  ({rule})")
    by_aspect: dict[str, list[int]] = {}
    for k, ind in enumerate(result.indicators):
        by_aspect.setdefault(ind.aspect, []).append(k)
    groups: list[tuple[str | None, str, str, list[int]]] = []  # (domain id, header, index, aspect idxs)
    if result.domains:
        for d in result.domains:
            idx = [j for j, a in enumerate(result.aspects) if a.domain == d.id]
            groups.append((d.id, f"{L['domain']} {d.id}  {d.name}  ({L['weight'].lower()} {exact_text(d.weight)})", d.index, idx))
    else:
        groups.append((None, L["aspect"], "", list(range(len(result.aspects)))))
    width = 58
    for _, header, index, aspect_idx in groups:
        out.append("")
        out.append(f"{header}" + (f": {index}" if index else ""))
        out.append(f"  {L['no']:>4}  {L['indicator']:<{width}} {L['level']:>5} {L['weight']:>6}")
        for j in aspect_idx:
            a = result.aspects[j]
            out.append(f"  {a.id:>4}  {_cut(L['aspect'] + ' ' + a.name, width):<{width}} {a.index:>5} {exact_text(a.weight):>6}")
            for k in by_aspect.get(a.id, []):
                ind = result.indicators[k]
                level = level_text(ind.effective_level) if ind.effective_level == ind.level else f"{level_text(ind.level)}->{level_text(ind.effective_level)}"
                mark = "*" if ind.filled else ""
                out.append(f"  {ind.id:>4}  {_cut(ind.name, width):<{width}} {level + mark:>5} {exact_text(ind.weight):>6}")
    capped = [i for i in result.indicators if i.rules]
    if capped:
        out.append("")
        out.append(f"{L['capped']}:")
        flagged = {r.id for r in rs.rules if r.status == "provisional"}
        for i in capped:
            names = ", ".join(f"{r} [{L['rule_flag']}]" if r in flagged else r for r in i.rules)
            out.append(f"  {i.id:>4}  {level_text(i.level)} -> {level_text(i.effective_level)}  ({names})")
        if flagged & {r for i in capped for r in i.rules}:
            out.append(f"  {L['rule_note']}")
    notes = indicator_value_notes(result, lang)
    if notes:
        out.append("")
        out.append(f"{L['values']}:")
        for number, note in notes:
            out.extend(textwrap.wrap(f"{number:>4}  {note}", 96, initial_indent="  ", subsequent_indent="        "))
    if result.documents:
        out.append("")
        out.append(f"{L['documents']}:")
        for doc in result.documents:
            out.append(f"  {doc.name}: {L['present'][doc.present]} ({L['basis'][doc.basis]})")
    filled = [str(i.id) for i in result.indicators if i.filled]
    if filled:
        out.append("")
        out.append(f"* {L['filled']}: {', '.join(filled)}")
    out.extend(render_evidence(result, rs, lang))
    if result.stages:
        out.append("")
        out.append(render_stages(result, lang, rs))
    return "\n".join(out) + "\n"


def render_evidence(result: Result, rs: Ruleset, lang: str = "id") -> list[str]:
    """The evidence table: per indicator that claims more than the lowest level or has evidence,
    claimed vs supported level, the level counted and the requirement items not yet met."""
    if result.evaluated_on is None and all(i.evidence is None for i in result.indicators):
        return []
    L = _LABELS[lang]
    rows = [i for i in result.indicators if i.evidence is not None and (i.level > rs.scale.min or i.supported_level is not None)]
    out = ["", L["evidence_head"].format(on=result.evaluated_on or "-", basis=L["evidence_basis"].get(result.evaluated_on_basis or "", "-"))]
    cols = L["evidence_cols"]
    out.append(f"  {cols[0]:>4}  {cols[1]:>8}  {cols[2]:>11}  {cols[3]:>8}  {cols[4]}")
    for i in rows:
        sup = L["no_evidence"] if i.supported_level is None else str(i.supported_level)
        out.append(f"  {i.id:>4}  {i.level:>8}  {sup:>11}  {i.effective_level:>8}  {', '.join(i.unmet) or '-'}")
    if rs.evidence_policy is not None:
        out.extend(textwrap.wrap(L["evidence_note"].format(stage=rs.evidence_policy.supported_from), 96, initial_indent="  ", subsequent_indent="  "))
    return out


_STAGE_WORDS = {
    "id": {
        "head": "Indeks per tahap penilaian",
        "rule": (
            "Setiap tahap memakai level dari tahap itu; indikator yang tidak dinilai ulang "
            "tetap memakai level dari tahap sebelumnya. Hasil akhir adalah hasil tahap terakhir."
        ),
        "line": "indeks {index}, predikat {predikat}",
        "first": "titik awal",
        "up": "naik {d} dari tahap sebelumnya",
        "down": "turun {d} dari tahap sebelumnya",
        "same": "sama dengan tahap sebelumnya",
        "about": "sekitar ",
        "predikat": "predikat berubah dari {a} menjadi {b}",
        "changed": "Level yang diubah asesor pada tahap ini ({n} indikator):",
        "unchanged": "Asesor tidak mengubah level apa pun pada tahap ini.",
        "reason": "alasan Tim Reviu",
        "final": "Hasil akhir: tahap {stage}, indeks {index}, predikat {predikat}.",
        "ind": "indikator",
    },
    "en": {
        "head": "Index by assessment stage",
        "rule": (
            "Each stage uses the levels it gives; an indicator a stage does not score again "
            "keeps the level of the stage before. The final result is that of the last stage."
        ),
        "line": "index {index}, predikat {predikat}",
        "first": "starting point",
        "up": "up {d} from the previous stage",
        "down": "down {d} from the previous stage",
        "same": "same as the previous stage",
        "about": "about ",
        "predikat": "predikat changed from {a} to {b}",
        "changed": "Levels the assessors changed in this stage ({n} indicators):",
        "unchanged": "The assessors changed no level in this stage.",
        "reason": "the review team's reason",
        "final": "Final result: stage {stage}, index {index}, predikat {predikat}.",
        "ind": "indicator",
    },
}


def indicator_value_notes(result: Result, lang: str = "id") -> list[tuple[int, str]]:
    """For each indicator whose value is more than one submitted level: the exact mean of its
    sub-levels, the conversion of an external score, the review team's correction (the final word)."""
    L = _LABELS[lang]
    out: list[tuple[int, str]] = []
    for i in result.indicators:
        parts: list[str] = []
        if i.sub_levels:
            parts.append(L["sub_levels"].format(levels=", ".join(map(str, i.sub_levels))) + f" = {level_text(i.level)}")
        if i.conversion is not None:
            cv = i.conversion
            parts.append(L["conversion"].format(source=cv.source, score=level_text(cv.score), lower=level_text(cv.lower), upper=level_text(cv.upper), value=level_text(cv.value)))
        if i.review is not None and not i.review.valid:  # valid marks are in the explanation, not listed here
            rv = i.review
            parts.append(L["review_fix"].format(stage=rv.stage, before=level_text(rv.before), after=level_text(i.level), reason=rv.reason))
        if parts:
            out.append((i.id, "; ".join(parts)))
    return out


def _difference(value: Fraction, decimals: int, about: str) -> str:
    """An exact difference of two indices, or (when its decimals do not end) rounded, marked as such."""
    text = exact_text(value)
    if "/" not in text:
        return text
    places = decimals + 2
    return about + display_text(round_scaled(value.numerator, value.denominator, places, "half_up"), places)


def render_stages(result: Result, lang: str = "id", ruleset: Ruleset | None = None) -> str:
    """How the index moved from stage to stage, and which levels the assessors changed in each."""
    L = _LABELS[lang]
    W: dict[str, str] = _STAGE_WORDS[lang]
    rs = ruleset if ruleset is not None else result._ruleset_obj
    names = {st.id: st.name for st in rs.stages} if isinstance(rs, Ruleset) else {}
    decimals = rs.display.decimals if isinstance(rs, Ruleset) else 2
    lines = [f"{L['stages']}:", *textwrap.wrap(W["rule"], 94, initial_indent="  ", subsequent_indent="  ")]
    prev: Result | None = None
    for k, st in enumerate(result.stages, 1):
        sid = st.stage or "-"
        title = f"{names[sid]} ({sid})" if sid in names else sid
        line = f"  {k}. {title}: " + W["line"].format(index=st.index, predikat=st.predikat)
        if prev is None:
            line += f" ({W['first']})"
        else:
            diff = st.index_exact - prev.index_exact
            if diff == 0:
                move = W["same"]
            else:
                move = W["up" if diff > 0 else "down"].format(d=_difference(abs(diff), decimals, W["about"]))
            line += f"; {move}"
            if st.predikat != prev.predikat:
                line += "; " + W["predikat"].format(a=prev.predikat, b=st.predikat)
        lines.append(line)
        if prev is not None:
            if st.changes:
                lines.append("     " + W["changed"].format(n=len(st.changes)))
                by_id = {i.id: i for i in st.indicators}
                for c in st.changes:
                    name = by_id[c.indicator].name if c.indicator in by_id else ""
                    lines.append(f"       {c.indicator:>3}  {_cut(name, 62):<62}  {level_text(c.before)} -> {level_text(c.after)}")
                    if c.reason:
                        lines.extend(textwrap.wrap(f"{W['reason']}: {c.reason}", 88, initial_indent="            ", subsequent_indent="            "))
            else:
                lines.append("     " + W["unchanged"])
        prev = st
    if prev is not None:
        lines.append("  " + W["final"].format(stage=prev.stage or "-", index=prev.index, predikat=prev.predikat))
    return "\n".join(lines)


_KIND_WORDS = {
    "id": {"index": "Indeks SPBE", "domain": "Domain", "aspect": "Aspek", "indicator": "Indikator", "rule": "Aturan", "rules": "Aturan ketergantungan"},
    "en": {"index": "SPBE index", "domain": "Domain", "aspect": "Aspect", "indicator": "Indicator", "rule": "Rule", "rules": "Dependency rules"},
}


def render_explanation(explanation: Explanation, lang: str = "id", indicator: int | None = None) -> str:
    lines: list[str] = []
    words = _KIND_WORDS[lang]

    def text(node: Node) -> str:
        return node.text.id if lang == "id" else node.text.en

    def head(node: Node) -> str:
        label = words.get(node.kind, node.kind)
        if node.kind == "index":
            return f"{label}: {node.title}"
        if node.kind == "rules":
            return label
        title = f": {node.title}" if node.title and node.title != node.id else ""
        return f"{label} {node.id}{title}"

    def walk(node: Node, depth: int) -> None:
        pad = "  " * depth
        value = f" = {node.value}" if node.value is not None else ""
        flag = " [sementara]" if node.status == "provisional" and lang == "id" else (" [provisional]" if node.status == "provisional" else "")
        lines.append(f"{pad}- {head(node)}{value}{flag}")
        for line in textwrap.wrap(text(node), 96 - len(pad)):
            lines.append(f"{pad}    {line}")
        label = "Dasar" if lang == "id" else "Basis"
        for cite in node.legal_basis:
            for line in textwrap.wrap(f"{label}: {cite}", 96 - len(pad), subsequent_indent="  "):
                lines.append(f"{pad}    {line}")
        for child in node.children:
            walk(child, depth + 1)

    if indicator is not None:
        node = explanation.find("indicator", str(indicator))
        if node is None:
            raise KeyError(indicator)
        walk(node, 0)
    else:
        walk(explanation.root, 0)
    return "\n".join(lines) + "\n"

"""Plain-text reports of results and explanations (Indonesian labels; English on request)."""

from __future__ import annotations

import textwrap
from typing import Any

from ._converter import exact_text
from ._explain import Explanation, Node
from ._model import Ruleset
from ._result import Result

__all__ = ["render_explanation", "render_result", "render_stages"]

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
        "stages": "Perubahan per tahap",
        "changed": "diubah asesor",
        "filled": "Level tidak diisi, dihitung pada level terendah",
        "stage": "tahap",
        "documents": "Dokumen",
        "present": {True: "ada", False: "tidak ada", None: "tidak diketahui"},
        "basis": {"stated": "dinyatakan", "implied": "disimpulkan", "unknown": "tidak dinyatakan"},
        "provisional": "Catatan: aturan ini berstatus sementara (provisional)",
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
        "stages": "Change by stage",
        "changed": "changed by the assessors",
        "filled": "Levels not given, counted at the lowest level",
        "stage": "stage",
        "documents": "Documents",
        "present": {True: "present", False: "absent", None: "unknown"},
        "basis": {"stated": "stated", "implied": "inferred", "unknown": "not stated"},
        "provisional": "Note: this ruleset is provisional",
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
    if rs.status == "provisional":
        out.append(L["provisional"])
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
                level = str(ind.effective_level) if ind.effective_level == ind.level else f"{ind.level}->{ind.effective_level}"
                mark = "*" if ind.filled else ""
                out.append(f"  {ind.id:>4}  {_cut(ind.name, width):<{width}} {level + mark:>5} {exact_text(ind.weight):>6}")
    capped = [i for i in result.indicators if i.rules]
    if capped:
        out.append("")
        out.append(f"{L['capped']}:")
        for i in capped:
            out.append(f"  {i.id:>4}  {i.level} -> {i.effective_level}  ({', '.join(i.rules)})")
    if result.documents:
        out.append("")
        out.append(f"{L['documents']}:")
        for doc in result.documents:
            out.append(f"  {doc.name}: {L['present'][doc.present]} ({L['basis'][doc.basis]})")
    filled = [str(i.id) for i in result.indicators if i.filled]
    if filled:
        out.append("")
        out.append(f"* {L['filled']}: {', '.join(filled)}")
    if result.stages:
        out.append("")
        out.append(render_stages(result, lang))
    return "\n".join(out) + "\n"


def render_stages(result: Result, lang: str = "id") -> str:
    L = _LABELS[lang]
    lines = [f"{L['stages']}:"]
    prev = None
    for st in result.stages:
        delta = ""
        if prev is not None:
            diff = st.index_exact - prev.index_exact
            delta = f"  ({'+' if diff >= 0 else ''}{exact_text(diff)})"
        lines.append(f"  {st.stage or '-':<10} {st.index}  {st.predikat}{delta}")
        if st.changes:
            changed = ", ".join(f"{c.indicator}: {c.before}->{c.after}" for c in st.changes)
            lines.extend(textwrap.wrap(f"{L['changed']}: {changed}", 90, initial_indent="             ", subsequent_indent="               "))
        prev = st
    return "\n".join(lines)


def render_explanation(explanation: Explanation, lang: str = "id", indicator: int | None = None) -> str:
    lines: list[str] = []

    def text(node: Node) -> str:
        return node.text.id if lang == "id" else node.text.en

    def walk(node: Node, depth: int) -> None:
        pad = "  " * depth
        value = f" = {node.value}" if node.value is not None else ""
        flag = " [sementara]" if node.status == "provisional" and lang == "id" else (" [provisional]" if node.status == "provisional" else "")
        lines.append(f"{pad}- {node.kind} {node.id}: {node.title}{value}{flag}")
        for line in textwrap.wrap(text(node), 96 - len(pad)):
            lines.append(f"{pad}    {line}")
        for cite in node.legal_basis:
            label = "Dasar" if lang == "id" else "Basis"
            lines.append(f"{pad}    {label}: {cite}")
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

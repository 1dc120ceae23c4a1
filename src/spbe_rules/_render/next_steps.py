"""``spbe-rules next`` as text, in Bahasa Indonesia (English with ``lang="en"``)."""

from __future__ import annotations

import textwrap
from typing import Any

from .._analysis.next_steps import NextSteps

__all__ = ["render_next"]

_W: dict[str, dict[str, Any]] = {
    "id": {
        "head": "Yang diperlukan untuk tingkat berikutnya: {instansi} ({year}), ruleset {ruleset}",
        "on": "Umur bukti diukur pada {on}.",
        "basis": {"supported": "didukung bukti", "claimed": "diajukan"},
        "level": "Indikator {n} {name}: tingkat {level} ({basis}) -> {next}",
        "held": "Catatan: tingkat yang dihitung dibatasi aturan {rules} (spbe-rules explain FILE --indicator {n}).",
        "needs": "bukti",
        "now": "sekarang",
        "basis_word": "dasar",
        "none": "Ruleset ini tidak menguraikan persyaratan indikator ini",
        "top": "Semua indikator yang diminta sudah di tingkat tertinggi.",
        "optional": "opsional",
        "lv": "tingkat",
    },
    "en": {
        "head": "What the next level needs: {instansi} ({year}), ruleset {ruleset}",
        "on": "Evidence ages are measured at {on}.",
        "basis": {"supported": "supported by evidence", "claimed": "claimed"},
        "level": "Indicator {n} {name}: level {level} ({basis}) -> {next}",
        "held": "Note: the level that counts is held by rule {rules} (spbe-rules explain FILE --indicator {n}).",
        "needs": "evidence",
        "now": "now",
        "basis_word": "basis",
        "none": "This ruleset gives no requirement items for this indicator",
        "top": "Every indicator asked for is already at the top level.",
        "optional": "optional",
        "lv": "level",
    },
}


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 96, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def render_next(steps: NextSteps, lang: str = "id") -> str:
    w = _W["en" if lang == "en" else "id"]
    out = [w["head"].format(instansi=steps.instansi, year=steps.year, ruleset=steps.ruleset)]
    if steps.evaluated_on:
        out.append(w["on"].format(on=steps.evaluated_on))
    if not steps.indicators:
        out.append(w["top"])
    for ind in steps.indicators:
        out.append("")
        out.extend(_wrap(w["level"].format(n=ind.indicator, name=ind.name, level=ind.level, basis=w["basis"][ind.basis], next=ind.next_level), ""))
        if ind.held_by:
            out.extend(_wrap(w["held"].format(rules=", ".join(ind.held_by), n=ind.indicator), "  "))
        if not ind.items:
            reason = ind.unavailable_en if lang == "en" else ind.unavailable_id
            out.extend(_wrap(w["none"] + (f": {reason}" if reason else "."), "  "))
        for it in ind.items:
            box = "[x]" if it.met else "[ ]"
            opt = f" ({w['optional']})" if it.optional else ""
            text = it.text_en if lang == "en" else it.text_id
            out.extend(_wrap(f"{box} {it.id}{opt} ({w['lv']} {it.level}): {text}", "  "))
            needs = it.needs_en if lang == "en" else it.needs_id
            if needs:
                out.extend(_wrap(f"{w['needs']}: {needs}", "      "))
            out.extend(_wrap(f"{w['now']}: {it.status_en if lang == 'en' else it.status_id}", "      "))
            out.extend(_wrap(f"{w['basis_word']}: {it.citation}", "      "))
    return "\n".join(out) + "\n"

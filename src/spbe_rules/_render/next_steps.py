"""``spbe-rules next`` as text, in Bahasa Indonesia (English with ``lang="en"``); the words come
from the message catalogue (``next.*``)."""

from __future__ import annotations

import textwrap

from .._analysis.next_steps import NextSteps
from .._base.messages import Lang, Msg

__all__ = ["render_next"]


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, 96, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def render_next(steps: NextSteps, lang: str = "id") -> str:
    lg: Lang = "en" if lang == "en" else "id"

    def w(key: str, /, **params: object) -> str:
        return Msg(key, **params).render(lg)

    out = [w("next.head", instansi=steps.instansi, year=steps.year, ruleset=steps.ruleset)]
    if steps.evaluated_on:
        out.append(w("next.on", on=steps.evaluated_on))
    if not steps.indicators:
        out.append(w("next.top"))
    for ind in steps.indicators:
        out.append("")
        basis = w(f"next.basis.{ind.basis}")
        out.extend(_wrap(w("next.level", n=ind.indicator, name=ind.name, level=ind.level, basis=basis, next=ind.next_level), ""))
        if ind.held_by:
            out.extend(_wrap(w("next.held", rules=", ".join(ind.held_by), n=ind.indicator), "  "))
        if not ind.items:
            reason = ind.unavailable_en if lg == "en" else ind.unavailable_id
            out.extend(_wrap(w("next.none.why", why=reason) if reason else w("next.none"), "  "))
        for it in ind.items:
            box = "[x]" if it.met else "[ ]"
            opt = w("next.optional") if it.optional else ""
            text = it.text_en if lg == "en" else it.text_id
            out.extend(_wrap(w("next.item", box=box, id=it.id, opt=opt, level=it.level, text=text), "  "))
            needs = it.needs_en if lg == "en" else it.needs_id
            if needs:
                out.extend(_wrap(w("next.needs", needs=needs), "      "))
            out.extend(_wrap(w("next.now", status=it.status_en if lg == "en" else it.status_id), "      "))
            out.extend(_wrap(w("next.basis_word", citation=it.citation), "      "))
    return "\n".join(out) + "\n"

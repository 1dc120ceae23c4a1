"""Text views for people: the margin and risk of one result, and one institution over the years.

Indonesian by default, English with ``lang="en"``. Numbers are decimals: exact when they end
within a few places, otherwise rounded with a leading ``≈`` (the JSON forms keep exact values).
"""

from __future__ import annotations

from fractions import Fraction

from .._analysis.risk import Boundary, Risk, decimal_text
from .._base.text import number_ranges
from .._engine.engine import display_text
from .._model.model import Ruleset

__all__ = ["boundary_sentence", "render_risk", "rule_sentence"]

_L: dict[str, dict[str, str]] = {
    "id": {
        "title": "Margin dan risiko predikat: {inst} ({year}; aturan {rid} versi {ver})",
        "index": "Indeks tepat {exact} (tampil {shown}), predikat {pred}.",
        "rule_rounded": "Aturan batas {rid}: predikat dibaca dari indeks yang dibulatkan ke {d} desimal ({mode}); batas bawah efektif sebuah predikat adalah nilai tepat terkecil yang dibulatkan ke batas bawahnya.",
        "rule_exact": "Aturan batas {rid}: predikat dibaca dari indeks tepat (tidak dibulatkan); sebuah predikat dimulai tepat pada batas bawahnya.",
        "provisional": "Aturan batas ini berstatus sementara (provisional).",
        "down": "{exact}: {dist} di atas batas bawah {band} {at}{excl} (aturan {rid}{written}).",
        "down_none": "{pred} adalah predikat terendah: tidak ada batas bawah yang dapat dilewati.",
        "up": "Menuju {band}: kurang {dist} (batas {at}{excl}{written}).",
        "up_none": "{pred} adalah predikat tertinggi.",
        "excl": ", tidak termasuk",
        "written": "; batas tertulis {lower}",
        "drops": "Penurunan satu level yang mengubah predikat ({n} dari {checked} kemungkinan; yang paling merugikan lebih dulu):",
        "no_drops": "Tidak ada penurunan satu level ({checked} kemungkinan diperiksa) yang mengubah predikat {pred}.",
        "col_no": "No",
        "col_name": "Indikator",
        "col_level": "Level",
        "col_after": "Indeks sesudah",
        "col_pred": "Predikat",
        "col_cost": "Berkurang",
        "col_also": "Ikut turun",
        "submitted": "diajukan {lv}",
    },
    "en": {
        "title": "Predikat margin and risk: {inst} ({year}; ruleset {rid} version {ver})",
        "index": "Exact index {exact} (shown {shown}), predikat {pred}.",
        "rule_rounded": "Boundary rule of {rid}: the predikat is read from the index rounded to {d} decimals ({mode}); a predikat's effective floor is the smallest exact value that rounds to its lower bound.",
        "rule_exact": "Boundary rule of {rid}: the predikat is read from the exact (unrounded) index; a predikat starts exactly at its lower bound.",
        "provisional": "This boundary rule is provisional.",
        "down": "{exact}: {dist} above the {band} floor of {at}{excl} under the rule of {rid}{written}.",
        "down_none": "{pred} is the lowest predikat: there is no floor to fall below.",
        "up": "To {band}: {dist} short (floor {at}{excl}{written}).",
        "up_none": "{pred} is the highest predikat.",
        "excl": ", excluded",
        "written": ", written bound {lower}",
        "drops": "One-level drops that change the predikat ({n} of {checked} possible; the most costly first):",
        "no_drops": "No one-level drop ({checked} checked) changes the predikat {pred}.",
        "col_no": "No",
        "col_name": "Indicator",
        "col_level": "Level",
        "col_after": "Index after",
        "col_pred": "Predikat",
        "col_cost": "Loss",
        "col_also": "Also lowered",
        "submitted": "submitted {lv}",
    },
}


def _lang(lang: str) -> dict[str, str]:
    return _L["en" if lang == "en" else "id"]


def _places(r: Risk) -> int:
    return r.decimals + 2


def rule_sentence(r: Risk, ruleset: Ruleset, lang: str = "id") -> str:
    """How the predikat is read under ``ruleset`` (and whether that rule is provisional)."""
    t = _lang(lang)
    key = "rule_rounded" if r.predikat_from == "rounded" else "rule_exact"
    text = t[key].format(rid=ruleset.id, d=r.decimals, mode=r.rounding)
    if r.rule_status == "provisional":
        text += " " + t["provisional"]
    return text


def boundary_sentence(r: Risk, which: str, lang: str = "id") -> str:
    """The sentence on the floor (``which="down"``) or the next band (``"up"``)."""
    t = _lang(lang)
    b: Boundary | None = r.floor if which == "down" else r.ceiling
    if b is None:
        return t[f"{which}_none"].format(pred=r.predikat)
    places = _places(r)
    written = t["written"].format(lower=bound_text(b.lower, r.decimals)) if b.value != b.lower else ""
    return t[which].format(
        exact=decimal_text(r.index_exact, places),
        dist=decimal_text(b.distance, places),
        band=b.band,
        at=decimal_text(b.value, places),
        excl="" if b.inclusive else t["excl"],
        written=written,
        rid=r.result.ruleset.id,
    )


def bound_text(value: Fraction, decimals: int) -> str:
    """A band bound as the ruleset's display writes numbers (2.60), or as an exact decimal when it has more places."""
    scaled = value * 10**decimals
    if scaled.denominator == 1:
        return display_text(int(scaled), decimals)
    return decimal_text(value, decimals + 2)


def drop_rows(r: Risk, lang: str = "id") -> list[tuple[str, ...]]:
    """One row per drop: number, name, levels, index after (exact and shown), predikat, loss, cascade."""
    t = _lang(lang)
    places = _places(r)
    rows: list[tuple[str, ...]] = []
    for d in r.drops:
        level = f"{d.from_level} \u2192 {d.to_level}"
        if d.submitted != d.from_level:
            level += f" ({t['submitted'].format(lv=d.submitted)})"
        rows.append(
            (
                str(d.indicator),
                d.name,
                level,
                f"{decimal_text(d.index, places)} ({d.index_text})",
                d.predikat,
                "-" + decimal_text(d.cost, places),
                number_ranges(d.also_lowered, empty="-"),
            )
        )
    return rows


def render_risk(r: Risk, ruleset: Ruleset, lang: str = "id", width: int = 46) -> str:
    """The text report of :func:`spbe_rules.risk`."""
    t = _lang(lang)
    res = r.result
    out = [
        t["title"].format(inst=res.instansi, year=res.year, rid=res.ruleset.id, ver=res.ruleset.version),
        t["index"].format(exact=decimal_text(r.index_exact, _places(r)), shown=r.index, pred=r.predikat),
        rule_sentence(r, ruleset, lang),
        "",
        boundary_sentence(r, "down", lang),
        boundary_sentence(r, "up", lang),
        "",
    ]
    if not r.drops:
        out.append(t["no_drops"].format(checked=r.checked, pred=r.predikat))
        return "\n".join(out)
    out.append(t["drops"].format(n=len(r.drops), checked=r.checked))
    head = (t["col_no"], t["col_name"], t["col_level"], t["col_after"], t["col_pred"], t["col_cost"], t["col_also"])
    rows = [head] + [(a, _cut(b, width), *rest) for a, b, *rest in drop_rows(r, lang)]
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    for row in rows:
        out.append("  " + "  ".join(cell.rjust(widths[k]) if k == 0 else cell.ljust(widths[k]) for k, cell in enumerate(row)).rstrip())
    return "\n".join(out)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


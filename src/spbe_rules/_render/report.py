"""Self-contained HTML reports with inline SVG charts, in Bahasa Indonesia (English with ``lang="en"``).

:func:`report_html` shows one result: index and predikat on the predikat scale, a
radar chart of the aspects, domain bars against a target, the indicators the rules
capped and what would release them, and, when the planner (:mod:`spbe_rules._analysis.plan`)
is installed, the cheapest plan to the next predikat.

The summary of many results (``spbe-rules report --batch``) is in
:mod:`spbe_rules._render.batch_report`; it draws with the charts and page frame here.

Every text a person sees (headings, captions, table headers, chart labels and tooltips, the
footer, ``<html lang>``) comes from the message catalogue (``html.*``, ``story.*``, ``batch.*``)
in the language asked for (``lang=``), else the current one (``--lang``, ``SPBE_RULES_LANG``).

The HTML has no script, no external file and no network address; charts are SVG
drawn here. Every number written as text is the exact displayed value (the same
text as ``Result.index``); bar lengths are the displayed values scaled exactly
(rational arithmetic, written with one decimal of a pixel). Only the radar chart's
corner positions use floating-point trigonometry, for drawing; its labels are the
exact texts. A print stylesheet keeps charts whole on A4 pages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .._model.converter import exact_text
from .._engine.engine import display_text, round_scaled
from .._engine.explain import describe_condition
from .._model.model import Ruleset
from .._loading.load import RulesetLike, as_ruleset
from .._base.numbers import check_in_range
from .._base.errors import Location, current_lang, use_lang
from .._base.messages import CATALOGUE, render
from .._engine.result import Result
from .._analysis.plan import plan as make_plan

from .._analysis.compare import YearComparison
from .views import bound_text
from .batch_views import BATCH_CSS
from .story import (
    STORY_CSS,
    evidence_section,
    indicators_section,
    margin_card,
    provisional_section,
    risk_for_report,
    risk_section,
    stages_section,
    years_section,
)
from .svg import ACCENT as _ACCENT
from .svg import INK as _INK
from .svg import MUTED as _MUTED
from .svg import band_colour as _band_colour
from .svg import esc as _e
from .svg import fpx as _fpx
from .svg import px as _px
from .svg import t as _t
from .svg import t_html as _th

__all__ = ["bars_svg", "columns_svg", "page", "predikat_scale_svg", "radar_svg", "report_html"]

_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1f2937; margin: 0; background: #fff; line-height: 1.45; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #e5e7eb; }
.sub { color: #4b5563; margin: 0 0 16px; }
.headline { display: flex; gap: 24px; align-items: stretch; flex-wrap: wrap; margin: 16px 0; }
.card { border: 1px solid #d1d5db; border-radius: 8px; padding: 14px 18px; min-width: 200px; }
.card .label { font-size: .85rem; color: #4b5563; text-transform: uppercase; letter-spacing: .04em; }
.card .big { font-size: 2.6rem; font-weight: 700; line-height: 1.1; }
.card .note { font-size: .85rem; color: #4b5563; }
.predikat { display: inline-block; padding: 4px 14px; border-radius: 999px; color: #fff; font-weight: 700; font-size: 1.4rem; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; break-inside: avoid; page-break-inside: avoid; }
.charts figure { width: min-content; }
figcaption { font-size: .9rem; color: #4b5563; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; margin: 8px 0 4px; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
.up { color: #1b5e20; font-weight: 600; }
.down { color: #b71c1c; font-weight: 600; }
.muted { color: #6b7280; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
footer { margin-top: 36px; font-size: .8rem; color: #6b7280; border-top: 1px solid #e5e7eb; padding-top: 8px; }
svg text { font-family: inherit; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .charts { flex-wrap: nowrap; gap: 12px; }
  .charts figure { width: 50%; }
  svg.chart { max-width: 100%; height: auto; }
  .card, .predikat, .swatch, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def page(title: str, body: str) -> str:
    """The HTML page around ``body``, marked as written in the current language."""
    return (
        f'<!DOCTYPE html>\n<html lang="{current_lang()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}{STORY_CSS}{BATCH_CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


# -- charts ------------------------------------------------------------------------------


def predikat_scale_svg(rs: Ruleset, value: Fraction, shown: str, predikat: str, width: int = 640) -> str:
    """The predikat bands as a horizontal scale with a marker at the index.

    The side margins hold half of a centred label (a bound, or the marker's index at either end of
    the scale), and the marker's label sits below the top edge, so nothing is clipped.
    """
    bands = rs.predikat.bands
    lo, hi = bands[0].lower, bands[-1].upper
    left, right, top, bar_h, height = 24, 24, 40, 22, 92
    span = Fraction(width - left - right)

    def x(v: Fraction) -> Fraction:
        v = min(max(v, lo), hi)
        return left + (v - lo) / (hi - lo) * span

    names = [b.name for b in bands]
    dec = rs.display.decimals

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart predikat-scale" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{_t("html.scale.aria", shown=shown, predikat=predikat)}">'
    ]
    for b in bands:
        x0, x1 = x(b.lower), x(b.upper)
        colour = _band_colour(names, b.name)
        parts.append(
            f'<rect x="{_px(x0)}" y="{top}" width="{_px(x1 - x0)}" height="{bar_h}" fill="{colour}" opacity="{"1" if b.name == predikat else "0.35"}"><title>{_t("html.scale.band", band=b.name, lower=exact_text(b.lower), upper=exact_text(b.upper))}</title></rect>'
        )
        parts.append(f'<text x="{_px((x0 + x1) / 2)}" y="{top + bar_h + 16}" font-size="11" text-anchor="middle" fill="{_INK}">{_e(b.name)}</text>')
        parts.append(f'<text x="{_px(x0)}" y="{top - 4}" font-size="10" text-anchor="middle" fill="{_MUTED}">{_e(bound_text(b.lower, dec))}</text>')
    parts.append(f'<text x="{_px(x(hi))}" y="{top - 4}" font-size="10" text-anchor="middle" fill="{_MUTED}">{_e(bound_text(hi, dec))}</text>')
    mx = x(value)
    parts.append(f'<line x1="{_px(mx)}" y1="{top - 2}" x2="{_px(mx)}" y2="{top + bar_h + 2}" stroke="{_INK}" stroke-width="3"/>')
    parts.append(f'<polygon points="{_px(mx - 6)},16 {_px(mx + 6)},16 {_px(mx)},25" fill="{_INK}"/>')
    parts.append(f'<text x="{_px(mx)}" y="13" font-size="11" font-weight="700" text-anchor="middle" fill="{_INK}" class="marker-label">{_e(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def radar_svg(labels: Sequence[str], titles: Sequence[str], values: Sequence[Fraction], texts: Sequence[str], lo: int, hi: int, size: int = 400) -> str:
    """A radar (spider) chart of ``values`` (one axis per label) on the scale ``lo..hi``."""
    n = len(labels)
    cx = cy = size / 2
    radius = size / 2 - 80  # room outside the outer ring for a label such as "A3 5.00"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img" aria-label="{_t("html.radar.aria")}">'
    ]
    if n < 3:  # a radar needs three axes; fall back to a note
        parts.append(f'<text x="10" y="20" font-size="12">{_t("html.radar.few")}</text></svg>')
        return "".join(parts)

    def point(k: int, v: Fraction) -> tuple[float, float]:
        share = float((min(max(v, Fraction(lo)), Fraction(hi)) - lo) / (hi - lo)) if hi > lo else 0.0
        angle = -math.pi / 2 + 2 * math.pi * k / n  # drawing only; the values are written exactly below
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    for level in range(lo, hi + 1):
        ring = " ".join(f"{_fpx(px)},{_fpx(py)}" for px, py in (point(k, Fraction(level)) for k in range(n)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#d1d5db" stroke-width="1"/>')
        px, py = point(0, Fraction(level))
        parts.append(f'<text x="{_fpx(px + 5)}" y="{_fpx(py + 11)}" font-size="10" fill="{_MUTED}">{level}</text>')
    for k in range(n):
        px, py = point(k, Fraction(hi))
        parts.append(f'<line x1="{_fpx(cx)}" y1="{_fpx(cy)}" x2="{_fpx(px)}" y2="{_fpx(py)}" stroke="#d1d5db"/>')
    shape = " ".join(f"{_fpx(px)},{_fpx(py)}" for px, py in (point(k, v) for k, v in enumerate(values)))
    parts.append(f'<polygon class="radar-area" points="{shape}" fill="{_ACCENT}" fill-opacity="0.25" stroke="{_ACCENT}" stroke-width="2.5"/>')
    for k, (v, t, label, title) in enumerate(zip(values, texts, labels, titles)):
        px, py = point(k, v)
        parts.append(f'<circle cx="{_fpx(px)}" cy="{_fpx(py)}" r="4" fill="{_ACCENT}"><title>{_e(title)}: {_e(t)}</title></circle>')
        angle = -math.pi / 2 + 2 * math.pi * k / n
        lx, ly = cx + (radius + 14) * math.cos(angle), cy + (radius + 14) * math.sin(angle) + 4  # beyond the outer ring
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        parts.append(
            f'<text x="{_fpx(lx)}" y="{_fpx(ly)}" font-size="12" text-anchor="{anchor}" fill="{_INK}"><tspan font-weight="700">{_e(label)}</tspan> <tspan class="value">{_e(t)}</tspan><title>{_e(title)}</title></text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(
    rows: Sequence[tuple[str, str, Fraction, str]],
    lo: int,
    hi: int,
    target: Fraction | None = None,
    target_text: str | None = None,
    colours: Sequence[str] | None = None,
    width: int = 500,
    css_class: str = "bars",
) -> str:
    """Horizontal bars ``(label, title, value, text)`` on the scale ``lo..hi``, with an optional target line.

    Bars start a short stub before the scale's lowest value, so a value at the bottom of the
    scale (an index of 1.00) still shows as a bar; lengths beyond the stub are proportional.
    """
    label_w, right, stub = 180, 56, 6  # a label of 24 characters fits in label_w at 12 px
    row_h, bar_h, top = 34, 20, 26
    height = top + row_h * len(rows) + 24
    span = Fraction(width - label_w - stub - right)

    def x(v: Fraction) -> Fraction:
        v = min(max(v, Fraction(lo)), Fraction(hi))
        return label_w + stub + ((v - lo) / (hi - lo) * span if hi > lo else Fraction(0))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{_t("html.bars.aria")}">'
    ]
    for level in range(lo, hi + 1):
        gx = x(Fraction(level))
        parts.append(f'<line x1="{_px(gx)}" y1="{top - 6}" x2="{_px(gx)}" y2="{height - 22}" stroke="#e5e7eb"/>')
        parts.append(f'<text x="{_px(gx)}" y="{height - 8}" font-size="10" text-anchor="middle" fill="{_MUTED}">{level}</text>')
    for k, (label, title, value, text) in enumerate(rows):
        y = top + k * row_h
        colour = colours[k] if colours else _ACCENT
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h - 5}" font-size="12" text-anchor="end" fill="{_INK}">{_e(label)}<title>{_e(title)}</title></text>')
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y}" width="{_px(x(value) - label_w)}" height="{bar_h}" fill="{colour}" data-value="{_e(text)}"><title>{_e(title)}: {_e(text)}</title></rect>'
        )
        parts.append(f'<text x="{_px(x(value) + 5)}" y="{y + bar_h - 5}" font-size="12" font-weight="700" fill="{_INK}">{_e(text)}</text>')
    if target is not None:
        tx = x(target)
        parts.append(
            f'<line class="target" x1="{_px(tx)}" y1="{top - 10}" x2="{_px(tx)}" y2="{height - 22}" stroke="#b71c1c" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{_px(tx)}" y="{top - 13}" font-size="11" text-anchor="middle" fill="#b71c1c">{_t("html.bars.target", target=target_text or exact_text(target))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def columns_svg(groups: Sequence[tuple[str, Sequence[tuple[str, int]]]], colours: Mapping[str, str], width: int = 640) -> str:
    """Grouped columns: per group (a year), a count per series (a predikat)."""
    top, bottom, left = 24, 48, 40
    height = 260
    plot_h = height - top - bottom
    biggest = max([c for _, series in groups for _, c in series] + [1])
    n_series = max((len(s) for _, s in groups), default=1)
    group_w = Fraction(width - left - 10, max(len(groups), 1))
    bar_w = min(Fraction(48), (group_w - 16) / max(n_series, 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart columns" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{_t("html.columns.aria")}">'
    ]
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="{_MUTED}"/>')
    for g, (name, series) in enumerate(groups):
        gx = left + g * group_w + (group_w - bar_w * len(series)) / 2
        for s, (label, count) in enumerate(series):
            h = Fraction(count * plot_h, biggest)
            bx = gx + s * bar_w
            parts.append(
                f'<rect class="bar" x="{_px(bx + 2)}" y="{_px(top + plot_h - h)}" width="{_px(bar_w - 4)}" height="{_px(h)}" fill="{colours.get(label, "#607d8b")}" data-value="{count}"><title>{_e(name)} {_e(label)}: {count}</title></rect>'
            )
            parts.append(f'<text x="{_px(bx + bar_w / 2)}" y="{_px(top + plot_h - h - 4)}" font-size="11" text-anchor="middle" fill="{_INK}">{count}</text>')
        parts.append(
            f'<text x="{_px(left + g * group_w + group_w / 2)}" y="{top + plot_h + 18}" font-size="12" font-weight="700" text-anchor="middle" fill="{_INK}">{_e(name)}</text>'
        )
    lx = left
    for label, colour in colours.items():
        parts.append(
            f'<rect x="{lx}" y="{height - 16}" width="10" height="10" fill="{colour}"/><text x="{lx + 14}" y="{height - 7}" font-size="11" fill="{_INK}">{_e(label)}</text>'
        )
        lx += 16 + 7 * len(label) + 14
    parts.append("</svg>")
    return "".join(parts)


# -- one assessment ------------------------------------------------------------------------


def _next_band(rs: Ruleset, predikat: str) -> str | None:
    names = [b.name for b in rs.predikat.bands]
    if predikat not in names:
        return None
    k = names.index(predikat)
    return names[k + 1] if k + 1 < len(names) else None


def _plan_section(rs: Ruleset, assessment: Any, result: Result, plan_kw: Mapping[str, Any]) -> str:
    """The cheapest plan to the next predikat."""
    lang = current_lang()
    nxt = _next_band(rs, result.predikat)
    head = f"<h2>{_t('html.plan.head')}</h2>"
    if nxt is None:
        return head + f"<p>{_t('html.plan.top', predikat=result.predikat)}</p>"
    if assessment is None:
        return ""
    try:
        p = make_plan(rs, assessment, nxt, **plan_kw)
    except Exception as exc:  # the plan is an extra; the report stands without it
        return head + f'<p class="muted">{_t("html.plan.failed", reason=str(exc).splitlines()[0])}</p>'
    out = [head, f"<p>{_e(p.message.en if lang == 'en' else p.message.id)}</p>"]
    if p.steps:
        unit = f" ({p.unit})" if p.unit else ""
        cols = "".join(
            f"<th{' class=' + chr(34) + 'num' + chr(34) if num else ''}>{text}</th>"
            for text, num in (
                (_t("html.col.no"), False),
                (_t("html.plan.col.step"), False),
                (_t("html.plan.col.from"), True),
                (_t("html.plan.col.to"), True),
                (_t("html.plan.col.cost", unit=unit), True),
                (_t("html.plan.col.gain"), True),
                (_t("html.plan.col.after"), True),
                (_t("html.plan.col.reason"), False),
            )
        )
        out.append(f'<table class="plan"><thead><tr>{cols}</tr></thead><tbody>')
        for k, s in enumerate(p.steps, start=1):
            what = _t("html.plan.indicator", n=s.indicator, name=s.name) if s.kind == "indicator" else _t("html.plan.document", name=s.name)
            out.append(
                f'<tr><td>{k}</td><td>{what}</td><td class="num">{_e(s.from_level if s.from_level is not None else "-")}</td>'
                f'<td class="num">{_e(s.to_level if s.to_level is not None else "-")}</td><td class="num">{_e(exact_text(s.cost))}</td>'
                f'<td class="num">{_e(s.gain_text)}</td><td class="num">{_e(s.index_after_text)}</td><td>{_e(s.reason.en if lang == "en" else s.reason.id)}</td></tr>'
            )
        out.append("</tbody></table>")
        after = _th(
            "html.plan.after",
            index=f"<strong>{_e(p.index)}</strong>",
            predikat=f"<strong>{_e(p.predikat)}</strong>",
            cost=_e(exact_text(p.total_cost)),
            unit=_e(unit),
        )
        out.append(f"<p>{after}</p>")
    return "".join(out)


def report_html(
    ruleset: RulesetLike,
    result: Result,
    *,
    target: Fraction | None = None,
    assessment: Any = None,
    plan_options: Mapping[str, Any] | None = None,
    include_plan: bool = True,
    years: YearComparison | None = None,
    lang: str | None = None,
) -> str:
    """The HTML report of one result.

    ``target``: the index the domain bars are drawn against (default: the lower
    bound of the next predikat, else of the current one). ``assessment``: when given,
    the report adds the margin and risks of the predikat and (unless ``include_plan``
    is false) the cheapest plan to the next predikat (``plan_options`` are passed to
    ``plan``). ``years``: a comparison with other years (:func:`compare_years`) to show.
    ``lang``: ``"id"`` (Bahasa Indonesia) or ``"en"``; default the current language
    (``SPBE_RULES_LANG``, else Indonesian).
    """
    with use_lang(lang or current_lang(), "lang"):
        return _report_html(ruleset, result, target, assessment, plan_options, include_plan, years)


def _report_html(
    ruleset: RulesetLike,
    result: Result,
    target: Fraction | None,
    assessment: Any,
    plan_options: Mapping[str, Any] | None,
    include_plan: bool,
    years: YearComparison | None,
) -> str:
    rs = as_ruleset(ruleset)
    if target is not None:
        check_in_range(target, rs.scale.min, rs.scale.max, Location("--target"), "target")
    risk_view, risk_note = risk_for_report(rs, assessment, **_switches(result, rs)) if assessment is not None else (None, "")
    names = [b.name for b in rs.predikat.bands]
    colour = _band_colour(names, result.predikat)
    lo, hi = rs.scale.min, rs.scale.max
    if target is None:
        nxt = _next_band(rs, result.predikat)
        band = next((b for b in rs.predikat.bands if b.name == (nxt or result.predikat)), None)
        target = band.lower if band is not None else None
        target_note = _t("html.target.floor", predikat=nxt or result.predikat)
    else:
        target_note = _t("html.target.asked")
    target_text = (
        display_text(round_scaled(target.numerator, target.denominator, rs.display.decimals, rs.display.rounding), rs.display.decimals)
        if target is not None
        else None
    )
    stage = _t("html.sub.stage", stage=result.stage) if result.stage else ""
    basis = _t("html.card.rounded", decimals=rs.display.decimals) if result.predikat_from == "rounded" else _t("html.card.unrounded")
    sub = _th("html.sub", year=str(result.year), stage=stage, title=_e(rs.title), rid=f"<code>{_e(rs.id)}</code>", version=_e(rs.version))
    body = [
        f"<h1>{_t('html.heading', instansi=result.instansi)}</h1>",
        f'<p class="sub">{sub}</p>',
        '<div class="headline">',
        f'<div class="card" id="index-card"><div class="label">{_t("html.card.index")}</div><div class="big" id="index-value">{_e(result.index)}</div><div class="note">{_t("html.card.exact", value=bound_text(result.index_exact, rs.display.decimals))}</div></div>',
        f'<div class="card" id="predikat-card"><div class="label">{_t("html.card.predikat")}</div><div style="margin:8px 0"><span class="predikat" id="predikat-value" style="background:{colour}">{_e(result.predikat)}</span></div><div class="note">{basis}</div></div>',
        margin_card(risk_view) if risk_view is not None else "",
        "</div>",
        "<figure>",
        predikat_scale_svg(rs, Fraction(result.index) if result.predikat_from == "rounded" else result.index_exact, result.index, result.predikat),
        f"<figcaption>{_t('html.scale.caption')}</figcaption></figure>",
        provisional_section(rs, result),
        risk_section(risk_view, rs) if risk_view is not None else risk_note,
        stages_section(result, rs),
    ]
    # charts
    body.append(f"<h2>{_t('html.charts.head')}</h2>")
    body.append('<div class="charts">')
    body.append("<figure>")
    body.append(
        radar_svg(
            [a.id for a in result.aspects],
            [a.name for a in result.aspects],
            [Fraction(a.index) for a in result.aspects],
            [a.index for a in result.aspects],
            lo,
            hi,
        )
    )
    body.append(f"<figcaption>{_t('html.radar.caption')}</figcaption></figure>")
    if result.domains:
        rows = [(d.name if len(d.name) <= 24 else d.id, f"{d.id} {d.name}", Fraction(d.index), d.index) for d in result.domains]
        cols = [_ACCENT if target is None or Fraction(d.index) >= target else "#ef6c00" for d in result.domains]
        body.append("<figure>")
        body.append(bars_svg(rows, lo, hi, target, target_text, cols, css_class="bars domains"))
        body.append(f"<figcaption>{_th('html.domains.caption', target=_e(target_text or '-'), note=target_note)}</figcaption></figure>")
    body.append("</div>")
    # tables
    if result.domains:
        body.append(_table_head("domains", ("domain", False), ("name", False), ("weight", True), ("index", True), ("exact", True)))
        for d in result.domains:
            body.append(
                f'<tr><td>{_e(d.id)}</td><td>{_e(d.name)}</td><td class="num">{_e(exact_text(d.weight))}</td><td class="num">{_e(d.index)}</td><td class="num">{_e(bound_text(d.index_exact, rs.display.decimals))}</td></tr>'
            )
        body.append("</tbody></table>")
    body.append(_table_head("aspects", ("aspect", False), ("name", False), ("domain", False), ("weight", True), ("index", True)))
    for a in result.aspects:
        body.append(
            f'<tr><td>{_e(a.id)}</td><td>{_e(a.name)}</td><td>{_e(a.domain or "-")}</td><td class="num">{_e(exact_text(a.weight))}</td><td class="num">{_e(a.index)}</td></tr>'
        )
    body.append("</tbody></table>")
    body.append(indicators_section(result, rs))
    body.append(evidence_section(result, rs))
    body.append(_capped_section(result, rs))
    if assessment is not None and include_plan:
        body.append(_plan_section(rs, assessment, result, plan_options or {}))
    if years is not None:
        body.append(years_section(years))
    body.append(_footer(result.ruleset.id, result.ruleset.version, result.ruleset.sha256, result.library_version))
    return page(render("html.title", current_lang(), {"instansi": result.instansi, "year": result.year}), "\n".join(body))


def _table_head(css: str, *cols: tuple[str, bool]) -> str:
    """The start of a table with the headers ``html.col.<key>`` (``True``: a column of numbers)."""
    cells = "".join(f"<th{' class=' + chr(34) + 'num' + chr(34) if num else ''}>{_t('html.col.' + key)}</th>" for key, num in cols)
    return f'<table class="{css}"><thead><tr>{cells}</tr></thead><tbody>'


def _switches(result: Result, rs: Ruleset) -> dict[str, Any]:
    """The evaluation options that gave ``result`` (missing policy and rule switches), to evaluate again alike."""
    on = {o.id for o in result.rules if o.enabled}
    return {
        "missing": result.missing_policy,
        "enable_rules": [r.id for r in rs.rules if r.id in on and not r.enabled],
        "disable_rules": [r.id for r in rs.rules if r.id not in on and r.enabled],
    }


def _capped_section(result: Result, rs: Ruleset) -> str:
    lang = current_lang()
    eff = result.effective_levels
    docs = {d.key: (d.present, d.basis) for d in result.documents}
    capped = [i for i in result.indicators if i.rules]
    out = [f"<h2>{_t('html.capped.head')}</h2>"]
    if not capped:
        out.append(f"<p>{_t('html.capped.none')}</p>")
    else:
        out.append(_table_head("capped", ("no", False), ("indicator", False), ("claimed", True), ("counted", True), ("rule", False), ("release", False)))
        for ir in capped:
            releases = []
            for rid in ir.rules:
                try:
                    rule = rs.rule(rid)
                except KeyError:
                    continue
                releases.append(describe_condition(rule.unless, rs, eff, docs, lang))
            out.append(
                f'<tr><td>{ir.id}</td><td>{_e(ir.name)}</td><td class="num">{ir.level}</td><td class="num">{ir.effective_level}</td>'
                f"<td>{_e(', '.join(ir.rules))}</td><td>{_e(render('html.capped.or', lang, {}).join(releases))}</td></tr>"
            )
        out.append("</tbody></table>")
    if result.documents:
        out.append(_table_head("documents", ("document", False), ("state", False), ("basis", False)))
        for d in result.documents:
            basis = _t(f"html.doc.{d.basis}") if f"html.doc.{d.basis}" in CATALOGUE else _e(d.basis)
            out.append(f"<tr><td>{_e(d.name)}</td><td>{_t(f'render.present.{d.present}')}</td><td>{basis}</td></tr>")
        out.append("</tbody></table>")
    rules = [r for r in result.rules if r.enabled]
    if rules:
        each = [
            render("html.rules.held", lang, {"rule": r.id}) if r.held else render("html.rules.capping", lang, {"rule": r.id, "n": len(r.capped)}) for r in rules
        ]
        out.append(f'<p class="muted">{_t("html.rules.applied", rules="; ".join(each))}</p>')
    return "".join(out)


def _footer(rid: str, version: str, sha: str, library: str) -> str:
    return f"<footer>{_t('html.footer', library=library, rid=rid, version=version, sha=sha[:12])}</footer>"

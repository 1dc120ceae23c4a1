"""The HTML summary of many results (the output of ``spbe-rules batch``).

:func:`batch_report_html` shows the predikat distribution per year, a ranking of the
latest year, every institution over every year, the indicator x institution heat map, a
view per owner, the gaps, and the change of each institution's index from year to year.
It uses the page frame and charts of :mod:`spbe_rules._render.report`. Bahasa Indonesia by
default, English with ``lang="en"`` (texts from the message catalogue).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from .._base.errors import current_lang, use_lang
from .._base.messages import render
from .._engine.engine import display_text, round_scaled
from .._io.results_read import record_numbers
from .._loading.load import load_ruleset
from .._model.model import Ruleset
from .batch_views import heatmap_section, institutions_section, owners_section
from .gaps import gaps_section
from .report import columns_svg, page
from .svg import INK as _INK
from .svg import MUTED as _MUTED
from .svg import band_colour as _band_colour
from .svg import esc as _e
from .svg import px as _px
from .svg import t as _t

__all__ = ["batch_report_html"]

_RULESET_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # an installed ruleset id


def _order_key(rec: Mapping[str, Any]) -> tuple[Fraction, str]:
    return (-Fraction(str(rec["index_exact"])), str(rec["instansi"]))


def _stage_rank(rulesets: Mapping[str, Ruleset | None], rec: Mapping[str, Any]) -> int:
    rs = rulesets.get(str(rec["ruleset"]))
    stage = rec.get("stage")
    if rs is None or not stage:
        return -1
    ids = [s.id for s in rs.stages]
    return ids.index(stage) if stage in ids else -1


def batch_report_html(records: Iterable[Mapping[str, Any]], *, top: int = 100, title: str | None = None, lang: str | None = None) -> str:
    """The HTML summary of batch results (records as read by ``read_results``).

    Per institution and year the latest stage counts. Shows the predikat
    distribution per year, the ranking of the latest year (``top`` rows), every
    institution over every year (with its target and stated documents), the
    indicator x institution heat map, a view per owner, and the change of each
    institution's index between its last two years. ``lang``: ``"id"`` (Bahasa Indonesia) or
    ``"en"``; default the current language (``SPBE_RULES_LANG``, else Indonesian).
    """
    with use_lang(lang or current_lang(), "lang"):
        return _batch_report_html(records, top, title)


def _batch_report_html(records: Iterable[Mapping[str, Any]], top: int, title: str | None) -> str:

    rulesets: dict[str, Ruleset | None] = {}
    latest: dict[tuple[str, int], Mapping[str, Any]] = {}
    count = 0
    for raw in records:
        count += 1
        # records built in code are checked like a results file (fields, number sizes), never trusted
        rec: Mapping[str, Any] = dict(raw) if isinstance(raw, Mapping) else raw
        record_numbers(rec, "<records>", count)
        rid = str(rec["ruleset"])
        if rid not in rulesets:
            try:
                # the column holds ruleset ids (as batch writes them); a path written there is data,
                # never opened (it could name /dev/zero or a file outside): neutral colours
                rulesets[rid] = load_ruleset(rid) if _RULESET_ID.fullmatch(rid) else None
            except Exception:  # an unknown ruleset still has its rows shown, with neutral colours
                rulesets[rid] = None
        key = (str(rec["instansi"]), int(rec["year"]))
        old = latest.get(key)
        if old is None or _stage_rank(rulesets, rec) >= _stage_rank(rulesets, old):
            latest[key] = rec
    years = sorted({y for _, y in latest})
    band_names: list[str] = []
    for rs in rulesets.values():
        if rs is not None:
            for b in rs.predikat.bands:
                if b.name not in band_names:
                    band_names.append(b.name)
    for rec in latest.values():
        if rec["predikat"] not in band_names:
            band_names.append(str(rec["predikat"]))
    colours = {name: _band_colour(band_names, name) for name in band_names}
    heading = title or render("html.batch.title", current_lang(), {})
    body = [f"<h1>{_e(heading)}</h1>"]
    sub = _t(
        "html.batch.sub", rows=count, institutions=len({k for k, _ in latest}), years=", ".join(map(str, years)) or "-", rulesets=", ".join(sorted(rulesets))
    )
    body.append(f'<p class="sub">{sub}</p>')
    # distribution
    body.append(f"<h2>{_t('html.batch.dist.head')}</h2>")
    groups = []
    for y in years:
        counts = {name: 0 for name in band_names}
        for (_, yy), rec in latest.items():
            if yy == y:
                counts[str(rec["predikat"])] += 1
        groups.append((str(y), [(name, counts[name]) for name in band_names]))
    body.append(f"<figure>{columns_svg(groups, colours)}<figcaption>{_t('html.batch.dist.caption')}</figcaption></figure>")
    body.append(
        f'<table class="distribution"><thead><tr><th>{_t("html.batch.col.year")}</th>'
        + "".join(f'<th class="num"><span class="swatch" style="background:{colours[n]}"></span>{_e(n)}</th>' for n in band_names)
        + f'<th class="num">{_t("html.batch.col.count")}</th><th class="num">{_t("html.batch.col.mean")}</th></tr></thead><tbody>'
    )
    for year_text, series in groups:
        recs = [rec for (_, yy), rec in latest.items() if str(yy) == year_text]
        mean = sum((Fraction(str(r["index_exact"])) for r in recs), Fraction(0)) / len(recs)
        mean_text = display_text(round_scaled(mean.numerator, mean.denominator, 2, "half_up"), 2)
        body.append(
            f"<tr><td>{_e(year_text)}</td>"
            + "".join(f'<td class="num">{c}</td>' for _, c in series)
            + f'<td class="num">{len(recs)}</td><td class="num">{mean_text}</td></tr>'
        )
    body.append("</tbody></table>")
    # ranking of the latest year
    if years:
        y = years[-1]
        ranked = sorted((rec for (_, yy), rec in latest.items() if yy == y), key=_order_key)
        body.append(f"<h2>{_t('html.batch.rank.head', year=y)}</h2>")
        domain_ids: list[str] = []
        for rec in ranked:
            for d in rec.get("domains", {}) or {}:
                if d not in domain_ids:
                    domain_ids.append(d)
        body.append(
            f'<table class="ranking"><thead><tr><th class="num">{_t("html.batch.col.rank")}</th><th>{_t("html.batch.col.institution")}</th>'
            f'<th class="num">{_t("html.batch.col.index")}</th><th>{_t("html.batch.col.predikat")}</th>'
            + "".join(f'<th class="num">{_e(d)}</th>' for d in domain_ids)
            + "</tr></thead><tbody>"
        )
        rank = 0
        prev: Fraction | None = None
        for k, rec in enumerate(ranked, start=1):
            value = Fraction(str(rec["index_exact"]))
            if value != prev:
                rank, prev = k, value
            if k > top:
                break
            doms = rec.get("domains", {}) or {}
            body.append(
                f'<tr><td class="num">{rank}</td><td>{_e(rec["instansi"])}</td><td class="num">{_e(rec["index"])}</td>'
                f'<td><span class="swatch" style="background:{colours.get(str(rec["predikat"]), "#607d8b")}"></span>{_e(rec["predikat"])}</td>'
                + "".join(f'<td class="num">{_e(doms.get(d, ""))}</td>' for d in domain_ids)
                + "</tr>"
            )
        body.append("</tbody></table>")
        if len(ranked) > top:
            body.append(f'<p class="muted">{_t("batch.inst.more", n=len(ranked) - top)}</p>')
    # the group discussion: every institution over every year, the heat map, a view per owner
    by_inst: dict[str, dict[int, Mapping[str, Any]]] = {}
    for (inst, yy), rec in latest.items():
        by_inst.setdefault(inst, {})[yy] = rec
    body.append(institutions_section(by_inst, years, rulesets, top))
    if years:
        last_year = [rec for (_, yy), rec in latest.items() if yy == years[-1]]
        body.append(heatmap_section(last_year, rulesets))
        body.append(owners_section(last_year, rulesets))
        body.append(gaps_section(last_year, rulesets))
    # year on year
    if len(years) > 1:
        body.append(_change_section(latest))
    footer = _t("html.batch.footer", command="\x00").replace("\x00", "<code>spbe-rules batch</code>")
    body.append(f"<footer>{footer}</footer>")
    return page(heading, "\n".join(body))


def _signed(value: Fraction) -> str:
    r = round_scaled(value.numerator, value.denominator, 2, "half_up")
    text = display_text(abs(r), 2)
    return ("+" if r > 0 else "-" if r < 0 else "\u00b1") + text


def _change_section(latest: Mapping[tuple[str, int], Mapping[str, Any]]) -> str:
    by_inst: dict[str, dict[int, Mapping[str, Any]]] = {}
    for (inst, y), rec in latest.items():
        by_inst.setdefault(inst, {})[y] = rec
    changes = []
    for inst, per in by_inst.items():
        if len(per) < 2:
            continue
        y0, y1 = sorted(per)[-2:]
        a, b = per[y0], per[y1]
        delta = Fraction(str(b["index_exact"])) - Fraction(str(a["index_exact"]))
        changes.append((delta, inst, y0, y1, a, b))
    out = [f"<h2>{_t('html.batch.change.head')}</h2>"]
    if not changes:
        out.append(f"<p>{_t('html.batch.change.none')}</p>")
        return "".join(out)
    changes.sort(key=lambda c: (-c[0], c[1]))
    shown = changes[:30]
    out.append("<figure>" + _change_svg([(inst, d) for d, inst, *_ in shown]) + f"<figcaption>{_t('html.batch.change.caption')}</figcaption></figure>")
    out.append(
        f'<table class="changes"><thead><tr><th>{_t("html.batch.col.institution")}</th><th class="num">{_t("html.batch.col.year")}</th>'
        f'<th class="num">{_t("html.batch.col.index")}</th><th>{_t("html.batch.col.predikat")}</th><th class="num">{_t("html.batch.col.change")}</th></tr></thead><tbody>'
    )
    for delta, inst, y0, y1, a, b in changes:
        cls = "up" if delta > 0 else "down" if delta < 0 else "muted"
        pred = _e(a["predikat"]) if a["predikat"] == b["predikat"] else f"{_e(a['predikat'])} &rarr; {_e(b['predikat'])}"
        out.append(
            f'<tr><td>{_e(inst)}</td><td class="num">{y0} &rarr; {y1}</td><td class="num">{_e(a["index"])} &rarr; {_e(b["index"])}</td><td>{pred}</td><td class="num {cls}">{_signed(delta)}</td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def _change_svg(rows: Sequence[tuple[str, Fraction]], width: int = 640) -> str:
    label_w, row_h, top = 220, 22, 10
    height = top + row_h * len(rows) + 10
    biggest = max([abs(d) for _, d in rows] + [Fraction(1, 10)])
    half = Fraction(width - label_w - 120, 2)
    mid = label_w + 60 + half  # 60 px each side for the value written beside a bar
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart changes" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{_t("html.changes.aria")}">'
    ]
    parts.append(f'<line x1="{_px(mid)}" y1="{top - 4}" x2="{_px(mid)}" y2="{height - 6}" stroke="{_MUTED}"/>')
    for k, (inst, d) in enumerate(rows):
        y = top + k * row_h
        w = abs(d) / biggest * half
        x0 = mid if d >= 0 else mid - w
        colour = "#2e7d32" if d > 0 else "#c62828"
        short = inst if len(inst) <= 29 else inst[:28] + "\u2026"  # 29 characters fit in label_w at 11 px
        parts.append(f'<text x="{label_w - 8}" y="{y + 14}" font-size="11" text-anchor="end" fill="{_INK}">{_e(short)}<title>{_e(inst)}</title></text>')
        parts.append(
            f'<rect class="bar" x="{_px(x0)}" y="{y + 3}" width="{_px(w)}" height="{row_h - 6}" fill="{colour}"><title>{_e(inst)}: {_signed(d)}</title></rect>'
        )
        tx = mid + w + 4 if d >= 0 else mid - w - 4
        parts.append(f'<text x="{_px(tx)}" y="{y + 14}" font-size="11" text-anchor="{"start" if d >= 0 else "end"}" fill="{_INK}">{_signed(d)}</text>')
    parts.append("</svg>")
    return "".join(parts)

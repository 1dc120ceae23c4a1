"""HTML reports: content and self-containment, and what a person sees in a real headless Chromium."""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from spbe_rules import evaluate, evaluate_many, load_assessment, load_ruleset
from spbe_rules.batch import BatchResult, BatchRow
from spbe_rules._io.results_read import read_results
from spbe_rules._io.batch_write import open_writer
from spbe_rules._cli.main import main
from spbe_rules._render.batch_report import batch_report_html
from spbe_rules._render.report import report_html
from spbe_rules._loading.select import ruleset_for_assessment

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CAPPED = EXAMPLES / "tanpa-dokumen-2023.yaml"
WINDOW = (1100, 2400)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = _chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install -y chromium; .ci/run installs it in CI)")

# Measures what is on screen and writes it into the page, for --dump-dom to carry out.
PROBE = """
<script>
(function () {
  function box(el) { var r = el.getBoundingClientRect(); var s = getComputedStyle(el);
    return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height, visible: s.visibility === 'visible' && s.display !== 'none' && parseFloat(s.opacity) > 0}; }
  var out = {text: document.body.innerText, charts: [], ids: {}};
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var b = box(svg); b.cls = svg.getAttribute('class'); b.marks = svg.querySelectorAll('rect.bar, polygon.radar-area, circle').length;
    var area = svg.querySelector('polygon.radar-area'); if (area) { var a = area.getBoundingClientRect(); b.area = [a.width, a.height]; }
    var bars = []; svg.querySelectorAll('rect.bar').forEach(function (r) { bars.push([r.getAttribute('data-value'), r.getBoundingClientRect().width, r.getBoundingClientRect().height]); }); b.bars = bars;
    out.charts.push(b); });
  ['index-value', 'predikat-value'].forEach(function (id) { var el = document.getElementById(id); if (el) { var b = box(el); b.text = el.innerText; b.colour = getComputedStyle(el).backgroundColor; out.ids[id] = b; } });
  out.scripts = document.scripts.length; out.links = document.querySelectorAll('link, img, iframe, object').length;
  var pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
</script>
"""


def _run_chromium(args: list[str]) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="spbe-chromium-") as profile:
        cmd = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--user-data-dir={profile}",
            *args,
        ]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)


def _look(page: Path, tmp: Path) -> tuple[dict[str, Any], Path]:
    """What Chromium shows of ``page``: the probe's measurements (from the DOM) and a screenshot."""
    probed = tmp / f"{page.stem}-probe.html"
    text = page.read_text(encoding="utf-8")
    probed.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = _run_chromium(["--dump-dom", probed.as_uri()])
    m = re.search(r'<pre id="probe">(.*?)</pre>', dom.stdout, re.S)
    assert m, f"no probe output; chromium said: {dom.stderr[-2000:]}"
    found = json.loads(htmllib.unescape(m.group(1)))
    png = tmp / f"{page.stem}.png"
    shot = _run_chromium([f"--screenshot={png}", page.as_uri()])  # the page itself, as a person gets it
    assert png.exists() and png.stat().st_size > 0, shot.stderr[-2000:]
    return found, png


def _pixels(png: Path, box: dict[str, float]) -> list[tuple[int, int, int]]:
    from PIL import Image

    with Image.open(png) as im:
        rgb = im.convert("RGB")
        x0, y0 = max(int(box["x"]), 0), max(int(box["y"]), 0)
        x1, y1 = min(int(box["x"] + box["w"]), rgb.width), min(int(box["y"] + box["h"]), rgb.height)
        assert x1 > x0 and y1 > y0, f"{box} is outside the screenshot"
        raw = rgb.crop((x0, y0, x1, y1)).tobytes()
        return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


def _near(p: tuple[int, int, int], hex_colour: str, tol: int = 40) -> bool:
    q = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tol for a, b in zip(p, q))


def _single_report(tmp: Path, path: Path = CAPPED, *extra: str) -> Path:
    out = tmp / "laporan.html"
    assert main(["report", str(path), "-o", str(out), *extra]) == 0
    return out


# -- without a browser ----------------------------------------------------------------------


def test_report_is_self_contained_and_printable(tmp_path: Path) -> None:
    page = _single_report(tmp_path, CAPPED, "--target", "2.6").read_text(encoding="utf-8")
    a = load_assessment(CAPPED)
    result = evaluate(ruleset_for_assessment(a), a)
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.findall(r"https?://(?!www\.w3\.org/2000/svg)", page)
    assert "@media print" in page and 'lang="id"' in page
    assert f'id="index-value">{result.index}<' in page
    assert f">{result.predikat}</span>" in page
    assert page.count('class="chart radar"') == 1 and page.count("chart bars domains") == 1
    assert "Sasaran 2.60" in page
    # the capped indicators and what releases them
    capped = [i for i in result.indicators if i.rules]
    assert capped
    for ir in capped:
        assert f"<tr><td>{ir.id}</td>" in page
    assert "Peta Rencana SPBE" in page.split("Indikator yang dibatasi aturan")[1]
    # every aspect's displayed value is written exactly
    for asp in result.aspects:
        assert f'<tspan class="value">{asp.index}</tspan>' in page


def test_plan_section_in_the_report(tmp_path: Path) -> None:
    a = load_assessment(EXAMPLES / "kabupaten-contoh-2024.yaml")
    rs = ruleset_for_assessment(a)
    result = evaluate(rs, a)
    with_plan = report_html(rs, result, assessment=a)
    assert "Rencana menuju predikat berikutnya" in with_plan
    assert f'id="index-value">{result.index}<' in with_plan


def test_report_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.html"
    assert main(["report", str(CAPPED), "--batch", "b.jsonl", "-o", str(out)]) == 2
    assert main(["report", str(CAPPED), "--target", "dua", "-o", str(out)]) == 2
    assert main(["report", "-o", str(out)]) == 2
    assert "--target 'dua'" in capsys.readouterr().err
    assert not out.exists()


def _multi_year_results(tmp: Path, suffix: str) -> tuple[Path, list[BatchResult]]:
    rows = []
    for year, rid in ((2023, "pedoman-6-2023"), (2024, "pedoman-3-2024")):
        rs = load_ruleset(rid)
        for k in range(6):
            base = 1 + (k + year) % 4
            levels = {n: min(5, base + (n % 2)) for n in rs.numbers}
            rows.append(BatchRow(f"Kabupaten {chr(65 + k)}", year, levels, None, {"peta_rencana_spbe": True}))
    results = [r for r in evaluate_many(None, rows) if isinstance(r, BatchResult)]
    assert len(results) == 12
    path = tmp / f"hasil{suffix}"
    w = open_writer(path, [load_ruleset("pedoman-6-2023"), load_ruleset("pedoman-3-2024")])
    for r in results:
        w.write(r)
    w.commit()
    return path, results


def test_batch_report_content_from_jsonl_and_csv(tmp_path: Path) -> None:
    pages = []
    for suffix in (".jsonl", ".csv"):
        path, results = _multi_year_results(tmp_path, suffix)
        pages.append(batch_report_html(read_results(path)))
    assert pages[0] == pages[1]
    page = pages[0]
    for head in ("Sebaran predikat", "Peringkat 2024", "Perubahan antartahun"):
        assert head in page
    ranked = sorted((r for r in results if r.year == 2024), key=lambda r: (-r.index_exact, r.instansi))
    positions = [page.index(f'<td>{r.instansi}</td><td class="num">{r.index}</td>') for r in ranked]
    assert positions == sorted(positions)
    a23 = next(r for r in results if r.year == 2023 and r.instansi == "Kabupaten A")
    a24 = next(r for r in results if r.year == 2024 and r.instansi == "Kabupaten A")
    assert f"{a23.index} &rarr; {a24.index}" in page


# -- in a real browser ------------------------------------------------------------------------


@needs_chromium
def test_single_report_in_chromium(tmp_path: Path) -> None:
    page = _single_report(tmp_path, CAPPED, "--target", "2.6")
    a = load_assessment(CAPPED)
    result = evaluate(ruleset_for_assessment(a), a)
    seen, png = _look(page, tmp_path)
    assert seen["scripts"] == 0 or seen["scripts"] == 1  # only the probe
    assert seen["links"] == 0
    text = seen["text"]
    assert result.index in text and result.predikat in text and result.instansi in text
    assert "Indikator yang dibatasi aturan" in text
    idx, pred = seen["ids"]["index-value"], seen["ids"]["predikat-value"]
    assert idx["text"] == result.index and idx["visible"] and idx["w"] > 40 and idx["h"] > 20
    assert pred["text"] == result.predikat and pred["visible"] and pred["w"] > 30
    charts = {c["cls"].split()[1]: c for c in seen["charts"]}
    assert set(charts) >= {"predikat-scale", "radar", "bars"}
    for c in charts.values():
        assert c["visible"] and c["w"] > 100 and c["h"] > 50, c
    radar = charts["radar"]
    assert radar["area"][0] > 20 and radar["area"][1] > 20  # the aspect polygon has a real size
    bars = charts["bars"]["bars"]
    assert [b[0] for b in bars] == [d.index for d in result.domains]
    assert all(b[2] > 10 for b in bars)
    # longer bars for larger values, and a zero-length bar only at the bottom of the scale
    by_value = sorted(bars, key=lambda b: Fraction(b[0]))
    assert [b[1] for b in by_value] == sorted(b[1] for b in by_value)
    # the screenshot is a page, not a blank: the radar is drawn in its blue, the predikat pill in its band colour
    from PIL import Image

    with Image.open(png) as im:
        assert im.size == WINDOW
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 50
    radar_px = _pixels(png, radar)
    assert sum(1 for p in radar_px if _near(p, "#1565c0")) > 200
    assert sum(1 for p in radar_px if p != (255, 255, 255)) > 0.05 * len(radar_px)
    pill = _pixels(png, pred)
    assert sum(1 for p in pill if _near(p, "#ef6c00")) > 0.3 * len(pill)  # Cukup's colour


@needs_chromium
def test_batch_report_in_chromium(tmp_path: Path) -> None:
    path, results = _multi_year_results(tmp_path, ".jsonl")
    page = tmp_path / "ringkasan.html"
    assert main(["report", "--batch", str(path), "-o", str(page)]) == 0
    seen, png = _look(page, tmp_path)
    text = seen["text"]
    for head in ("Sebaran predikat", "Peringkat 2024", "Perubahan antartahun"):
        assert head in text
    charts = {c["cls"].split()[1]: c for c in seen["charts"]}
    assert set(charts) >= {"columns", "changes"}  # and the group-discussion charts (tests/test_batch_views.py)
    columns = charts["columns"]
    assert columns["visible"] and columns["w"] > 300
    drawn = [b for b in columns["bars"] if int(b[0]) > 0]
    assert sum(int(b[0]) for b in columns["bars"]) == 12 and all(b[2] > 0 for b in drawn)
    px = _pixels(png, columns)
    assert sum(1 for p in px if p != (255, 255, 255)) > 0.03 * len(px)
    assert charts["changes"]["visible"] and charts["changes"]["h"] > 50


# Every drawn element of every chart, measured by the browser against its SVG's box.
CLIP_PROBE = """
<script>
(function () {
  var out = [];
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var s = svg.getBoundingClientRect();
    var c = {cls: svg.getAttribute('class'), w: s.width, h: s.height, outside: [], drawn: 0, bars: []};
    svg.querySelectorAll('text, rect, polygon, polyline, line, circle, path').forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      c.drawn++;
      if (r.left < s.left - 0.5 || r.top < s.top - 0.5 || r.right > s.right + 0.5 || r.bottom > s.bottom + 0.5)
        c.outside.push([el.tagName, (el.textContent || '').slice(0, 40), r.left - s.left, r.top - s.top, r.right - s.left, r.bottom - s.top]);
    });
    svg.querySelectorAll('rect.bar').forEach(function (r) { var b = r.getBoundingClientRect(); c.bars.push([r.getAttribute('data-value'), b.width, b.height]); });
    out.push(c);
  });
  var pre = document.createElement('pre'); pre.id = 'clip-probe'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
</script>
"""


def _chart_boxes(page: Path, tmp: Path) -> list[dict[str, Any]]:
    probed = tmp / f"{page.stem}-clip.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", CLIP_PROBE + "</body>"), encoding="utf-8")
    dom = _run_chromium(["--dump-dom", probed.as_uri()])
    m = re.search(r'<pre id="clip-probe">(.*?)</pre>', dom.stdout, re.S)
    assert m, f"no probe output; chromium said: {dom.stderr[-2000:]}"
    charts: list[dict[str, Any]] = json.loads(htmllib.unescape(m.group(1)))
    return charts


def _all_levels(tmp: Path, level: int, peta: bool) -> Path:
    f = tmp / f"semua-{level}.yaml"
    levels = ", ".join(f"{n}: {level}" for n in range(1, 48))
    f.write_text(f"instansi: Semua Level {level}\nyear: 2024\nlevels: {{{levels}}}\ndocuments: {{peta_rencana_spbe: {str(peta).lower()}}}\n", encoding="utf-8")
    return f


@needs_chromium
def test_charts_draw_inside_their_box_at_both_ends_of_the_scale(tmp_path: Path) -> None:
    """Nothing of a chart is clipped (the 5.00 marker, the 1.00 bound, long names), and a domain at the
    scale's minimum still has a visible bar, measured in the browser."""
    for sub in "abc":
        (tmp_path / sub).mkdir()
    pages = {
        "5.00": _single_report(tmp_path / "a", _all_levels(tmp_path, 5, True)),
        "1.00": _single_report(tmp_path / "b", _all_levels(tmp_path, 1, False)),
        "capped": _single_report(tmp_path / "c", CAPPED, "--target", "2.6"),
    }
    results = tmp_path / "hasil.csv"  # the bundled batch example: long names of agencies, two years
    assert main(["batch", str(EXAMPLES / "batch" / "opd-contoh-2023-2024.csv"), "-o", str(results)]) == 0
    pages["batch"] = tmp_path / "ringkasan.html"
    assert main(["report", "--batch", str(results), "-o", str(pages["batch"])]) == 0
    seen = {name: _chart_boxes(page, tmp_path) for name, page in pages.items()}
    for name, charts in seen.items():
        assert charts, name
        for c in charts:
            assert c["drawn"] >= 1, (name, c["cls"])
            assert not c["outside"], f"{name}: {c['cls']} draws outside its box: {c['outside']}"
    for name in ("5.00", "1.00", "capped"):
        (bars,) = [c["bars"] for c in seen[name] if "domains" in c["cls"]]
        assert len(bars) == 4 and all(h > 10 for _, _, h in bars)
        assert all(w >= 4 for _, w, _ in bars), f"{name}: a domain bar is not visible: {bars}"
        by_value = sorted(bars, key=lambda b: Fraction(b[0]))
        assert [b[1] for b in by_value] == sorted(b[1] for b in by_value)
    assert {b[0] for c in seen["1.00"] for b in c["bars"]} == {"1.00"}
    assert {b[0] for c in seen["5.00"] for b in c["bars"]} == {"5.00"}
    capped = next(c["bars"] for c in seen["capped"] if "domains" in c["cls"])
    assert ["1.00"] == [v for v, _, _ in capped if v == "1.00"]  # D3 held at 1.00 by the rule


_ = os


def test_report_plan_uses_a_costs_file(tmp_path: Path) -> None:
    costs = tmp_path / "biaya.yaml"
    costs.write_text("default_step: 2\nunit: hari\n", encoding="utf-8")
    out = tmp_path / "laporan.html"
    assert main(["report", str(CAPPED), "-o", str(out), "--costs", str(costs)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Rencana menuju predikat berikutnya" in page and "Biaya (hari)" in page
    assert main(["report", str(CAPPED), "-o", str(out), "--no-plan"]) == 0
    assert "Rencana menuju predikat berikutnya" not in out.read_text(encoding="utf-8")

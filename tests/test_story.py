"""The single HTML report tells the whole story: margin and risks, stage history, every indicator
with level names, what is provisional, the years; numbers as decimals. Checked in the HTML text
here and in a real headless Chromium (every new chart visible, labelled and drawn inside its box)."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from spbe_rules import evaluate, load_assessment, load_ruleset
from spbe_rules._analysis.compare import compare_years
from spbe_rules._analysis.risk import risk
from spbe_rules._cli.main import main
from spbe_rules._render.report import report_html
from spbe_rules._render.views import bound_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NEAR = [EXAMPLES / f"dekat-batas-{y}.yaml" for y in (2023, 2024, 2025)]
STAGED = EXAMPLES / "bertahap-2024.yaml"
CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install -y chromium)")


def _visible_text(page: str) -> str:
    """The text a reader sees (tags, styles and titles left out)."""
    page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    page = re.sub(r"<title>.*?</title>", "", page, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page))


def _report(tmp: Path, path: Path, *extra: str) -> tuple[Path, str]:
    out = tmp / f"{path.stem}.html"
    assert main(["report", str(path), "-o", str(out), *extra]) == 0
    return out, out.read_text(encoding="utf-8")


def test_margin_and_risk_in_the_report(tmp_path: Path) -> None:
    _, page = _report(tmp_path, NEAR[0])
    text = _visible_text(page)
    r = risk(load_ruleset("pedoman-6-2023"), load_assessment(NEAR[0]))
    assert "Margin dan risiko" in text
    assert "2.609: 0.014 di atas batas bawah Baik 2.595" in text
    assert 'id="margin-value">0.014<' in page
    assert f"{len(r.drops)} dari {r.checked} kemungkinan penurunan" in text
    rows = re.findall(r'<table class="drops">.*?</table>', page, re.S)[0]
    first = r.drops[0]
    assert re.search(rf"<tr><td>{first.indicator}</td>", rows)
    assert 'class="chart margin"' in page and "Batas Baik 2.595" in page


def test_stage_history_indicators_and_levels(tmp_path: Path) -> None:
    _, page = _report(tmp_path, STAGED)
    text = _visible_text(page)
    a = load_assessment(STAGED)
    rs = load_ruleset("pedoman-3-2024")
    res = evaluate(rs, a)
    assert "Riwayat tahap penilaian" in text
    table = re.findall(r'<table class="stages">.*?</table>', page, re.S)[0]
    for st in res.stages:
        assert st.index in table and bound_text(st.index_exact, 2) in table
        for ch in st.changes:
            assert f"{ch.indicator}: {ch.before}\u2192{ch.after}" in table
    assert "Semua indikator" in text
    ind = re.findall(r'<table class="indicators">.*?</table>', page, re.S)[0]
    assert ind.count("<tr") == 1 + len(rs.indicators)
    assert "Klaim (tahap pertama)" in ind
    # indicator 1 was claimed at 4 and set to 3 by the assessors: the claim cell is marked
    row1 = re.search(r"<tr[^>]*><td>1</td>.*?</tr>", ind, re.S)
    assert row1 and '<td class="num diff">4</td>' in row1.group(0) and "Terdefinisi" in row1.group(0)


def test_provisional_marked_and_years(tmp_path: Path) -> None:
    _, page = _report(tmp_path, NEAR[2], "--history", str(NEAR[0]), "--history", str(NEAR[1]))
    text = _visible_text(page)
    assert "Perhatian: bagian yang masih sementara" in text and "pemantauan-2025 berstatus sementara" in text
    assert "Dari tahun ke tahun" in text and 'class="chart years"' in page
    assert "Pergantian aturan saja mengubah predikat: Baik \u2192 Cukup" in text
    years = re.findall(r'<table class="years">.*?</table>', page, re.S)[0]
    assert years.count('<span class="tag">sementara</span>') == 1


@pytest.mark.parametrize("path", [NEAR[0], NEAR[1], STAGED, EXAMPLES / "tanpa-dokumen-2023.yaml"])
def test_numbers_are_decimals_never_fractions(tmp_path: Path, path: Path) -> None:
    _, page = _report(tmp_path, path, "--history", str(NEAR[2]) if path != NEAR[2] else str(NEAR[0]))
    text = _visible_text(page)
    fraction = r"\b\d+/(?!(?:19|20)\d\d\b)\d+\b"  # 386/91, but not a regulation number such as 59/2020
    assert not re.search(fraction, text), re.findall(r".{30}" + fraction + r".{10}", text)[:3]


def test_report_api_with_years_and_without_plan() -> None:
    a = load_assessment(NEAR[1])
    rs = load_ruleset("pedoman-3-2024")
    res = evaluate(rs, a)
    years = compare_years([NEAR[0], (a, rs)])
    page = report_html(rs, res, assessment=a, include_plan=False, years=years)
    assert "Rencana menuju predikat berikutnya" not in page and "Margin dan risiko" in page and "Dari tahun ke tahun" in page
    assert "Margin dan risiko" not in report_html(rs, res)  # no assessment: nothing to drop


# -- in the browser ----------------------------------------------------------------------------

PROBE = """
<script>
(function () {
  var out = [];
  document.querySelectorAll('svg.chart').forEach(function (svg) {
    var s = svg.getBoundingClientRect(); var st = getComputedStyle(svg);
    var c = {cls: svg.getAttribute('class'), label: svg.getAttribute('aria-label'), w: s.width, h: s.height,
             visible: st.visibility === 'visible' && st.display !== 'none', outside: [], drawn: 0, texts: [],
             caption: (svg.closest('figure') && svg.closest('figure').querySelector('figcaption')) ? svg.closest('figure').querySelector('figcaption').innerText : ''};
    svg.querySelectorAll('text, rect, polygon, polyline, line, circle, path').forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      c.drawn++;
      if (el.tagName === 'text') c.texts.push(el.textContent);
      if (r.left < s.left - 0.5 || r.top < s.top - 0.5 || r.right > s.right + 0.5 || r.bottom > s.bottom + 0.5)
        c.outside.push([el.tagName, (el.textContent || '').slice(0, 40), r.left - s.left, r.top - s.top, r.right - s.left, r.bottom - s.top]);
    });
    out.push(c);
  });
  var pre = document.createElement('pre'); pre.id = 'story-probe'; pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
</script>
"""


def _charts(page: Path, tmp: Path) -> dict[str, dict[str, Any]]:
    """Every chart of ``page`` as Chromium lays it out, by its class (the second word)."""
    assert CHROMIUM is not None
    probed = tmp / f"{page.stem}-probe.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="spbe-chromium-") as profile:
        cmd = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1100,2400",
            f"--user-data-dir={profile}",
            "--dump-dom",
            probed.as_uri(),
        ]
        dom = subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)
    m = re.search(r'<pre id="story-probe">(.*?)</pre>', dom.stdout, re.S)
    assert m, f"no probe output; chromium said: {dom.stderr[-2000:]}"
    return {c["cls"].split()[1]: c for c in json.loads(htmllib.unescape(m.group(1)))}


def _check(c: dict[str, Any], *must_show: str) -> None:
    name = c["cls"]
    assert c["visible"] and c["w"] > 300 and c["h"] > 60, (name, c["w"], c["h"])
    assert c["label"] and c["caption"], f"{name}: no aria-label or caption"
    assert c["drawn"] > 5, name
    assert not c["outside"], f"{name} draws outside its box: {c['outside']}"
    shown = " ".join(c["texts"])
    for text in must_show:
        assert text in shown, f"{name}: {text!r} is not written in the chart ({shown[:300]})"


@needs_chromium
def test_new_charts_in_chromium(tmp_path: Path) -> None:
    near, _ = _report(tmp_path, NEAR[0], "--history", str(NEAR[1]), "--history", str(NEAR[2]))
    charts = _charts(near, tmp_path)
    _check(charts["margin"], "indeks 2.609", "Batas Baik 2.595", "Cukup", "Baik")
    _check(charts["years"], "2023", "2024", "2025", "2.61", "2.60", "2.66")
    (tmp_path / "s").mkdir()
    staged, _ = _report(tmp_path / "s", STAGED)
    charts = _charts(staged, tmp_path)
    _check(charts["stages"], "Penilaian Mandiri", "Penilaian Dokumen", "Penilaian Interviu", "3.05", "2.93", "2.92", "Baik 2.60")
    _check(charts["margin"], "indeks 2.9225", "Batas Baik 2.60")


@needs_chromium
def test_margin_chart_at_the_ends_of_the_scale(tmp_path: Path) -> None:
    """At 1.00 (lowest band: no floor) and 5.00 (highest: no next band) the margin chart still draws inside its box."""
    for level, peta in ((1, False), (5, True)):
        f = tmp_path / f"semua-{level}.yaml"
        levels = ", ".join(f"{n}: {level}" for n in range(1, 48))
        f.write_text(
            f"instansi: Semua Level {level}\nyear: 2024\nlevels: {{{levels}}}\ndocuments: {{peta_rencana_spbe: {str(peta).lower()}}}\n", encoding="utf-8"
        )
        (tmp_path / str(level)).mkdir()
        page, _ = _report(tmp_path / str(level), f)
        _check(_charts(page, tmp_path)["margin"], f"indeks {level}")


def test_story_in_english(tmp_path: Path) -> None:
    _, page = _report(tmp_path, NEAR[0], "--lang", "en", "--history", str(NEAR[1]))
    text = _visible_text(page)
    for words in (
        "Margin and risk",
        "All indicators",
        "Year over year",
        "2.609: 0.014 above the Baik floor of 2.595",
        "The ruleset change alone changes the predikat: Baik \u2192 Cukup",
    ):
        assert words in text, words
    assert "Baik floor 2.595" in page and "index 2.609" in page  # the chart's own labels


def test_supported_levels_and_evidence_gaps(tmp_path: Path) -> None:
    """With dated evidence (issue 12): the supported level beside the claimed one, and the items the next level still needs."""
    path = EXAMPLES / "bukti-dukung-2024.yaml"
    _, page = _report(tmp_path, path)
    a = load_assessment(path)
    res = evaluate(load_ruleset("pedoman-3-2024"), a)
    ind = re.findall(r'<table class="indicators">.*?</table>', page, re.S)[0]
    assert "Didukung bukti" in ind
    row1 = re.search(r"<tr[^>]*><td>1</td>.*?</tr>", ind, re.S)
    assert row1 and '<td class="num diff" title="">3</td>' in row1.group(0)  # claimed 4, supported 3
    gaps = re.findall(r'<table class="gaps">.*?</table>', page, re.S)[0]
    rs = load_ruleset("pedoman-3-2024")
    for ir in res.indicators:
        for rid in ir.unmet:
            assert htmllib.escape(rs.requirement(rid).text.id, quote=True) in gaps
    assert "Kesenjangan bukti dukung" in _visible_text(page)


def test_review_stage_in_the_history(tmp_path: Path) -> None:
    """The review team's corrections (the `reviu` stage) appear in the stage history with their reason,
    and on the indicator they corrected."""
    src = STAGED.read_text(encoding="utf-8") + '  reviu:\n    {11: {level: 2, reason: "Arsitektur belum ditetapkan"}, 36: {valid: true}}\n'
    path = tmp_path / "reviu-2024.yaml"
    path.write_text(src, encoding="utf-8")
    _, page = _report(tmp_path, path)
    rs = load_ruleset("pedoman-3-2024")
    stages = re.findall(r'<table class="stages">.*?</table>', page, re.S)[0]
    reviu_name = next(s.name for s in rs.stages if s.id == "reviu")
    row = re.search(rf"<tr><td>{re.escape(reviu_name)}</td>.*?</tr>", stages, re.S)
    assert row and "11: 3\u21922" in row.group(0) and "alasan: Arsitektur belum ditetapkan" in row.group(0)
    ind = re.findall(r'<table class="indicators">.*?</table>', page, re.S)[0]
    row11 = re.search(r"<tr[^>]*><td>11</td>.*?</tr>", ind, re.S)
    assert row11 and "dikoreksi tim reviu dari 3: Arsitektur belum ditetapkan" in row11.group(0)


def test_averaged_indicator_of_2018(tmp_path: Path) -> None:
    """5/2018 indicator 35 counts the exact mean of up to three services: the report writes it as a decimal
    and says why it lists no one-level drops (risk works with whole levels)."""
    levels = ", ".join(f"{n}: 2" for n in range(1, 35))
    path = tmp_path / "rata-2019.yaml"
    path.write_text(f"instansi: Kota X\nyear: 2019\nlevels: {{{levels}, 35: [2, 3]}}\n", encoding="utf-8")
    _, page = _report(tmp_path, path)
    ind = re.findall(r'<table class="indicators">.*?</table>', page, re.S)[0]
    row35 = re.search(r"<tr[^>]*><td>35</td>.*?</tr>", ind, re.S)
    assert row35 and '<td class="num">2.5</td>' in row35.group(0) and "5/2" not in ind
    assert "NOT_WHOLE_LEVEL" not in page and "Margin dan risiko" in page and "bukan satu tingkat bulat" in page

"""HTML report benchmark (a script that prints figures, not a test).

    python benchmarks/bench_report.py

Prints, from one run, the size of the HTML and the time to render it:
1. the single report of one institution (``examples/dekat-batas-2023.yaml`` with its 2024 and 2025
   assessments as history: margin and risks, every indicator, the cheapest plan, the years);
2. the batch report of 1 and of 500 institutions over 3 years (2022-2024, with targets and owners);
   for 500 once with the default ``--top 100`` and once with every institution listed (``--top 500``).
Rendering only: the batch results are evaluated and written first, and read back before the clock starts.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWNERS = "Bagian Organisasi: 1-10; Bappeda: 11-14; Diskominfo: 15-20, 22-24, 29-31; Inspektorat: 21; BKPSDM: 25; Bagian Umum: 26-28; Dinas Layanan: 32-47"


def _single() -> tuple[int, float]:
    from spbe_rules._cli.main import main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "laporan.html"
        t0 = time.perf_counter()
        code = main(
            [
                "report",
                str(ROOT / "examples/dekat-batas-2023.yaml"),
                "--history",
                str(ROOT / "examples/dekat-batas-2024.yaml"),
                "--history",
                str(ROOT / "examples/dekat-batas-2025.yaml"),
                "-o",
                str(out),
            ]
        )
        took = time.perf_counter() - t0
        assert code == 0
        return out.stat().st_size, took


def _batch_input(path: Path, n: int) -> None:
    rnd = random.Random(15)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["instansi", "year", "doc:peta_rencana_spbe", "target", "owner", *map(str, range(1, 48))])
        for k in range(n):
            base = [rnd.choice([1, 2, 2, 3, 3, 4]) for _ in range(47)]
            target = rnd.choice(["2.6", "3.0", "3.5"])
            for j, year in enumerate((2022, 2023, 2024)):
                levels = [min(5, b + sum(1 for _ in range(j) if rnd.random() < 0.4)) for b in base]
                doc = "" if year == 2022 else rnd.choice(["ya", "tidak", ""])
                w.writerow([f"Instansi Contoh {k + 1:03d}", year, doc, target, OWNERS, *levels])


def _batch(n: int, top: int) -> tuple[int, float]:
    from spbe_rules._cli.main import main
    from spbe_rules._io.results_read import read_results
    from spbe_rules._render.batch_report import batch_report_html

    with tempfile.TemporaryDirectory() as tmp:
        src, results = Path(tmp) / "isi.csv", Path(tmp) / "hasil.jsonl"
        _batch_input(src, n)
        assert main(["batch", str(src), "-o", str(results)]) == 0
        records = list(read_results(results))
        t0 = time.perf_counter()
        page = batch_report_html(records, top=top)
        took = time.perf_counter() - t0
        return len(page.encode("utf-8")), took


def main() -> int:
    size, took = _single()
    print(f"single report, 1 institution (3 years, risks, plan): {size / 1024:.1f} KiB, {took * 1000:.0f} ms (command end to end)")
    for n, top in ((1, 100), (500, 100), (500, 500)):
        size, took = _batch(n, top)
        print(f"batch report, {n} institution{'s' if n > 1 else ''} x 3 years, --top {top}: {size / 1024:.1f} KiB, {took * 1000:.0f} ms (render)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Batch evaluation benchmark (a script that prints figures, not a test).

    python benchmarks/bench_batch.py            # the full run (about 1-2 minutes, ~150 MB of temp files)
    python benchmarks/bench_batch.py --quick    # 10x fewer rows

Prints, from one run:
1. throughput on 100,000 assessments (ruleset pedoman-3-2024, its rules on, documents
   partly stated): one-at-a-time ``evaluate``; the plain-Python reference loop (the
   ``python`` backend); the compiled batch path (``numpy`` backend: the kernel alone,
   ``evaluate_levels(...).arrays()``, and ``evaluate_levels`` with the numbers as Python lists); ``evaluate_many`` end to end (rows in, typed
   results out);
2. the split between reading, evaluating and writing a CSV of 100,000 rows;
3. memory while streaming a CSV of 1,000,000 rows through read -> evaluate -> write
   (in a child process: resident memory after 100,000 and 1,000,000 rows, and the peak).
Everything runs on one core (numpy's integer matrix products are single-threaded).
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

RULESET = "pedoman-3-2024"


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    """This process image's peak resident memory (VmHWM; ru_maxrss would also count the parent's before exec)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _rows(n: int, seed: int = 1) -> tuple[list[list[int]], list[dict[str, bool]]]:
    import spbe_rules

    rs = spbe_rules.load_ruleset(RULESET)
    rnd = random.Random(seed)
    m = len(rs.numbers)
    keys = [d.key for d in rs.documents]
    levels = [[rnd.randint(1, 5) for _ in range(m)] for _ in range(n)]
    docs = []
    for _ in range(n):
        d = {}
        for k in keys:
            x = rnd.random()
            if x < 0.3:
                d[k] = True
            elif x < 0.5:
                d[k] = False
        docs.append(d)
    return levels, docs


def write_csv(path: Path, n: int, seed: int = 2) -> None:
    import spbe_rules

    rs = spbe_rules.load_ruleset(RULESET)
    numbers = sorted(rs.numbers)
    keys = [d.key for d in rs.documents]
    rnd = random.Random(seed)
    choices = [str(v) for v in range(1, 6)]
    flags = ["", "", "ya", "tidak"]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["instansi", "year", "stage", *(f"doc:{k}" for k in keys), *map(str, numbers)])
        for i in range(n):
            w.writerow([f"Instansi {i}", "2024", "dokumen", *(rnd.choice(flags) for _ in keys), *rnd.choices(choices, k=len(numbers))])


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>12,.0f} /s"


def throughput(n: int) -> dict[str, float]:
    import numpy as np

    import spbe_rules
    from spbe_rules import Assessment, evaluate, evaluate_many
    from spbe_rules.batch import BatchRow, evaluate_levels
    from spbe_rules._io.batch import _switches
    from spbe_rules._io.batch_kernel import _doc_matrix, _numpy_kernel_chunked
    from spbe_rules._engine.engine import compiled

    rs = spbe_rules.load_ruleset(RULESET)
    numbers = sorted(rs.numbers)
    levels, docs = _rows(n)
    out: dict[str, float] = {}

    sample = min(n, 5000)
    assessments = [Assessment.from_levels(dict(zip(numbers, lv)), documents=d) for lv, d in zip(levels[:sample], docs[:sample])]
    t = time.perf_counter()
    for a in assessments:
        evaluate(rs, a)
    out["evaluate (one at a time)"] = sample / (time.perf_counter() - t)

    t = time.perf_counter()
    evaluate_levels(rs, levels, docs, backend="python")
    out["plain-Python reference loop"] = n / (time.perf_counter() - t)

    c = compiled(rs)
    mat = np.array(levels, dtype=np.int64)
    dmat = _doc_matrix(c, docs)
    enabled = _switches(rs, frozenset(), frozenset())
    _numpy_kernel_chunked(c, mat[:100], dmat[:100], enabled)  # warm up: the per-ruleset plan is made once, on first use
    t = time.perf_counter()
    _numpy_kernel_chunked(c, mat, dmat, enabled)
    out["batch path: numpy kernel (arrays)"] = n / (time.perf_counter() - t)

    t = time.perf_counter()
    arrays = evaluate_levels(rs, mat, docs, backend="numpy").arrays()
    _ = (arrays["total"], arrays["index"], arrays["predikat"], arrays["aspects"], arrays["domains"])
    out["batch path: evaluate_levels (arrays)"] = n / (time.perf_counter() - t)

    t = time.perf_counter()
    nums = evaluate_levels(rs, mat, docs, backend="numpy")
    _ = (nums.total, nums.index, nums.predikat, nums.aspects, nums.domains)  # as Python lists
    out["batch path: evaluate_levels (lists)"] = n / (time.perf_counter() - t)

    rows = [BatchRow(f"I{i}", 2024, dict(zip(numbers, lv)), None, d) for i, (lv, d) in enumerate(zip(levels, docs))]
    gc.collect()
    gc.freeze()  # the inputs held here are not garbage; keep the collector from re-walking them (as a streaming run never holds them)
    t = time.perf_counter()
    for _ in evaluate_many(rs, rows, backend="numpy"):
        pass
    out["evaluate_many, numpy (rows -> results)"] = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in evaluate_many(rs, rows, backend="python"):
        pass
    out["evaluate_many, python (rows -> results)"] = n / (time.perf_counter() - t)
    return out


def csv_split(path: Path, n: int, outdir: Path) -> dict[str, float]:
    from spbe_rules import evaluate_many, load_ruleset
    from spbe_rules.batch import BatchResult, open_writer, read_rows

    rs = load_ruleset(RULESET)
    t = time.perf_counter()
    rows = list(read_rows(path))
    read = time.perf_counter() - t
    t = time.perf_counter()
    results = [r for r in evaluate_many(rs, rows) if isinstance(r, BatchResult)]
    ev = time.perf_counter() - t
    assert len(results) == n, len(results)
    t = time.perf_counter()
    w = open_writer(outdir / "hasil.csv", [rs])
    for r in results:
        w.write(r)
    w.commit()
    wr = time.perf_counter() - t
    t = time.perf_counter()
    from spbe_rules._cli.main import main

    code = main(["batch", str(path), "-o", str(outdir / "hasil2.csv"), "--ruleset", RULESET, "--progress", "off"])
    total = time.perf_counter() - t
    assert code == 0
    return {"read": read, "evaluate": ev, "write": wr, "end to end (spbe-rules batch)": total}


def stream_child(path: str, out: str) -> None:
    """Run in a child: stream PATH -> OUT, printing resident memory at 100k rows and at the end."""
    from spbe_rules import evaluate_many, load_ruleset
    from spbe_rules.batch import BatchResult, open_writer, read_rows

    rs = load_ruleset(RULESET)
    base = _rss_mb()
    w = open_writer(out, [rs])
    n = 0
    marks = []
    t = time.perf_counter()
    for r in evaluate_many(rs, read_rows(path)):
        if isinstance(r, BatchResult):
            w.write(r)
        n += 1
        if n == 100_000:
            marks.append((n, _rss_mb(), time.perf_counter() - t))
    w.commit()
    marks.append((n, _rss_mb(), time.perf_counter() - t))
    print(f"BASE {base:.1f}")
    for k, mb, sec in marks:
        print(f"MARK {k} {mb:.1f} {sec:.2f}")
    print(f"PEAK {_peak_mb():.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="10x fewer rows")
    ap.add_argument("--stream-child", nargs=2, metavar=("CSV", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stream_child:
        stream_child(*args.stream_child)
        return
    scale = 10 if args.quick else 1
    n = 100_000 // scale
    big = 1_000_000 // scale
    import numpy

    import spbe_rules

    print(f"spbe-rules {spbe_rules.__version__}, Python {sys.version.split()[0]}, numpy {numpy.__version__}, ruleset {RULESET}, one core")
    print(f"\n1. Throughput, {n:,} assessments (index, domains, aspects, predikat, rules applied)")
    figures = throughput(n)
    base = figures["evaluate (one at a time)"]
    ref = figures["plain-Python reference loop"]
    for name, value in figures.items():
        print(f"   {name:<42}{value:>12,.0f} /s   {value / base:>7.1f}x evaluate   {value / ref:>6.1f}x reference")
    print("   (evaluate timed on 5,000 of the rows)")

    with tempfile.TemporaryDirectory(prefix="spbe-bench-") as tmp:
        tmpd = Path(tmp)
        small = tmpd / "100k.csv"
        write_csv(small, n)
        print(f"\n2. A CSV of {n:,} rows ({small.stat().st_size / 2**20:.1f} MiB): where the time goes")
        split = csv_split(small, n, tmpd)
        parts = split["read"] + split["evaluate"] + split["write"]
        for name in ("read", "evaluate", "write"):
            print(f"   {name:<10}{split[name]:>7.2f} s  {100 * split[name] / parts:>5.1f}%   {n / split[name]:>10,.0f} rows/s")
        e2e = split["end to end (spbe-rules batch)"]
        print(f"   end to end (spbe-rules batch, streamed): {e2e:.2f} s, {n / e2e:,.0f} rows/s")

        bigf = tmpd / "1m.csv"
        t = time.perf_counter()
        write_csv(bigf, big)
        print(f"\n3. Streaming a CSV of {big:,} rows ({bigf.stat().st_size / 2**20:.0f} MiB, generated in {time.perf_counter() - t:.0f} s) in a child process")
        proc = subprocess.run(
            [sys.executable, __file__, "--stream-child", str(bigf), str(tmpd / "1m-hasil.csv")],
            capture_output=True,
            text=True,
            check=True,
        )
        lines = dict((ln.split(" ", 1)[0], ln.split(" ", 1)[1]) for ln in proc.stdout.splitlines() if ln.startswith(("BASE", "PEAK")))
        print(f"   resident memory after imports: {float(lines['BASE']):.0f} MB")
        for ln in proc.stdout.splitlines():
            if ln.startswith("MARK"):
                _, k, mb, sec = ln.split()
                print(f"   after {int(k):>9,} rows: {float(mb):>6.0f} MB resident, {float(sec):6.1f} s ({int(k) / float(sec):,.0f} rows/s)")
        print(f"   peak resident (VmHWM): {float(lines['PEAK']):.0f} MB (limit 1024 MB)")
        print("   growth past the first chunk is the duplicate check: one 16-byte key per row")


if __name__ == "__main__":
    main()

"""Core benchmark: evaluations per second and the time to import and load the default ruleset.

Run:  python benchmarks/bench_core.py
Prints figures; it asserts nothing (targets: >= 20,000 evaluations/s with the full
result; loading the default ruleset < 100 ms once cached).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

LOAD = (
    "import time; t0 = time.perf_counter(); import spbe_rules; t1 = time.perf_counter(); "
    "spbe_rules.load_ruleset('permenpanrb-59-2020'); t2 = time.perf_counter(); "
    "print(f'{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f}')"
)


def _fresh(env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True, check=True).stdout
    imp, load = out.split()
    return float(imp), float(load)


def startup() -> None:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "SPBE_RULES_CACHE_DIR": cache}
        imp, cold = _fresh(env)  # empty cache: parse, validate, check, structure, write cache
        print(f"fresh process, empty cache : import {imp:6.1f} ms, load default ruleset {cold:6.1f} ms")
        runs = [_fresh(env) for _ in range(5)]
        imp_w = statistics.median(r[0] for r in runs)
        load_w = statistics.median(r[1] for r in runs)
        print(f"fresh process, disk cache  : import {imp_w:6.1f} ms, load default ruleset {load_w:6.1f} ms (median of 5)")
        print(f"  import + load, cached    : {imp_w + load_w:6.1f} ms  (target < 100 ms for the load)")
    import spbe_rules

    spbe_rules.load_ruleset("permenpanrb-59-2020")
    t = time.perf_counter()
    n = 1000
    for _ in range(n):
        spbe_rules.load_ruleset("permenpanrb-59-2020")
    print(f"same process, memory cache : {(time.perf_counter() - t) / n * 1e6:6.1f} us per load_ruleset() (checks size and mtime of each file)")


def throughput() -> None:
    import spbe_rules

    cases = [
        ("permenpanrb-59-2020", "no rules", {}),
        ("pedoman-6-2023", "rules, Peta Rencana present", {"peta_rencana_spbe": True}),
        ("pedoman-6-2023", "rules, Peta Rencana absent (11 caps)", {"peta_rencana_spbe": False}),
    ]
    for rid, label, docs in cases:
        rs = spbe_rules.load_ruleset(rid)
        levels = {n: 1 + (n * 7) % 5 for n in rs.numbers}
        a = spbe_rules.Assessment.from_levels(levels, instansi="Bench", year=2023, documents=docs or None)
        spbe_rules.evaluate(rs, a)
        best = 0.0
        for _ in range(5):
            n = 4000
            t = time.perf_counter()
            for _ in range(n):
                spbe_rules.evaluate(rs, a)
            best = max(best, n / (time.perf_counter() - t))
        print(f"evaluate(), full Result    : {best:9.0f} /s  {rid} ({label})")
    rs = spbe_rules.load_ruleset("pedoman-6-2023")
    a = spbe_rules.Assessment.from_levels({n: 3 for n in rs.numbers}, year=2023, documents={"peta_rencana_spbe": False})
    n = 300
    t = time.perf_counter()
    for _ in range(n):
        spbe_rules.evaluate(rs, a).to_json()
    print(f"evaluate() + explanation + JSON: {n / (time.perf_counter() - t):6.0f} /s")
    t = time.perf_counter()
    for _ in range(n):
        spbe_rules.parse_assessment({"instansi": "x", "year": 2023, "levels": {str(k): 3 for k in rs.numbers}})
    print(f"parse_assessment() of a mapping: {n / (time.perf_counter() - t):6.0f} /s")


if __name__ == "__main__":
    startup()
    throughput()

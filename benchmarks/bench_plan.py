"""How fast is the target planner? (A script that prints figures, not a test.)

    python benchmarks/bench_plan.py [--n 1000] [--seed 2024]

Prints, in milliseconds per call of ``spbe_rules.plan`` (the whole call: evaluating the
assessment, searching, re-evaluating the plan and explaining each step):

1. the bundled examples planned to Baik and to Sangat Baik;
2. N random assessments under pedoman-6-2023 (seeded), to Baik and to Sangat Baik,
   with the peta-rencana rule on, and again with the optional tiga-dokumen rule on
   (more rule scenarios);
3. how the time grows with the number of indicators the plan may change (10/20/30/47,
   the others fixed), the gap to close, and the number of levels each may rise (1/2/4);
4. unit costs against uneven costs (random per-step costs with two decimals).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from fractions import Fraction
from pathlib import Path

from spbe_rules import Assessment, load_assessment, load_ruleset
from spbe_rules._model.converter import exact_text
from spbe_rules._analysis.plan import Costs, Limits, plan
from spbe_rules._loading.select import ruleset_for_assessment

ROOT = Path(__file__).resolve().parents[1]


def ms(samples: list[float]) -> str:
    s = sorted(samples)
    p95 = s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]
    return f"median {statistics.median(s) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms   max {s[-1] * 1000:7.2f} ms   (n={len(s)})"


def timed(fn: object, *args: object, **kw: object) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args, **kw)  # type: ignore[operator]
    return time.perf_counter() - t, out


def random_assessment(rnd: random.Random, numbers: tuple[int, ...]) -> Assessment:
    levels = {n: rnd.choice((1, 1, 2, 2, 2, 3, 3, 4, 5)) for n in numbers}
    docs: dict[str, bool] = {}
    state = rnd.choice(("true", "false", "unstated"))
    if state != "unstated":
        docs["peta_rencana_spbe"] = state == "true"
    for key in ("arsitektur_spbe", "proses_bisnis"):
        if rnd.random() < 0.5:
            docs[key] = rnd.random() < 0.5
    return Assessment.from_levels(levels, documents=docs, year=2023)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="random assessments (default 1000)")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rnd = random.Random(args.seed)

    print("1. Bundled examples (median of 20 runs each)")
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        a = load_assessment(path)
        rs = ruleset_for_assessment(a)
        for target in ("Baik", "Sangat Baik"):
            plan(rs, a, target)  # warm the caches
            times = []
            for _ in range(20):
                dt, p = timed(plan, rs, a, target)
                times.append(dt)
            print(
                f"   {path.name:<28} {target:<12} cost {str(p.total_cost):>4}  {len(p.steps):>2} steps  -> {p.index} {p.predikat:<12} {statistics.median(times) * 1000:6.2f} ms"
            )  # type: ignore[attr-defined]

    rs = load_ruleset("pedoman-6-2023")
    plan(rs, random_assessment(rnd, rs.numbers), "Baik")
    pop = [random_assessment(rnd, rs.numbers) for _ in range(args.n)]
    print(f"\n2. {args.n} random assessments under pedoman-6-2023 (seed {args.seed})")
    for label, kw in (("rules as shipped", {}), ("with tiga-dokumen on", {"enable_rules": ["tiga-dokumen"]})):
        for target in ("Baik", "Sangat Baik"):
            times, reached, scen = [], 0, []
            for a in pop:
                dt, p = timed(plan, rs, a, target, **kw)
                times.append(dt)
                reached += p.reachable  # type: ignore[attr-defined]
                scen.append(p.scenarios)  # type: ignore[attr-defined]
            print(f"   {label:<22} {target:<12} {ms(times)}  reached {reached}/{len(pop)}, scenarios up to {max(scen)}")

    print("\n3. Growth, 100 assessments per cell, median ms per plan [how many reached the target; the others are")
    print("   unreachable plans, which also search for the best reachable index]")
    print("   a) indicators free to change (the others fixed) x gap to close (target = current exact index + gap)")
    sub = pop[:100]
    nows = [plan(rs, a, "1").before_index_exact for a in sub]

    def cell(free: int, gap: Fraction, up: int | None) -> str:
        times, reached = [], 0
        for a, now in zip(sub, nows):
            free_set = set(rnd.sample(rs.numbers, free))
            lim = Limits(fixed=frozenset(n for n in rs.numbers if n not in free_set), max_raise=up)
            dt, p = timed(plan, rs, a, min(now + gap, rs.scale.max), None, lim)  # a target on the index scale
            times.append(dt)
            reached += p.reachable  # type: ignore[attr-defined]
        return f"{statistics.median(times) * 1000:6.2f} ms [{reached:>3}]"

    gaps = (Fraction(1, 5), Fraction(1, 2), Fraction(1))
    for free in (10, 20, 30, 47):
        print(f"   {free:>2} indicators   " + "   ".join(f"+{exact_text(g)}: {cell(free, g, None)}" for g in gaps))
    print("   b) all 47 free, gap +0.5, levels each indicator may rise")
    print("                  " + "   ".join(f"+{up} level{'s' if up > 1 else ' '}: {cell(47, Fraction(1, 2), up)}" for up in (1, 2, 4)))

    print("\n4. Costs: unit costs against random per-step costs (two decimals), target Sangat Baik, 200 assessments")
    sub = pop[:200]
    for label in ("unit", "uneven"):
        times = []
        for a in sub:
            costs = None
            if label == "uneven":
                costs = Costs(
                    steps={n: {lv: Fraction(rnd.randint(50, 2000), 100) for lv in range(2, 6)} for n in rs.numbers},
                    documents={"peta_rencana_spbe": Fraction(rnd.randint(100, 5000), 100)},
                )
            dt, _ = timed(plan, rs, a, "Sangat Baik", costs)
            times.append(dt)
        print(f"   {label:<7} {ms(times)}")


if __name__ == "__main__":
    main()

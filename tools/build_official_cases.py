#!/usr/bin/env python3
"""Build the golden case suites from the published 2023 and 2024 SPBE results.

Input:  tests/data/official-results-2023-2024.csv (copy of the official results, as printed).
Output: suites/official-2023.yaml (ruleset pedoman-6-2023) and
        suites/official-2024.yaml (ruleset pedoman-3-2024), format spbe-rules/cases@1.

For every complete row the script constructs one integer level vector (47 indicators, levels
1..5, PermenPANRB 59/2020 weights) that reproduces the four published displayed domain
indices, the displayed Indeks SPBE and the predikat under that year's boundary rule
(2023: predikat of the index rounded to 2 decimals; 2024: predikat of the exact index).
Only the displayed values are published: the level vector is one of many that reproduce
them, chosen deterministically. Rows that no vector reproduces are listed, not forced.

The Peta Rencana rule (indicators 21-31 at most level 1 without a Peta Rencana SPBE, the
document implied by indicator 12 at level 2 or more) is honoured by the data itself: where
the published Manajemen index is above 1.00, indicator 12 is given level 2 or more, so no
case states a document. Where the published Tata Kelola index is 1.00 (so indicator 12 is
1) and Manajemen is above 1.00, no vector reproduces the row under the rule; such a row is
written as a case with a declared `exception` (its reason, and the rule without which it
reproduces), counted apart from the reproduced rows.

All arithmetic is exact (fractions.Fraction); no floating point is used anywhere.

Usage:
    python tools/build_official_cases.py          # regenerate the suites, print a summary
    python tools/build_official_cases.py --check  # regenerate in memory; exit 1 if the
                                                  # committed suites differ (for CI)
"""

import argparse
import csv
import json
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSV_PATH = ROOT / "tests" / "data" / "official-results-2023-2024.csv"
CSV_REL = "tests/data/official-results-2023-2024.csv"

LEVEL_MIN, LEVEL_MAX = 1, 5

# PermenPANRB 59/2020, Lampiran II.B (Tabel 2-6): indicator weights in percent.
INDICATOR_WEIGHTS = {}
for _first, _last, _w in ((1, 10, "1.30"), (11, 20, "2.50"), (21, 31, "1.50"), (32, 41, "2.75"), (42, 47, "3.00")):
    for _n in range(_first, _last + 1):
        INDICATOR_WEIGHTS[_n] = Fraction(_w)

# (id, first indicator, last indicator)
ASPECTS = (("A1", 1, 10), ("A2", 11, 14), ("A3", 15, 18), ("A4", 19, 20), ("A5", 21, 28), ("A6", 29, 31), ("A7", 32, 41), ("A8", 42, 47))

# (id, CSV column, weight, indicators)
DOMAINS = (
    ("D1", "kebijakan", Fraction(13), tuple(range(1, 11))),
    ("D2", "tata_kelola", Fraction(25), tuple(range(11, 21))),
    ("D3", "manajemen", Fraction("16.5"), tuple(range(21, 32))),
    ("D4", "layanan", Fraction("45.5"), tuple(range(32, 48))),
)

# Tabel 13: each band covers [lower, next lower); Memuaskan covers [4.20, 5.00].
BANDS = (("Kurang", None), ("Cukup", Fraction("1.80")), ("Baik", Fraction("2.60")), ("Sangat Baik", Fraction("3.50")), ("Memuaskan", Fraction("4.20")))

YEARS = {
    2023: {
        "ruleset": "pedoman-6-2023",
        "predikat_from": "rounded",
        "out": ROOT / "suites" / "official-2023.yaml",
        "title": "Laporan Evaluasi SPBE Tahun 2023",
        "decree": "Keputusan Menteri PANRB Nomor 13 Tahun 2024 (KepMenPANRB 13/2024)",
    },
    2024: {
        "ruleset": "pedoman-3-2024",
        "predikat_from": "exact",
        "out": ROOT / "suites" / "official-2024.yaml",
        "title": "Laporan Pelaksanaan Evaluasi SPBE 2024",
        "decree": "Keputusan Menteri PANRB Nomor 663 Tahun 2024 (KepMenPANRB 663/2024)",
    },
}
OTHER_RULE = {"rounded": "exact", "exact": "rounded"}


# ---------------------------------------------------------------- exact arithmetic


def round_half_up(x, decimals=2):
    """Round a non-negative Fraction half-up to `decimals` places; returns a Fraction."""
    scale = 10**decimals
    scaled = x * scale
    n = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)  # floor(s + 1/2)
    return Fraction(n, scale)


def show(x, decimals=2):
    """Displayed string of x: rounded half-up, exactly `decimals` digits ('3.4' -> '3.40')."""
    r = round_half_up(x, decimals)
    n = r.numerator * (10**decimals) // r.denominator
    assert Fraction(n, 10**decimals) == r
    sign = "-" if n < 0 else ""
    n = abs(n)
    return "%s%d.%0*d" % (sign, n // 10**decimals, decimals, n % 10**decimals)


def exact_decimal(x):
    """Exact decimal string of a terminating Fraction (at least 2 decimals): 1.7975 -> '1.7975'."""
    digits = 2
    while (x * 10**digits).denominator != 1:
        digits += 1
        if digits > 30:
            raise ValueError("not a terminating decimal: %s" % x)
    return show(x, digits)


def band(x):
    name = BANDS[0][0]
    for band_name, lower in BANDS[1:]:
        if x >= lower:
            name = band_name
    return name


def predikat(index_exact, rule):
    if rule == "rounded":
        return band(round_half_up(index_exact))
    if rule == "exact":
        return band(index_exact)
    raise ValueError(rule)


def weighted_mean(levels, numbers):
    total_w = sum(INDICATOR_WEIGHTS[n] for n in numbers)
    return sum(INDICATOR_WEIGHTS[n] * levels[n] for n in numbers) / total_w


def evaluate(levels):
    """Exact domain indices and Indeks SPBE of a complete level vector (59/2020, B.4)."""
    domains = {d: weighted_mean(levels, nums) for d, _, _, nums in DOMAINS}
    index = sum(domains[d] * w for d, _, w, _ in DOMAINS) / 100
    assert isinstance(index, Fraction)  # never a float
    # Same value as the weighted mean of all 47 levels (the weights sum to 100).
    assert index == weighted_mean(levels, tuple(range(1, 48)))
    return domains, index


def worked_examples():
    """PermenPANRB 59/2020 Lampiran II.B.4, Tabel 10-12. Returns printable lines."""
    lines = []
    # Tabel 10: aspect 2, indicators 11..14 at 3, 4, 3, 2 -> 3.00
    a2 = weighted_mean({11: 3, 12: 4, 13: 3, 14: 2}, (11, 12, 13, 14))
    assert show(a2) == "3.00", a2
    lines.append("Tabel 10 (Indeks Aspek 2, levels 3/4/3/2): %s -> %s" % (exact_decimal(a2), show(a2)))
    # Tabel 11: domain 2 from aspects A2 3.00 (10), A3 4.00 (10), A4 3.00 (5) -> 3.40
    d2 = (Fraction(3) * 10 + Fraction(4) * 10 + Fraction(3) * 5) / 25
    assert show(d2) == "3.40", d2
    lines.append("Tabel 11 (Indeks Domain 2, aspects 3.00/4.00/3.00): %s -> %s" % (exact_decimal(d2), show(d2)))
    # Tabel 12: domains 3.70 / 3.40 / 3.00 / 3.20 -> 328.20 / 100 = 3.282 -> 3.28
    nd = {"D1": Fraction("3.70"), "D2": Fraction("3.40"), "D3": Fraction("3.00"), "D4": Fraction("3.20")}
    total = sum(nd[d] * w for d, _, w, _ in DOMAINS)
    idx = total / 100
    assert total == Fraction("328.20") and show(idx) == "3.28", idx
    lines.append(
        "Tabel 12 (Indeks SPBE, domains 3.70/3.40/3.00/3.20): sum %s, index %s -> %s (%s)" % (exact_decimal(total), exact_decimal(idx), show(idx), band(idx))
    )
    return lines


# ---------------------------------------------------------------- construction


def spread_order(numbers):
    """Order in which a domain's indicators receive the extra units of an uneven sum.

    Indicators are interleaved across the domain's aspects by their relative position
    inside their aspect ((j + 1/2) / size), then by number, so that for any number of extra
    units the aspects get shares as close to proportional as possible. Within a single
    aspect this is simply ascending indicator order (sum 34 over 10 -> 4,4,4,4,3,...,3).
    """
    keyed = []
    for _, first, last in ASPECTS:
        members = [n for n in range(first, last + 1) if n in numbers]
        for j, n in enumerate(members):
            keyed.append((Fraction(2 * j + 1, 2 * len(members)), n))
    assert sorted(n for _, n in keyed) == sorted(numbers)
    return [n for _, n in sorted(keyed)]


def distribute(total, numbers, first=()):
    """Spread `total` over `numbers` as evenly as possible; the indicators in `first` get
    the extra units before the others."""
    count = len(numbers)
    base, extra = divmod(total, count)
    assert LEVEL_MIN <= base and base + (1 if extra else 0) <= LEVEL_MAX, (total, numbers)
    levels = {n: base for n in numbers}
    order = list(first) + [n for n in spread_order(numbers) if n not in first]
    for n in order[:extra]:
        levels[n] += 1
    return levels


# Peta Rencana rule (pedoman-6-2023, pedoman-3-2024): without a Peta Rencana SPBE
# (implied by indicator 12 at level >= 2) indicators 21-31 count at most level 1.
PETA_INDICATOR, PETA_LEVEL = 12, 2
PETA_RULE = "peta-rencana-manajemen"
PETA_EXCEPTION = (
    "Published Tata Kelola 1.00 means every indicator 11-20 is at level 1, so indicator 12 "
    "is 1 and the Peta Rencana SPBE was not formally documented; the published Manajemen "
    "index above 1.00 means one of indicators 21-31 counted at level 2. Under the Peta "
    "Rencana rule (Pedoman 3/2024: level 2 of every indicator 21-31 requires the Peta "
    "Rencana SPBE) no level vector gives this row; it is reproduced only with the rule "
    "switched off, i.e. the assessors did not apply the cap to this institution. A declared "
    "exception, never a stated document the data says was missing."
)


def _sum_table(count):
    """display string -> sums s (count <= s <= 5*count) with show(s/count) == display."""
    table = {}
    for s in range(LEVEL_MIN * count, LEVEL_MAX * count + 1):
        table.setdefault(show(Fraction(s, count)), []).append(s)
    return table


# Equal weights inside D1, D2 and D3, so their index is (sum of levels) / count.
SUMS_10 = _sum_table(10)
SUMS_11 = _sum_table(11)
# D4: indices 32..41 at 2.75 and 42..47 at 3.00 over 45.5 -> (11*S1 + 12*S2) / 182.
LAYANAN_PAIRS = {}
for _s1 in range(10 * LEVEL_MIN, 10 * LEVEL_MAX + 1):
    for _s2 in range(6 * LEVEL_MIN, 6 * LEVEL_MAX + 1):
        LAYANAN_PAIRS.setdefault(show(Fraction(11 * _s1 + 12 * _s2, 182)), []).append((_s1, _s2))


def level_vector(k, t, m, s1, s2):
    """The level vector of the domain sums. When Manajemen is above 1.00 (m > 11) and the
    even spread leaves indicator 12 at level 1, a Tata Kelola unit goes to indicator 12
    first, so that the Peta Rencana SPBE is implied by the levels (when t > 10 allows it)."""
    levels = {}
    levels.update(distribute(k, tuple(range(1, 11))))
    tata = distribute(t, tuple(range(11, 21)))
    if m > 11 and tata[PETA_INDICATOR] < PETA_LEVEL and t > 10:
        tata = distribute(t, tuple(range(11, 21)), first=(PETA_INDICATOR,))
    levels.update(tata)
    levels.update(distribute(m, tuple(range(21, 32))))
    levels.update(distribute(s1, tuple(range(32, 42))))
    levels.update(distribute(s2, tuple(range(42, 48))))
    return {n: levels[n] for n in range(1, 48)}


def index_of_sums(k, t, m, s1, s2):
    # 1.30*K + 2.50*T + 1.50*M + 2.75*S1 + 3.00*S2, over 100
    return (Fraction("1.30") * k + Fraction("2.50") * t + Fraction("1.50") * m + Fraction("2.75") * s1 + Fraction("3.00") * s2) / 100


def _nearest_displays(table, pub):
    target = Fraction(pub)
    keys = sorted(table, key=lambda d: (abs(Fraction(d) - target), Fraction(d)))
    return keys[:2]


def solve(row, rule):
    """Return (choice dict, admissible list) or (None, reason)."""
    pub = {d: show(Fraction(row[col])) for d, col, _, _ in DOMAINS}
    pub_index = show(Fraction(row["index"]))
    pub_pred = row["predikat"]
    cands = {"D1": SUMS_10.get(pub["D1"], []), "D2": SUMS_10.get(pub["D2"], []), "D3": SUMS_11.get(pub["D3"], []), "D4": LAYANAN_PAIRS.get(pub["D4"], [])}
    tables = {"D1": SUMS_10, "D2": SUMS_10, "D3": SUMS_11, "D4": LAYANAN_PAIRS}
    missing = [d for d in ("D1", "D2", "D3", "D4") if not cands[d]]
    if missing:
        parts = []
        for d, col, _, nums in DOMAINS:
            if d in missing:
                parts.append(
                    "%s (%s) %s is not attainable with levels %d..%d of indicators "
                    "%d-%d (attainable %s..%s; nearest attainable: %s)"
                    % (
                        col,
                        d,
                        pub[d],
                        LEVEL_MIN,
                        LEVEL_MAX,
                        nums[0],
                        nums[-1],
                        show(Fraction(LEVEL_MIN)),
                        show(Fraction(LEVEL_MAX)),
                        ", ".join(_nearest_displays(tables[d], pub[d])),
                    )
                )
        reason = "; ".join(parts)
        if any(Fraction(pub[d]) < LEVEL_MIN for d in missing):
            reason += "; the published value implies indicator levels of 0 (scale is 1..5)"
        return None, reason
    index_hits, admissible = [], []
    for k in cands["D1"]:
        for t in cands["D2"]:
            for m in cands["D3"]:
                for s1, s2 in cands["D4"]:
                    e = index_of_sums(k, t, m, s1, s2)
                    if show(e) != pub_index:
                        continue
                    index_hits.append(e)
                    if predikat(e, rule) == pub_pred:
                        admissible.append((k, t, m, s1, s2, e))
    if not index_hits:
        return None, (
            "no combination of the attainable domain sums gives the displayed index %s "
            "(domains %s)" % (pub_index, "/".join(pub[d] for d in ("D1", "D2", "D3", "D4")))
        )
    if not admissible:
        got = sorted({predikat(e, rule) for e in index_hits})
        return None, (
            "displayed index %s is reproduced but predikat %s is not under the %s-index rule (gives %s)" % (pub_index, pub_pred, rule, ", ".join(got))
        )
    target = Fraction(pub_index)

    def key(c):
        k, t, m, s1, s2, e = c
        # closest to the published index; then A7/A8 means as even as possible; then smallest sums
        return (abs(e - target), abs(Fraction(s1, 10) - Fraction(s2, 6)), k, t, m, s1, s2)

    best = min(admissible, key=key)
    k, t, m, s1, s2, e = best
    levels = level_vector(k, t, m, s1, s2)
    domains, index = evaluate(levels)
    # The Peta Rencana rule holds in the vector itself, or the row is a declared exception.
    exception = None
    if any(levels[n] > 1 for n in range(21, 32)) and levels[PETA_INDICATOR] < PETA_LEVEL:
        assert t == 10, (row, t)  # only a Tata Kelola of exactly 1.00 leaves no choice
        exception = {"reason": PETA_EXCEPTION, "disable_rules": [PETA_RULE]}
    # Verify from the vector itself, through the regulation's formulas.
    assert index == e
    for d in pub:
        assert show(domains[d]) == pub[d], (row, d)
    assert show(index) == pub_index and predikat(index, rule) == pub_pred, row
    return {
        "levels": levels,
        "index": index,
        "domains": pub,
        "index_display": pub_index,
        "predikat": pub_pred,
        "sums": (k, t, m, s1, s2),
        "exception": exception,
    }, admissible


# ---------------------------------------------------------------- output


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def read_rows():
    with open(CSV_PATH, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build():
    rows = read_rows()
    results = {}
    for year, cfg in YEARS.items():
        rule = cfg["predikat_from"]
        other = OTHER_RULE[rule]
        year_rows = [r for r in rows if int(r["year"]) == year]
        res = {"rows": len(year_rows), "incomplete": [], "cases": [], "misses": [], "sensitive": [], "possibly_sensitive": [], "necessarily_sensitive": []}
        for seq, row in enumerate(year_rows, start=1):
            name = "%d-%03d %s" % (year, seq, row["instansi"])
            cols = [col for _, col, _, _ in DOMAINS] + ["index", "predikat"]
            empty = [c for c in cols if not row[c].strip()]
            if empty:
                res["incomplete"].append((name, "missing %s in the source" % ", ".join(empty)))
                continue
            choice, extra = solve(row, rule)
            if choice is None:
                res["misses"].append((name, extra))
                continue
            choice["name"] = name
            choice["row"] = row
            res["cases"].append(choice)
            other_pred = predikat(choice["index"], other)
            if other_pred != choice["predikat"]:
                res["sensitive"].append((name, choice["index"], choice["predikat"], other_pred))
            flags = [predikat(c[5], other) != choice["predikat"] for c in extra]
            if any(flags):
                res["possibly_sensitive"].append(name)
            if all(flags):
                res["necessarily_sensitive"].append(name)
        results[year] = res
    return results


def render(year, res):
    cfg = YEARS[year]
    rule = cfg["predikat_from"]
    other = OTHER_RULE[rule]
    out = []
    w = out.append
    w("# GENERATED FILE - DO NOT EDIT BY HAND.")
    w("# Generated by tools/build_official_cases.py from %s;" % CSV_REL)
    w("# change the script or the CSV and regenerate (`python tools/build_official_cases.py`);")
    w("# CI runs `python tools/build_official_cases.py --check`.")
    w("#")
    w("# Each case reproduces one published row: the four displayed domain indices, the displayed")
    w(
        "# Indeks SPBE and the predikat (%d rule: predikat of the %s index). Only the displayed"
        % (year, "rounded (2-decimal)" if rule == "rounded" else "exact (unrounded)")
    )
    w("# values are published; the levels are one vector that reproduces them, chosen")
    w("# deterministically (exact index closest to the published one, sums spread evenly).")
    w("format: spbe-rules/cases@1")
    w("ruleset: %s" % cfg["ruleset"])
    w("source:")
    w("  title: %s" % q(cfg["title"]))
    w(
        "  note: %s"
        % q(
            "Results set by %s; transcribed as printed in %s (%d rows). Levels are constructed by "
            "tools/build_official_cases.py, not published; expected values are the published "
            "displayed values. No case states a document: where the published manajemen index is "
            "above 1.00, indicator 12 is at level 2 or more, which implies the Peta Rencana SPBE "
            "that indicators 21-31 need above level 1. Rows that only reproduce without a rule "
            "carry a declared `exception` with the reason." % (cfg["decree"], CSV_REL, res["rows"])
        )
    )
    w("cases:")
    for c in res["cases"]:
        row = c["row"]
        levels = c["levels"]
        w("  - name: %s" % q(c["name"]))
        w("    assessment:")
        w("      instansi: %s" % q(row["instansi"]))
        w("      year: %d" % year)
        w("      levels: {%s}" % ", ".join("%d: %d" % (n, levels[n]) for n in range(1, 48)))
        w("    expect:")
        w("      index: %s" % q(c["index_display"]))
        w("      predikat: %s" % q(c["predikat"]))
        w("      domains: {%s}" % ", ".join("%s: %s" % (d, q(c["domains"][d])) for d in ("D1", "D2", "D3", "D4")))
        if c["exception"]:
            w("    exception:")
            w("      reason: %s" % q(c["exception"]["reason"]))
            w("      disable_rules: [%s]" % ", ".join(c["exception"]["disable_rules"]))
    misses = res["incomplete"] + res["misses"]
    if misses:
        w("# Published rows with no case: declared exceptions that no level vector reproduces")
        w("# (kind: exception), and rows the source prints incompletely (kind: incomplete_source).")
        w("not_reproduced:")
        for name, reason in res["misses"]:
            w("  - name: %s" % q(name))
            w("    kind: exception")
            w("    reason: %s" % q(reason))
        for name, reason in res["incomplete"]:
            w("  - name: %s" % q(name))
            w("    kind: incomplete_source")
            w("    reason: %s" % q(reason))
    else:
        w("not_reproduced: []")
    w("# Cases whose predikat would differ under the other year's boundary rule (predikat of the")
    w("# %s index) applied to the same exact index of the case's level vector." % other)
    if res["sensitive"]:
        w("boundary_sensitive:")
        for name, idx, pred, other_pred in res["sensitive"]:
            w("  - %s  # exact %s: %s (%s rule) -> %s (%s rule)" % (q(name), exact_decimal(idx), pred, rule, other_pred, other))
    else:
        w("boundary_sensitive: []")
    return "\n".join(out) + "\n"


def summary(results):
    lines = ["Worked examples, PermenPANRB 59/2020 Lampiran II.B.4:"]
    lines += ["  " + s for s in worked_examples()]
    for year, res in results.items():
        rule = YEARS[year]["predikat_from"]
        complete = res["rows"] - len(res["incomplete"])
        excepted = [c["name"] for c in res["cases"] if c["exception"]]
        lines.append(
            "%d: %d rows, %d complete, %d reproduced under the rules, %d declared "
            "exceptions (%d with a case, %d with no reproducing vector), %d incomplete "
            "(predikat from the %s index)"
            % (
                year,
                res["rows"],
                complete,
                len(res["cases"]) - len(excepted),
                len(excepted) + len(res["misses"]),
                len(excepted),
                len(res["misses"]),
                len(res["incomplete"]),
                rule,
            )
        )
        for name in excepted:
            lines.append("  EXCEPTION %s: reproduced only without the rule %s" % (name, PETA_RULE))
        for name, reason in res["misses"]:
            lines.append("  MISS %s: %s" % (name, reason))
        for name, reason in res["incomplete"]:
            lines.append("  INCOMPLETE %s: %s" % (name, reason))
        lines.append(
            "  boundary-sensitive under the %s rule: %d (chosen vectors); possibly %d, "
            "necessarily %d (over all reproducing vectors)"
            % (OTHER_RULE[rule], len(res["sensitive"]), len(res["possibly_sensitive"]), len(res["necessarily_sensitive"]))
        )
        for name, idx, pred, other_pred in res["sensitive"]:
            lines.append("    %s: exact %s, %s -> %s" % (name, exact_decimal(idx), pred, other_pred))
        only_possible = [n for n in res["possibly_sensitive"] if n not in {s[0] for s in res["sensitive"]}]
        for name in only_possible:
            lines.append("    (possibly, not with the chosen vector) %s" % name)
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="regenerate in memory and exit 1 if the committed suites differ")
    args = ap.parse_args(argv)
    results = build()
    texts = {YEARS[y]["out"]: render(y, results[y]) for y in YEARS}
    if args.check:
        stale = []
        for path, text in texts.items():
            try:
                current = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                current = None
            if current != text:
                stale.append(path.relative_to(ROOT))
        if stale:
            for p in stale:
                print("out of date: %s (run python tools/build_official_cases.py)" % p, file=sys.stderr)
            return 1
        print("suites up to date: %s" % ", ".join(str(p.relative_to(ROOT)) for p in texts))
        return 0
    for path, text in texts.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

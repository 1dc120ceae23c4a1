"""Message catalogue, part: the planner and what-if (_analysis.plan*, whatif, risk; _cli.plan).

Key -> (Bahasa Indonesia, English); see ``spbe_rules._base.messages``."""

from __future__ import annotations

from ..links import docs_url

ENTRIES: dict[str, tuple[str, str]] = {
    # --- _analysis.plan_result: the message of a plan and the reason of each step ----------------
    "plan.goal.predikat": ("predikat {predikat}", "predikat {predikat}"),
    "plan.goal.display": ("indeks tampil minimal {value}", "a displayed index of at least {value}"),
    "plan.goal.index": ("indeks minimal {value}", "an index of at least {value}"),
    "plan.msg.already": ("Sasaran ({goal}) sudah tercapai; tidak perlu perubahan.", "The target ({goal}) is already reached; no change is needed."),
    "plan.msg.reached": (
        "Sasaran ({goal}) tercapai dengan biaya total {cost}{unit}: indeks {index}, predikat {predikat}. Tidak ada rencana yang lebih murah.",
        "The target ({goal}) is reached for a total cost of {cost}{unit}: index {index}, predikat {predikat}. No cheaper plan exists.",
    ),
    "plan.why.above_scale": (
        "Sasaran ({goal}) tidak dapat dicapai: indeks tertinggi pada skala adalah {top}.",
        "The target ({goal}) cannot be reached: the highest index on the scale is {top}.",
    ),
    "plan.why.budget": (
        "Sasaran ({goal}) tidak dapat dicapai dengan anggaran {budget}{unit}: anggaran itu paling tinggi memungkinkan indeks {best}.",
        "The target ({goal}) cannot be reached within the budget of {budget}{unit}: that budget allows at most an index of {best}.",
    ),
    "plan.why.limits": (
        "Sasaran ({goal}) tidak dapat dicapai dalam batasan yang diberikan: batasan itu paling tinggi memungkinkan indeks {best}.",
        "The target ({goal}) cannot be reached within the limits: the limits allow at most an index of {best}.",
    ),
    "plan.msg.best_plan": (
        "{why} Rencana di bawah ini adalah cara termurah mencapai indeks tertinggi itu ({index}, biaya {cost}{unit}).",
        "{why} The plan below is the cheapest way to that best index ({index}, cost {cost}{unit}).",
    ),
    "plan.reason.unlocks": ("Membuka indikator {ids} yang dibatasi aturan {rules}.", "Unlocks indicators {ids}, capped by rule {rules}."),
    "plan.reason.prerequisite": (
        "Syarat: membuka indikator {ids} yang dibatasi aturan {rules}.",
        "Prerequisite: unlocks indicators {ids}, capped by rule {rules}.",
    ),
    "plan.reason.prerequisite_implies": (
        "Syarat: membuka indikator {ids} yang dibatasi aturan {rules} (tingkat kematangan ini membuat dokumen {names} dianggap ada).",
        "Prerequisite: unlocks indicators {ids}, capped by rule {rules} (this level implies the document {names}).",
    ),
    "plan.reason.rises": ("{head} Indeks langsung naik {gain}.", "{head} The index rises {gain} at once."),
    "plan.reason.needed": (
        "{head} Tanpa langkah ini kenaikan indikator tersebut tidak dihitung.",
        "{head} Without this step the raises of those indicators would not count.",
    ),
    "plan.reason.free": ("Tanpa biaya: menambah indeks {gain}.", "Free: adds {gain} to the index."),
    "plan.reason.part": ("Bagian dari kombinasi termurah.", "Part of the cheapest combination."),
    "plan.reason.per": (
        "Bagian dari kombinasi termurah: biaya {per} per kenaikan indeks {step}.",
        "Part of the cheapest combination: a cost of {per} per {step} of index.",
    ),
    # --- _analysis.plan_input: costs, limits and targets ---------------------------------------
    "head.not_exact": ("bukan bilangan tepat dengan ukuran yang dapat dipakai", "not an exact number of a usable size"),
    "head.costs_invalid": ("biaya tidak sah", "costs are not valid"),
    "head.costs_do_not_fit": ("biaya atau batasan tidak sesuai dengan set aturan {ruleset}", "costs or limits do not fit ruleset {ruleset}"),
    "head.bad_target": ("sasaran salah", "bad target"),
    "head.planner_cannot": ("perencana tidak dapat menangani set aturan ini", "the planner cannot handle this ruleset"),
    "TYPE.costs": (
        "berkas biaya harus berupa pemetaan (default_step:, indicators:, documents:, limits:)",
        "a costs file must be a mapping (default_step:, indicators:, documents:, limits:)",
    ),
    "TYPE.costs.hint": (f"lihat {docs_url('planner')}", f"see {docs_url('planner')}"),
    "OUT_OF_RANGE.cost": ("biaya {value} negatif; biaya tidak boleh negatif", "the cost {value} is negative; costs cannot be negative"),
    "OUT_OF_RANGE.cost.hint": ("tulis biaya 0 atau lebih", "write a cost of 0 or more"),
    "OUT_OF_RANGE.target": (
        "sasaran indeks {value} berada di luar skala indeks set aturan {ruleset} ({min} sampai {max})",
        "the target index {value} is outside the index scale of ruleset {ruleset} ({min} to {max})",
    ),
    "OUT_OF_RANGE.target.hint": (
        "berikan indeks dari {min} sampai {max}, atau nama predikat (mis. Baik)",
        "give an index from {min} to {max}, or a predikat name (e.g. Baik)",
    ),
    "BAD_TARGET.plan": ("sasaran {value} bukan predikat dan bukan bilangan tepat", "the target {value} is not a predikat nor an exact number"),
    "BAD_TARGET.plan.hint": (
        'berikan nama predikat (Baik) atau indeks sebagai teks, mis. "3.0"',
        'give a predikat name (Baik) or an index as text, e.g. "3.0"',
    ),
    "UNKNOWN_PREDIKAT": (
        "`{text}` bukan predikat set aturan {ruleset} dan bukan nilai indeks",
        "`{text}` is not a predikat of ruleset {ruleset} nor an index value",
    ),
    "UNKNOWN_PREDIKAT.hint": ("predikat: {bands}; atau berikan indeks seperti 3.0", "predikat: {bands}; or give an index such as 3.0"),
    "UNKNOWN_PREDIKAT.guess": (
        "maksud Anda `{guess}`? predikat: {bands}; atau berikan indeks seperti 3.0",
        "did you mean `{guess}`? predikat: {bands}; or give an index such as 3.0",
    ),
    # --- _analysis.plan_solver ---------------------------------------------------------------
    "PLAN_TOO_COMPLEX.depth": (
        "kondisi aturan `{rule}` bersarang terlalu dalam untuk perencana",
        "the condition of rule `{rule}` is nested too deep for the planner",
    ),
    "PLAN_TOO_COMPLEX.conjuncts": (
        "kondisi aturan `{rule}` dapat dipenuhi dengan terlalu banyak cara untuk perencana",
        "the condition of rule `{rule}` has too many ways to be satisfied for the planner",
    ),
    "PLAN_TOO_COMPLEX.scenarios": (
        "aturan yang aktif memberi {count} kombinasi untuk diperiksa (paling banyak {limit})",
        "the enabled rules give {count} combinations to examine (at most {limit})",
    ),
    "PLAN_TOO_COMPLEX.scenarios.hint": (
        "nonaktifkan aturan opsional yang tidak berpengaruh pada rencana ini",
        "disable optional rules that do not matter for this plan",
    ),
    "PLAN_UNSUPPORTED_CONDITION": (
        "aturan `{rule}` memiliki kondisi `not`; perencana hanya mendukung kondisi `indicator`, `document`, `all` dan `any` "
        "(kondisi `not` dapat menjadi salah ketika tingkat kematangan naik, sehingga rencana termurah tidak dapat dicari dengan cara yang sama)",
        "rule `{rule}` has a `not` condition; the planner supports only `indicator`, `document`, `all` and `any` conditions "
        "(a `not` condition can become false when levels rise, so the cheapest plan cannot be searched the same way)",
    ),
    "PLAN_UNSUPPORTED_CONDITION.hint": (
        "nonaktifkan aturan itu untuk perencanaan (--disable-rule), atau tulis ulang kondisinya tanpa `not`",
        "disable the rule for planning (--disable-rule), or rewrite the condition without `not`",
    ),
    # --- _analysis.whatif ----------------------------------------------------------------------
    "gains.cond.document": ("dokumen {name} ada", "the {name} document exists"),
    "gains.cond.documents": ("dokumen {names} ada", "the documents {names} exist"),
    # --- _cli.plan: arguments -----------------------------------------------------------------
    "BAD_ARGUMENT.set": ("`{raw}` tidak berbentuk N=TINGKAT dengan bilangan bulat", "`{raw}` is not of the form N=LEVEL with whole numbers"),
    "BAD_ARGUMENT.set.hint": ("mis. --set 11=3", "e.g. --set 11=3"),
    "BAD_ARGUMENT.document": ("`{raw}` tidak berbentuk KUNCI=true atau KUNCI=false", "`{raw}` is not of the form KEY=true or KEY=false"),
    "BAD_ARGUMENT.document.hint": ("mis. --document peta_rencana_spbe=true", "e.g. --document peta_rencana_spbe=true"),
    "BAD_ARGUMENT.indicators": ("`{part}` bukan nomor indikator atau rentang", "`{part}` is not an indicator number or a range"),
    "BAD_ARGUMENT.indicators.hint": ("mis. {option} 12 atau {option} 45-47", "e.g. {option} 12 or {option} 45-47"),
    "BAD_ARGUMENT.empty_range": ("rentang {part} kosong", "the range {part} is empty"),
    "BAD_ARGUMENT.empty_range.hint": ("tulis bilangan yang lebih kecil lebih dulu, mis. 45-47", "write the lower number first, e.g. 45-47"),
    "BAD_ARGUMENT.long_range": (
        "rentang {part} terlalu panjang (paling banyak {limit} indikator)",
        "the range {part} is too long (at most {limit} indicators)",
    ),
    "BAD_ARGUMENT.long_range.hint": ("sebut indikator dari set aturan, mis. 45-47", "name indicators of the ruleset, e.g. 45-47"),
    "BAD_ARGUMENT.amount": ("`{value}` bukan bilangan", "`{value}` is not a number"),
    "BAD_ARGUMENT.amount.hint": ("mis. {option} 25 atau {option} 12.5", "e.g. {option} 25 or {option} 12.5"),
    "OUT_OF_RANGE.option": ("{option} bernilai {value}; nilainya tidak boleh negatif", "{option} is {value}; it cannot be negative"),
    "OUT_OF_RANGE.option.hint": ("mis. {option} {example}", "e.g. {option} {example}"),
    # --- _cli.plan: the text reports of whatif, gains and plan ------------------------------------
    "planner.whatif": ("Simulasi perubahan", "What-if"),
    "planner.gains": ("Nilai satu tingkat kematangan tambahan per indikator", "What one more level of each indicator is worth"),
    "planner.plan": ("Rencana mencapai sasaran", "Plan to reach the target"),
    "planner.ruleset": ("Aturan", "Ruleset"),
    "planner.changes": ("Perubahan", "Changes"),
    "planner.indicator": ("Indikator", "Indicator"),
    "planner.document": ("Dokumen", "Document"),
    "planner.level": ("tingkat", "level"),
    "planner.present.true": ("ada", "present"),
    "planner.present.false": ("tidak ada", "absent"),
    "planner.present.unknown": ("tidak diketahui", "unknown"),
    "planner.index": ("Indeks SPBE", "SPBE index"),
    "planner.exact": ("tepat", "exact"),
    "planner.predikat": ("Predikat", "Predikat"),
    "planner.unchanged": ("tidak berubah", "unchanged"),
    "planner.changed": ("berubah", "changed"),
    "planner.domains": ("Domain", "Domains"),
    "planner.aspects": ("Aspek yang berubah", "Aspects that changed"),
    "planner.released": ("Indikator yang dilepas dari batasan aturan", "Indicators released from a rule's cap"),
    "planner.capped": ("Indikator yang kini dibatasi aturan", "Indicators now capped by a rule"),
    "planner.none": ("(tidak ada perubahan)", "(nothing changes)"),
    "planner.now": ("Sekarang", "Now"),
    "planner.result": ("Hasil", "Result"),
    "planner.target": ("Sasaran", "Target"),
    "planner.cost": ("biaya", "cost"),
    "planner.total_cost": ("Biaya total", "Total cost"),
    "planner.unit": ("satuan", "unit"),
    "planner.unit_default": ("satu langkah tingkat kematangan atau satu dokumen = 1", "one level step or one document = 1"),
    "planner.steps": ("Langkah", "Steps"),
    "planner.no_steps": ("(tidak ada langkah)", "(no steps)"),
    "planner.limits": ("Batasan", "Limits"),
    "planner.fixed": ("tidak diubah", "not changed"),
    "planner.max_raise": ("naik paling banyak {n} tingkat per indikator", "at most {n} levels up per indicator"),
    "planner.max_raise_by": ("batas kenaikan per indikator", "raise limit per indicator"),
    "planner.budget": ("anggaran", "budget"),
    "planner.unavailable": ("dokumen tidak tersedia", "documents not available"),
    "planner.obtain": ("diperoleh/ditetapkan", "obtain/adopt"),
    "planner.threshold": ("indeks tepat minimal", "exact index at least"),
    "planner.pred_rounded": ("predikat dibaca dari indeks yang dibulatkan ({d} desimal)", "predikat read from the index rounded to {d} decimals"),
    "planner.pred_exact": ("predikat dibaca dari indeks yang tidak dibulatkan", "predikat read from the unrounded index"),
    "planner.kind_index": ("indeks tepat minimal {v}", "exact index at least {v}"),
    "planner.kind_display": ("indeks tampil minimal {v}", "displayed index at least {v}"),
    "planner.kind_predikat": ("predikat {p} atau lebih baik", "predikat {p} or better"),
    "planner.unreachable": ("TIDAK TERCAPAI", "NOT REACHABLE"),
    "planner.reached": ("tercapai", "reached"),
    "planner.best": ("Indeks tertinggi yang mungkin", "Best reachable index"),
    "planner.col_no": ("No", "No"),
    "planner.col_level": ("Tingkat", "Level"),
    "planner.col_gain": ("+Indeks", "+Index"),
    "planner.col_domain": ("Domain", "Domain"),
    "planner.col_note": ("Catatan", "Note"),
    "planner.at_max": ("sudah tingkat tertinggi", "already at the top level"),
    "planner.blocked": ("dibatasi aturan {r}", "capped by rule {r}"),
    "planner.releases": ("melepas {ids}", "releases {ids}"),
    "planner.unlocks": ("Membuka batasan aturan (pada tingkat kematangan yang diajukan sekarang)", "Lifting rule caps (at the levels submitted now)"),
    "planner.unlock_doc": ("Dokumen {name} ada", "The {name} document exists"),
    "planner.unlock_rule": ("Aturan {rid} terpenuhi ({cond})", "Rule {rid} satisfied ({cond})"),
    "planner.unlock_docs": ("Semua dokumen di atas ada", "All the documents above exist"),
    "planner.releases_n": ("melepas {n} indikator ({ids}), indeks {gain}", "releases {n} indicators ({ids}), index {gain}"),
    "planner.releases_0": ("tidak melepas indikator apa pun pada tingkat kematangan sekarang", "releases no indicator at the current levels"),
    "planner.more": ("... dan {n} indikator lain (tanpa --top untuk semua)", "... and {n} more indicators (omit --top to see all)"),
    "planner.evidence": ("bukti dukung yang perlu dibuat", "evidence to produce"),
}

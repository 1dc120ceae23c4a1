"""Evaluation stages (carry-forward, per-stage results, order, errors) and the
text a user reads: the stage report of `spbe-rules evaluate` and `spbe-rules explain`.

Carry-forward (Pedoman 3/2024): an indicator a later stage does not score keeps
the level of the stage before; the final level is that of the latest stage that
scored it. Stages are taken in the ruleset's `stages:` order, whatever the order
of the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import spbe_rules
from spbe_rules import Assessment, AssessmentError, evaluate, load_assessment, load_ruleset, parse_assessment
from spbe_rules._cli.main import main
from spbe_rules._engine.result import result_to_dict

ROOT = Path(__file__).resolve().parent.parent
STAGED = ROOT / "examples" / "bertahap-2024.yaml"
NO_DOCS = ROOT / "examples" / "tanpa-dokumen-2023.yaml"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def flat(text: str) -> str:
    """Text with its line wrapping undone, to look for whole sentences."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def staged() -> Any:
    a = load_assessment(STAGED)
    rs = load_ruleset("pedoman-3-2024")
    return rs, a, evaluate(rs, a)


# -- carry-forward and per-stage results -------------------------------------------------------


def test_stages_in_order_with_index_and_changes(staged: Any) -> None:
    _, _, result = staged
    assert [s.stage for s in result.stages] == ["mandiri", "dokumen", "interviu"]
    assert result.stage == "interviu"
    for s in result.stages:
        assert s.index and s.predikat and s.stages == ()
    mandiri, dokumen, interviu = result.stages
    assert mandiri.changes == ()
    assert [(c.indicator, c.before, c.after) for c in dokumen.changes] == [(1, 4, 3), (6, 4, 3), (11, 3, 2), (21, 3, 2), (32, 4, 3), (42, 4, 3)]
    assert [(c.indicator, c.before, c.after) for c in interviu.changes] == [(11, 2, 3), (36, 4, 3)]
    assert (mandiri.index, dokumen.index, interviu.index) == ("3.05", "2.93", "2.92")
    # the final result is the last stage's
    assert (result.index, result.index_exact, result.indicators) == (interviu.index, interviu.index_exact, interviu.indicators)


def test_final_level_is_the_latest_stage_that_scored_it(staged: Any) -> None:
    _, _, result = staged
    final = result.levels
    assert final[11] == 3  # mandiri 3, dokumen 2, interviu 3
    assert final[21] == 2  # mandiri 3, dokumen 2, not scored at interviu: carried forward
    assert final[36] == 3  # changed only at interviu
    assert final[2] == 3  # only the first stage scored it
    assert result.stages[2].indicator(21).level == 2


def test_each_stage_equals_the_levels_carried_forward_to_it(staged: Any) -> None:
    rs, a, result = staged
    levels: dict[int, int] = {}
    for stage, st_result in zip(a.stages, result.stages):
        levels.update(stage.levels)
        alone = evaluate(rs, Assessment.from_levels(levels, year=2024, documents=a.documents, stage=stage.id))
        assert (alone.index_exact, alone.predikat, alone.effective_levels) == (st_result.index_exact, st_result.predikat, st_result.effective_levels)


def test_stage_json_carries_stage_index_and_changes(staged: Any) -> None:
    data = result_to_dict(staged[2])
    assert [s["stage"] for s in data["stages"]] == ["mandiri", "dokumen", "interviu"]
    for s in data["stages"]:
        assert {"stage", "index", "index_exact", "changes", "indicators"} <= set(s)
    assert data["stages"][2]["changes"] == [
        {"indicator": 11, "before": 2, "after": 3, "reason": None},
        {"indicator": 36, "before": 4, "after": 3, "reason": None},
    ]


STAGE_IDS = ["mandiri", "dokumen", "interviu", "visitasi"]  # the assessment stages; `reviu` (a review) follows them


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_carry_forward_on_random_stages(data: Any) -> None:
    rs = load_ruleset("pedoman-3-2024")
    assert [s.id for s in rs.stages] == [*STAGE_IDS, "reviu"]
    assert [s.kind for s in rs.stages] == ["assessment"] * 4 + ["review"]
    chosen = sorted(data.draw(st.sets(st.sampled_from(STAGE_IDS), min_size=1)), key=STAGE_IDS.index)
    level = st.integers(1, 5)
    first = {n: data.draw(level) for n in rs.numbers}
    stages = {chosen[0]: first}
    for sid in chosen[1:]:
        stages[sid] = data.draw(st.dictionaries(st.sampled_from(rs.numbers), level, max_size=8))
    listed = data.draw(st.permutations(list(stages)))  # the file may list stages in any order
    a = parse_assessment(
        {"instansi": "Uji", "year": 2024, "documents": {"peta_rencana_spbe": data.draw(st.booleans())}, "stages": {sid: stages[sid] for sid in listed}}
    )
    result = evaluate(rs, a)
    assert [s.stage for s in result.stages] == chosen
    merged: dict[int, int] = {}
    for sid, st_result in zip(chosen, result.stages):
        before = dict(merged)
        merged.update(stages[sid])
        assert st_result.levels == merged
        want = [(n, before[n], lv) for n, lv in sorted(stages[sid].items()) if n in before and before[n] != lv]
        assert [(c.indicator, c.before, c.after) for c in st_result.changes] == want
    plain = evaluate(rs, Assessment.from_levels(merged, year=2024, documents=a.documents))
    assert (result.index_exact, result.effective_levels) == (plain.index_exact, plain.effective_levels)


# -- stage order, unknown stages, incomplete first stage -------------------------------------------

_FULL = "{" + ", ".join(f"{n}: 3" for n in range(1, 48)) + "}"


def _write(tmp_path: Path, body: str) -> Path:
    f = tmp_path / "bertahap.yaml"
    f.write_text("instansi: Kota Uji\nyear: 2024\ndocuments: {peta_rencana_spbe: true}\n" + body, encoding="utf-8")
    return f


def test_stage_order_follows_the_ruleset_not_the_file(tmp_path: Path) -> None:
    rs = load_ruleset("pedoman-3-2024")
    shuffled = load_assessment(_write(tmp_path, f"stages:\n  interviu: {{11: 4}}\n  mandiri: {_FULL}\n  dokumen: {{11: 2, 12: 2}}\n"))
    ordered = parse_assessment(
        {
            "instansi": "Kota Uji",
            "year": 2024,
            "documents": {"peta_rencana_spbe": True},
            "stages": {"mandiri": {n: 3 for n in range(1, 48)}, "dokumen": {11: 2, 12: 2}, "interviu": {11: 4}},
        }
    )
    a, b = evaluate(rs, shuffled), evaluate(rs, ordered)
    assert [s.stage for s in a.stages] == ["mandiri", "dokumen", "interviu"]
    assert a.levels[11] == 4 and a.levels[12] == 2
    assert (a.index_exact, a.indicators, [s.changes for s in a.stages]) == (b.index_exact, b.indicators, [s.changes for s in b.stages])


def test_unknown_stage_name_with_did_you_mean_and_line(tmp_path: Path) -> None:
    rs = load_ruleset("pedoman-3-2024")
    a = load_assessment(_write(tmp_path, f"stages:\n  mandiri: {_FULL}\n  dokumne: {{11: 2}}\n"))
    with pytest.raises(AssessmentError) as info:
        evaluate(rs, a)
    (p,) = info.value.problems
    assert p.code == "UNKNOWN_STAGE"
    assert "`dokumne`" in p.message and "pedoman-3-2024" in p.message
    assert p.hint == "maksud Anda `dokumen`?" and p.hint_in("en") == "did you mean `dokumen`?"
    assert p.location.line == 6
    assert str(p).startswith(f"{tmp_path / 'bertahap.yaml'}:6:")


def test_unknown_stage_of_plain_levels_points_at_stage(tmp_path: Path) -> None:
    rs = load_ruleset("pedoman-3-2024")
    f = tmp_path / "satu.yaml"
    f.write_text(f"instansi: Kota Uji\nyear: 2024\nstage: intervieu\ndocuments: {{peta_rencana_spbe: true}}\nlevels: {_FULL}\n", encoding="utf-8")
    with pytest.raises(AssessmentError) as info:
        evaluate(rs, load_assessment(f))
    (p,) = info.value.problems
    assert (p.code, p.location.line, p.hint_in("en")) == ("UNKNOWN_STAGE", 3, "did you mean `interviu`?")


def test_first_stage_incomplete_is_missing_level(tmp_path: Path) -> None:
    rs = load_ruleset("pedoman-3-2024")
    # the file lists dokumen first, but mandiri comes first in the ruleset: mandiri must be complete
    partial = "{" + ", ".join(f"{n}: 3" for n in range(1, 48) if n not in (5, 6, 7, 30)) + "}"
    a = load_assessment(_write(tmp_path, f"stages:\n  dokumen: {_FULL}\n  mandiri: {partial}\n"))
    with pytest.raises(AssessmentError) as info:
        evaluate(rs, a)
    (p,) = info.value.problems
    assert p.code == "MISSING_LEVEL"
    assert "tahap pertama" in p.message and "5-7, 30" in p.message
    assert p.location.line == 6  # the `mandiri:` stage
    # counting missing levels at the lowest level is a choice the caller makes, and it is marked
    result = evaluate(rs, a, missing="lowest")
    first = result.stages[0]
    assert [i.id for i in first.indicators if i.filled] == [5, 6, 7, 30]
    assert first.indicator(5).level == 1
    # the dokumen stage then gives them a level: no longer filled in the final result
    assert result.indicator(5).level == 3 and not any(i.filled for i in result.indicators)


# -- the stage report of `spbe-rules evaluate` ------------------------------------------------------


def test_evaluate_text_shows_how_the_index_moved(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", STAGED)
    assert code == 0, err
    report = out[out.index("Perubahan per tahap penilaian:") :]
    lines = [line.strip() for line in report.splitlines()]
    assert "1. Penilaian Mandiri (mandiri): indeks 3.05, predikat Baik (titik awal)" in lines
    assert "2. Penilaian Dokumen (dokumen): indeks 2.93, predikat Baik; turun 0.1235 dari tahap sebelumnya" in lines
    assert "3. Penilaian Interviu (interviu): indeks 2.92, predikat Baik; turun 0.0025 dari tahap sebelumnya" in lines
    assert "Tingkat kematangan yang diubah asesor pada tahap ini (6 indikator):" in lines
    assert "Tingkat kematangan yang diubah asesor pada tahap ini (2 indikator):" in lines
    assert "21  Tingkat Kematangan Penerapan Manajemen Risiko SPBE              3 -> 2" in lines
    assert "36  Tingkat Kematangan Layanan Kepegawaian                          4 -> 3" in lines
    assert "Hasil akhir: tahap interviu, indeks 2.92, predikat Baik." in lines
    assert "tetap memakai tingkat dari tahap sebelumnya" in flat(report)
    # the stages come in order, each change under its own stage
    assert report.index("(mandiri)") < report.index("(dokumen)") < report.index("21  Tingkat") < report.index("(interviu)") < report.index("36  Tingkat")


def test_evaluate_text_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", STAGED, "--lang", "en")
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    assert "2. Penilaian Dokumen (dokumen): index 2.93, predikat Baik; down 0.1235 from the previous stage" in lines
    assert "Levels the assessors changed in this stage (2 indicators):" in lines
    assert "Final result: stage interviu, index 2.92, predikat Baik." in lines


def test_stage_report_says_when_the_predikat_changes_and_nothing_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _write(
        tmp_path,
        "stages:\n  mandiri: {" + ", ".join(f"{n}: 3" for n in range(1, 48)) + "}\n"
        "  dokumen: {" + ", ".join(f"{n}: 2" for n in range(1, 48)) + "}\n  interviu: {1: 2}\n",
    )
    code, out, err = cli(capsys, "evaluate", f)
    assert code == 0, err
    text = flat(out)
    assert "turun 1 dari tahap sebelumnya; predikat berubah dari Baik menjadi Cukup" in text
    assert "3. Penilaian Interviu (interviu): indeks 2.00, predikat Cukup; sama dengan tahap sebelumnya" in text
    assert "Asesor tidak mengubah tingkat kematangan apa pun pada tahap ini." in text


# -- `spbe-rules explain` in plain words --------------------------------------------------------------


def test_explain_indicator_21_of_the_staged_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", STAGED, "--indicator", "21")
    assert code == 0, err
    text = flat(out)
    assert out.startswith("- Indikator 21: Tingkat Kematangan Penerapan Manajemen Risiko SPBE = 2\n")
    assert "Tingkat 2 (Terkelola): Manajemen risiko dijalankan dengan program terarah dan terencana" in text
    assert "Tingkat kematangan yang diajukan per tahap: tahap mandiri: 3, tahap dokumen: 2 (diubah asesor dari 3)." in text
    assert "Yang dihitung adalah tingkat dari tahap terakhir yang menilainya." in text
    assert (
        "Aturan peta-rencana-manajemen tidak membatasi indikator ini karena syaratnya terpenuhi: dokumen Peta Rencana SPBE tersedia (penilaian menyatakan: ada)."
        in text
    )
    assert (
        "Dasar: Pedoman Menteri PANRB Nomor 3 Tahun 2024 tentang Tata Cara Pemantauan dan Evaluasi SPBE, Bab II, indikator 21-31, Kriteria pemenuhan Level dan Kriteria Bukti Dukung tingkat 2 (hlm. 86-124)"
        in text
    )
    assert "Indikator 22" not in out


def test_explain_indicator_21_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", STAGED, "--indicator", "21", "--lang", "en")
    assert code == 0, err
    text = flat(out)
    assert out.startswith("- Indicator 21: Tingkat Kematangan Penerapan Manajemen Risiko SPBE = 2\n")
    assert "Level 2 (Terkelola). Weight 1.5." in text
    assert "Submitted level by stage: stage mandiri: 3, stage dokumen: 2 (changed by the assessors from 3)." in text
    assert (
        "Rule peta-rencana-manajemen does not limit this indicator because its condition holds: the Peta Rencana SPBE document is in place (the assessment states: present)."
        in text
    )
    assert "Basis: Pedoman Menteri PANRB Nomor 3 Tahun 2024" in text
    assert "Dasar:" not in out and "Bobot" not in out


def test_explain_json_carries_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", STAGED, "--indicator", "21", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "spbe-rules/explanation@2"
    node = data["node"]
    assert (node["kind"], node["id"], node["value"]) == ("indicator", "21", "2")
    assert set(node["text"]) == {"id", "en"}
    assert [(c["kind"], c["id"]) for c in node["children"]] == [("rule", "peta-rencana-manajemen")]
    code, out, err = cli(capsys, "explain", STAGED, "--format", "json")
    whole = json.loads(out)
    assert whole["schema"] == "spbe-rules/explanation@2" and whole["node"]["kind"] == "index"
    assert {"kind", "id", "title", "value", "text", "legal_basis", "rules", "status", "children"} == set(whole["node"])
    # a legal basis is written in both languages, so the JSON does not depend on --lang
    assert all(set(c) == {"id", "en"} for c in whole["node"]["legal_basis"])


# -- explanations for the example without the three documents -------------------------------------


def test_explain_capped_indicator_says_what_would_release_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", NO_DOCS, "--indicator", "21")
    assert code == 0, err
    text = flat(out)
    assert "Diajukan tingkat 2, tetapi dihitung tingkat 1 (Rintisan): indikator ini dibatasi pada tingkat 1 oleh aturan peta-rencana-manajemen." in text
    assert "Batas aturan peta-rencana-manajemen lepas bila dokumen Peta Rencana SPBE tersedia (penilaian menyatakan: tidak ada)." in text
    assert "- Aturan peta-rencana-manajemen [sementara]" in out
    assert "Aturan ini berstatus sementara (belum pasti)" in text
    # the legal basis for 2023 is the 2023 guideline (its text unseen), never the 2024 one that revoked it
    assert (
        "Dasar: Pedoman Menteri PANRB Nomor 6 Tahun 2023 tentang Tata Cara Pemantauan dan Evaluasi SPBE, Kriteria tingkat 2 indikator 21-31 (teks belum dilihat)"
        in text
    )
    assert "Dasar: Pedoman Menteri PANRB Nomor 3 Tahun 2024" not in text
    assert "Bukti yang ada: hasil resmi 2023 (KepMenPANRB 13/2024) sesuai dengan aturan ini" in text


def test_explain_whole_result_lists_held_indicators_and_the_index_without_caps(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", NO_DOCS)
    assert code == 0, err
    text = flat(out)
    assert "Indeks 2.25 (tepat 2.2455), predikat Cukup" in text
    assert "Aturan ketergantungan membatasi 4 indikator di bawah tingkat yang diajukan (indikator 21, 23, 25, 27)" in text
    assert "indeksnya 2.31 (predikat Cukup)" in text
    assert "Dibatasi pada tingkat 1 oleh aturan ini (tingkat yang diajukan lebih tinggi): indikator 21, 23, 25, 27." in text
    assert "Tidak berubah karena tingkat yang diajukan tidak melebihi batas: indikator 22, 24, 26, 28-31." in text
    assert "Aturan opsional tiga-dokumen mati secara bawaan dan tidak dinyalakan pada evaluasi ini" in text
    assert "--enable-rule tiga-dokumen" in text
    assert "[sumber tunggal, belum dipastikan]" in text


def test_explain_with_the_three_documents_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "explain", NO_DOCS, "--enable-rule", "tiga-dokumen")
    assert code == 0, err
    text = flat(out)
    assert "Aturan ketergantungan membatasi 11 indikator di bawah tingkat yang diajukan (indikator 13, 15-21, 23, 25, 27)" in text
    assert "Dibatasi pada tingkat 1 oleh aturan ini (tingkat yang diajukan lebih tinggi): indikator 13, 15-20." in text
    assert "Sudah diturunkan lebih dulu oleh aturan lain: indikator 21, 23, 25, 27." in text
    assert (
        "lepas bila dokumen Arsitektur SPBE tersedia (penilaian menyatakan: tidak ada); dan dokumen Peta Rencana SPBE "
        "tersedia (penilaian menyatakan: tidak ada); dan dokumen Proses Bisnis tersedia (penilaian menyatakan: tidak ada)"
    ) in text
    code, out, err = cli(capsys, "explain", NO_DOCS, "--enable-rule", "tiga-dokumen", "--indicator", "21")
    text = flat(out)
    assert "Aturan tiga-dokumen juga membatasi indikator ini paling tinggi tingkat 1" in text
    assert "aturan peta-rencana-manajemen sudah menurunkannya ke tingkat 1 lebih dulu" in text
    assert "Semua batas itu harus lepas agar tingkat yang diajukan dihitung." in text


def test_explain_names_the_indicator_a_document_is_inferred_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = NO_DOCS.read_text(encoding="utf-8")
    text = text.replace("documents:\n  arsitektur_spbe: false\n  peta_rencana_spbe: false\n  proses_bisnis: false\n", "")
    text = text.replace("  12: 2\n", "  12: 1\n")
    f = tmp_path / "tersimpul.yaml"
    f.write_text(text, encoding="utf-8")
    code, out, err = cli(capsys, "explain", f, "--indicator", "23", "--lang", "en")
    assert code == 0, err
    assert (
        "The cap of rule peta-rencana-manajemen is lifted when the Peta Rencana SPBE document is in place (not stated by "
        "the assessment, so inferred from indicator 12 (Tingkat Kematangan Peta Rencana SPBE Instansi Pusat/Pemerintah "
        "Daerah) at level 2 or above (now 1): absent)."
    ) in flat(out)


def test_evaluate_text_flags_provisional_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", NO_DOCS)
    assert code == 0, err
    lines = [line.strip() for line in out.splitlines()]
    assert "21  2 -> 1  (peta-rencana-manajemen [sementara])" in lines
    assert "[sementara]: aturan yang berstatus sementara (belum pasti); alasan dan dasar hukumnya: spbe-rules explain" in lines
    assert "Peta Rencana SPBE: tidak ada (dinyatakan)" in lines


# -- docs/aturan-ketergantungan.md shows real output -------------------------------------------------

DOC = ROOT / "docs" / "aturan-ketergantungan.md"


def _pasted(command: str) -> str:
    """The output pasted under `$ command` in the doc (up to the end of its code block)."""
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"$ {command}\n") + len(command) + 3
    return text[start : text.index("```", start)]


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "examples/tanpa-dokumen-2023.yaml", "--indicator", "21"],
        ["explain", "examples/tanpa-dokumen-2023.yaml", "--indicator", "21", "--lang", "en"],
    ],
)
def test_doc_pastes_current_explanations(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, args[0], ROOT / args[1], *args[2:])
    assert code == 0, err
    assert _pasted("spbe-rules " + " ".join(args)) == out


def test_doc_pastes_the_current_stage_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "evaluate", STAGED)
    pasted = _pasted("spbe-rules evaluate examples/bertahap-2024.yaml").replace("[...]\n", "")
    assert out.endswith(pasted)


def test_doc_comparison_table(tmp_path: Path) -> None:
    rs = load_ruleset("pedoman-6-2023")
    absent = load_assessment(NO_DOCS)
    present = parse_assessment({**dict(absent.raw), "documents": {k: True for k in absent.documents}})
    rows = [
        ("tanpa dokumen (contoh apa adanya)", evaluate(rs, absent)),
        ("dengan ketiga dokumen", evaluate(rs, present)),
        ("tanpa dokumen, `--disable-rule peta-rencana-manajemen`", evaluate(rs, absent, disable_rules=["peta-rencana-manajemen"])),
        ("tanpa dokumen, `--enable-rule tiga-dokumen`", evaluate(rs, absent, enable_rules=["tiga-dokumen"])),
        ("dengan ketiga dokumen, `--enable-rule tiga-dokumen`", evaluate(rs, present, enable_rules=["tiga-dokumen"])),
    ]
    from spbe_rules._model.converter import exact_text

    text = DOC.read_text(encoding="utf-8")
    for label, r in rows:
        assert f"| {label} | {r.index} | {exact_text(r.index_exact)} | {r.predikat} |" in text


# -- the review stage: valid, or a corrected level with its reason, as the final word ---------------


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_review_corrections_are_the_final_word(data: Any) -> None:
    """After any assessment stages, the review keeps a `valid` level and replaces a corrected one;
    the result, its stage deltas and the explanation carry the correction and its reason."""
    rs = load_ruleset("pedoman-3-2024")
    level = st.integers(1, 5)
    first = {n: data.draw(level) for n in rs.numbers}
    dokumen = data.draw(st.dictionaries(st.sampled_from(rs.numbers), level, max_size=6))
    marks = data.draw(st.dictionaries(st.sampled_from(rs.numbers), st.one_of(st.none(), level), min_size=1, max_size=8))
    reviu = {n: {"valid": True} if lv is None else {"level": lv, "reason": f"alasan {n}"} for n, lv in marks.items()}
    a = parse_assessment(
        {"instansi": "Uji", "year": 2024, "documents": {"peta_rencana_spbe": True}, "stages": {"mandiri": first, "dokumen": dokumen, "reviu": reviu}}
    )
    result = evaluate(rs, a)
    assert [s.stage for s in result.stages] == ["mandiri", "dokumen", "reviu"]
    before = {**first, **dokumen}
    final = {**before, **{n: lv for n, lv in marks.items() if lv is not None}}
    assert result.levels == final
    assert result.stage == "reviu"
    want = [(n, before[n], lv, f"alasan {n}") for n, lv in sorted(marks.items()) if lv is not None and lv != before[n]]
    assert [(c.indicator, c.before, c.after, c.reason) for c in result.stages[-1].changes] == want
    for n, lv in marks.items():
        ir = result.indicator(n)
        assert ir.review is not None and ir.review.stage == "reviu"
        assert ir.review.valid is (lv is None)
        assert ir.review.before == before[n]
        node = result.explanation.find("indicator", str(n))
        assert node is not None and "Kata akhir" in node.text.id
        if lv is not None:
            assert f"alasan {n}" in node.text.id and ir.review.reason == f"alasan {n}"
    plain = evaluate(rs, Assessment.from_levels(final, year=2024, documents=a.documents))
    assert result.index_exact == plain.index_exact


def test_review_stage_errors(tmp_path: Path) -> None:
    rs = load_ruleset("pedoman-3-2024")
    levels = {n: 2 for n in rs.numbers}

    def codes(stages: dict[str, Any]) -> list[str]:
        with pytest.raises(spbe_rules.ValidationError) as err:
            evaluate(rs, parse_assessment({"instansi": "Uji", "year": 2024, "stages": stages}))
        return [p.code for p in err.value.problems]

    assert codes({"mandiri": levels, "reviu": {21: 3}}) == ["REVIEW_ENTRY"]  # a bare level in a review
    assert codes({"mandiri": levels, "reviu": {21: {"level": 3}}}) == ["REVIEW_ENTRY"]  # a correction without its reason
    assert codes({"mandiri": {**levels, 21: {"valid": True}}}) == ["REVIEW_ENTRY"]  # a review mark outside the review
    assert codes({"reviu": {n: {"valid": True} for n in rs.numbers}}) == ["REVIEW_WITHOUT_RESULT"]
    assert codes({"mandiri": levels, "reviu": {21: {"level": 6, "reason": "x"}}}) == ["LEVEL_OUT_OF_SCALE"]
    # the 2021-2022 ruleset has no review stage
    with pytest.raises(spbe_rules.ValidationError) as err:
        evaluate(
            load_ruleset("permenpanrb-59-2020"),
            parse_assessment({"instansi": "Uji", "year": 2022, "stages": {"mandiri": levels, "reviu": {21: {"valid": True}}}}),
        )
    assert "UNKNOWN_STAGE" in [p.code for p in err.value.problems]

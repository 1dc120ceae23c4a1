"""The message catalogue: both languages everywhere, the same placeholders, every code raised is
in it, the Indonesian texts keep to the glossary; the language is chosen by --lang or
SPBE_RULES_LANG (the option wins), and a Problem renders in either language."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules._base.errors import Location, Problem, ValidationError, current_lang, use_lang
from spbe_rules._base.messages import CATALOGUE, Msg, placeholders
from spbe_rules._cli.lang import ARGPARSE_KEYS
from spbe_rules._cli.main import COMMANDS, main

SRC = Path(spbe_rules.__file__).resolve().parent
ROOT = Path(__file__).resolve().parent.parent  # the source tree (also when the package is installed, not editable)
KAB_2024 = ROOT / "examples" / "kabupaten-contoh-2024.yaml"
PERCENT = re.compile(r"%(?:\([a-z_]+\))?[srd]")


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SRC.rglob("*.py"))]


# -- the catalogue itself -----------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_same_placeholders(key: str) -> None:
    id_, en = CATALOGUE[key]
    assert id_.strip() and en.strip(), f"{key}: a language is empty"
    assert placeholders(id_) == placeholders(en), f"{key}: placeholders differ"
    assert sorted(PERCENT.findall(id_)) == sorted(PERCENT.findall(en)), f"{key}: %-placeholders differ"
    for template in (id_, en):
        for _, field, _spec, _conv in string.Formatter().parse(template):
            assert field is None or field.isidentifier(), f"{key}: placeholder {field!r} is not a plain name"


def test_codes_are_stable_english_identifiers() -> None:
    for key in CATALOGUE:
        head = key.split(".")[0]
        if head.isupper():
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*", head), key


def test_every_argparse_word_is_in_the_catalogue() -> None:
    assert set(ARGPARSE_KEYS.values()) <= set(CATALOGUE)


# -- every code and key used in the sources is in the catalogue ------------------------------------


def _code_functions(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    """Functions and methods whose first parameter (after self) is named ``code``: problem builders."""
    names = {"Problem"}
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                params = [a.arg for a in node.args.args if a.arg not in ("self", "cls")]
                if params[:1] == ["code"]:
                    names.add(node.name)
    return names


def _callee(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


# Modules whose texts are still written inline in English (issue 10, item 4 converts them one by
# one); the scan below covers every other module. This set only shrinks.
PENDING = {
    "_analysis/plan.py",
    "_analysis/plan_input.py",
    "_analysis/plan_solver.py",
    "_analysis/risk.py",
    "_analysis/whatif.py",
    "_cli/plan.py",
}


def test_catalogue_keys_are_written_once() -> None:
    keys: list[str] = []
    for part in sorted((SRC / "_base" / "messages").glob("*.py")):
        tree = ast.parse(part.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "ENTRIES":
                assert isinstance(node.value, ast.Dict)
                keys.extend(k.value for k in node.value.keys if isinstance(k, ast.Constant))
    assert len(keys) == len(CATALOGUE) == len(set(keys))


def test_problems_are_built_from_the_catalogue() -> None:
    """Outside the pending modules, no problem is built from inline text."""
    inline = []
    for path, tree in _sources():
        if str(path.relative_to(SRC)) in PENDING:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _callee(node) == "Problem" and len(node.args) >= 2:
                if isinstance(node.args[1], (ast.Constant, ast.JoinedStr)):
                    inline.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not inline, inline


def test_every_code_and_key_used_is_in_the_catalogue() -> None:
    trees = [(p, t) for p, t in _sources() if str(p.relative_to(SRC)) not in PENDING]
    builders = _code_functions(_sources())
    codes = {k.split(".")[0] for k in CATALOGUE}
    missing: list[str] = []
    seen_codes = 0
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            name = _callee(node)
            where = f"{path.relative_to(SRC)}:{node.lineno}"
            if name in builders and re.fullmatch(r"[A-Z][A-Z0-9_]*", first.value):
                seen_codes += 1
                if first.value not in codes:
                    missing.append(f"{where}: code {first.value}")
            elif name in ("of", "Msg", "tr"):
                seen_codes += name == "of"
                if first.value not in CATALOGUE:
                    missing.append(f"{where}: key {first.value}")
    assert seen_codes > 20  # the scan finds the codes (it is not looking at nothing)
    assert not missing, "\n".join(missing)


# -- the glossary (docs/glosarium.md) in the Indonesian texts ------------------------------------------

# word (as a whole word, case as written) -> the term the glossary fixes instead
FORBIDDEN = {
    "ditahan": "dibatasi",
    "menahan": "membatasi",
    "persis": "tepat",
    "level": "tingkat (kematangan)",
    "Level": "Tingkat (kematangan)",
    "assessment": "penilaian",
    "ruleset": "set aturan",
}


def test_indonesian_texts_keep_to_the_glossary() -> None:
    bad = []
    for key, (id_, _) in CATALOGUE.items():
        text = re.sub(r"`[^`]*`|\{[^{}]*\}", "", id_)  # names in code (`ruleset` column) and placeholders are not words
        for word, instead in FORBIDDEN.items():
            if re.search(rf"(?<![\w-]){word}(?![\w-])", text):
                bad.append(f"{key}: {word!r} (write {instead})")
    assert not bad, "\n".join(bad)


def test_glossary_names_the_terms() -> None:
    text = (ROOT / "docs" / "glosarium.md").read_text(encoding="utf-8")
    for term in (
        "indikator",
        "aspek",
        "domain",
        "tingkat kematangan",
        "indeks",
        "predikat",
        "bukti dukung",
        "tahap penilaian",
        "mandiri",
        "interviu",
        "visitasi",
        "reviu",
        "aturan",
        "dibatasi",
        "tepat",
    ):
        assert term in text, term


# -- the Python API: a problem keeps its code and parameters, renders in either language -----------------


def test_problem_renders_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPBE_RULES_LANG", raising=False)
    p = Problem.of("REQUIRED", Location("a.yaml", 3, 5), key="year")
    assert p.code == "REQUIRED" and p.params == {"key": "year"}
    assert p.message_in("en") == "`year` is missing" and p.hint_in("en") == "add `year:` here"
    assert p.message_in("id") == "`year` tidak ada"
    assert str(p) == "a.yaml:3:5: [REQUIRED] `year` tidak ada (tambahkan `year:` di sini)"
    with use_lang("en"):
        assert str(p) == "a.yaml:3:5: [REQUIRED] `year` is missing (add `year:` here)"
        assert p.to_dict() == {
            "code": "REQUIRED",
            "message": "`year` is missing",
            "hint": "add `year:` here",
            "file": "a.yaml",
            "line": 3,
            "col": 5,
            "json_path": "$",
        }
    monkeypatch.setenv("SPBE_RULES_LANG", "en")
    assert p.message == "`year` is missing"
    with use_lang("id"):  # the explicit choice wins over the variable
        assert p.message == "`year` tidak ada"
    assert set(p.to_dict("id")) == {"code", "message", "hint", "file", "line", "col", "json_path"}


def test_validation_error_heading_in_both_languages() -> None:
    err = ValidationError(Msg("head.yaml"), [Problem.of("YAML_DOCUMENTS.empty", Location("x.yaml", 1, 1))])
    with use_lang("en"):
        assert str(err).splitlines()[0] == "not valid YAML (1 problem)"
    with use_lang("id"):
        assert str(err).splitlines()[0] == "bukan YAML yang sah (1 masalah)"
    assert err.message == "not valid YAML"  # ExceptionGroup.message stays the English text


def test_unknown_language_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPBE_RULES_LANG", "fr")
    with pytest.raises(spbe_rules.SpbeError, match="SPBE_RULES_LANG"):
        current_lang()
    with pytest.raises(spbe_rules.SpbeError, match="--lang"), use_lang("xx", "--lang"):
        pass


def test_unknown_key_is_refused() -> None:
    with pytest.raises(KeyError):
        Msg("NO_SUCH_MESSAGE")


# -- the command line ---------------------------------------------------------------------------

ARGPARSE_EN = ("usage:", "positional arguments", "options:", "show this help message")


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_in_both_languages(capsys: pytest.CaptureFixture[str], command: str | None) -> None:
    args = [command] if command else []
    with pytest.raises(SystemExit):
        main([*args, "--help"])
    out_id = capsys.readouterr().out
    with pytest.raises(SystemExit):
        main([*args, "--help", "--lang", "en"])
    out_en = capsys.readouterr().out
    assert "penggunaan:" in out_id and "opsi:" in out_id
    for word in ARGPARSE_EN:
        assert word not in out_id
    assert "usage:" in out_en and "options:" in out_en
    assert out_id != out_en


def test_lang_option_wins_over_the_variable(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPBE_RULES_LANG", "en")
    assert main(["evaluate", str(ROOT / "no-such-file.yaml")]) == 2
    assert "the file does not exist" in capsys.readouterr().err
    assert main(["evaluate", str(ROOT / "no-such-file.yaml"), "--lang", "id"]) == 2
    assert "berkas tidak ada" in capsys.readouterr().err
    monkeypatch.delenv("SPBE_RULES_LANG")
    assert main(["evaluate", str(ROOT / "no-such-file.yaml")]) == 2
    assert "berkas tidak ada" in capsys.readouterr().err


@pytest.mark.parametrize("how", ["option", "variable"])
def test_unknown_language_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    if how == "variable":
        monkeypatch.setenv("SPBE_RULES_LANG", "english")
        code = main(["rulesets"])
    else:
        code = main(["rulesets", "--lang", "english"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "english" in err and "`id`" in err and "`en`" in err


@pytest.mark.skipif(not KAB_2024.is_file(), reason="needs the source tree (examples/)")
def test_result_json_does_not_depend_on_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(KAB_2024), "--format", "json"]) == 0
    out_id = capsys.readouterr().out
    assert main(["evaluate", str(KAB_2024), "--format", "json", "--lang", "en"]) == 0
    out_en = capsys.readouterr().out
    assert out_id == out_en
    data = json.loads(out_id)
    for field in ("schema", "index", "index_exact", "predikat", "domains", "aspects", "indicators", "ruleset", "explanation"):
        assert field in data


# -- evidence texts (issue 12): from the catalogue, not written in their modules ---------------------------

EVIDENCE_MODULES = (
    "_engine/evidence_text.py",
    "_render/next_steps.py",
    "_render/gaps.py",
    "_io/kuesioner.py",
    "_cli/next_steps.py",
    "_cli/kuesioner.py",
    "_analysis/next_steps.py",
)
PROSE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def _prose_constants(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants that read as words (not docstrings, markup, or the purpose given to need_openpyxl)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Call) and _callee(node) == "need_openpyxl":
            skip.update(id(a) for a in node.args)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip and "<" not in node.value and PROSE.search(node.value)
    ]


def test_evidence_texts_come_from_the_catalogue() -> None:
    found = []
    for rel in EVIDENCE_MODULES:
        tree = ast.parse((SRC / rel).read_text(encoding="utf-8"))
        found += [f"{rel}:{line}: {text!r}" for line, text in _prose_constants(tree)]
    explain = ast.parse((SRC / "_engine" / "explain.py").read_text(encoding="utf-8"))
    (node,) = [n for n in ast.walk(explain) if isinstance(n, ast.FunctionDef) and n.name == "evidence_node"]
    found += [f"_engine/explain.py:{line}: {text!r}" for line, text in _prose_constants(node)]
    assert not found, "\n".join(found)


EVIDENCE_EXAMPLE = ROOT / "examples" / "bukti-dukung-2024.yaml"


@pytest.mark.parametrize(
    ("args", "id_text", "en_text"),
    [
        (["next", str(EVIDENCE_EXAMPLE), "--indicator", "1"], "Yang diperlukan untuk tingkat berikutnya", "What the next level needs"),
        (["next", str(EVIDENCE_EXAMPLE), "--indicator", "1"], "lebih dari 2 tahun sebelum 2024-06-30", "is more than 2 years before 2024-06-30"),
        (["explain", str(EVIDENCE_EXAMPLE), "--indicator", "1"], "bukti dukung mendukung tingkat 3", "the evidence supports level 3"),
        (["kuesioner", "--ruleset", "pedoman-3-2024", "-o", "-"], "# Kuesioner penilaian mandiri", "# Self-assessment questionnaire"),
    ],
)
def test_evidence_texts_in_indonesian_and_english(
    args: list[str], id_text: str, en_text: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SPBE_RULES_LANG", raising=False)
    assert main(args) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert id_text in out and en_text not in out
    assert main([*args, "--lang", "en"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert en_text in out and id_text not in out

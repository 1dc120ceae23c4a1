"""The compact form of the disk cache (``_model/compact.py``): a ruleset reads back equal, value by
value and type by type; anything that is not the form is refused; a warm-cache evaluation starts
without the converter (cattrs) and the schema validator (jsonschema)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

import spbe_rules
from spbe_rules._loading.registry import installed_paths
from spbe_rules._model.compact import MODEL_CLASSES, decode, decode_ruleset, encode
from spbe_rules._model.model import Band, Citation

ROOT = Path(__file__).resolve().parent.parent
KAB = ROOT / "examples" / "kabupaten-contoh-2024.yaml"


def _same(a: Any, b: Any, where: str = "ruleset") -> None:
    """``a`` and ``b`` are equal and of the same type at every place (``1 == Fraction(1)`` is not enough)."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            _same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, Mapping):
        assert list(a) == list(b), where
        for k in a:
            _same(k, next(kb for kb in b if kb == k), f"{where} key {k!r}")
            _same(a[k], b[k], f"{where}[{k!r}]")
    else:
        assert a == b, where


@pytest.mark.parametrize("rid", sorted(installed_paths()))
def test_every_installed_ruleset_reads_back_the_same(rid: str) -> None:
    rs = spbe_rules.load_ruleset(rid, cache=False)
    text = json.dumps(encode(rs), ensure_ascii=False)
    back = decode_ruleset(text)
    _same(rs, back)
    assert back == rs and back.origin == rs.origin


# what a field of the model may be made of: the compact form writes each of these (aliases of
# Literal texts and of the Condition union are named here; a new kind of field type must be
# taught to _model/compact.py first, or a ruleset holding one would not be cached)
_WRITABLE = {
    "None",
    "bool",
    "int",
    "str",
    "Fraction",
    "tuple",
    "Mapping",
    "Literal",
    "Condition",
    "Status",
    "AgeUnit",
    "AtAgeLimit",
    "CountedLevel",
    "Unreviewed",
}


def test_every_field_of_the_model_is_of_a_type_the_form_writes() -> None:
    for cls in MODEL_CLASSES.values():
        for f in attrs.fields(cls):
            # the annotation as written (f.type becomes a type object once cattrs has resolved it)
            written = re.sub(r"\"[^\"]*\"|'[^']*'", "", str(cls.__annotations__[f.name]))  # Literal texts left out
            unknown = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", written)) - _WRITABLE - set(MODEL_CLASSES)
            assert not unknown, f"{cls.__name__}.{f.name}: {f.type} ({sorted(unknown)})"


def test_the_model_classes_are_known_by_name() -> None:
    assert MODEL_CLASSES["Ruleset"] is spbe_rules.Ruleset and MODEL_CLASSES["Band"] is Band
    assert all(attrs.has(cls) for cls in MODEL_CLASSES.values())


@pytest.mark.parametrize(
    "text",
    [
        '{"@": "Popen", "args": "ls"}',  # not a model class
        '{"@": "Citation", "source": "x", "section": "y", "extra": 1}',  # not a field of the class
        '{"q": [1.5, 2]}',  # a floating-point number
        '{"q": ["1", "2"]}',  # a fraction of texts
        '{"x": [1]}',  # an unknown tag
        '{"t": [1], "m": []}',  # two tags
        "NaN",
    ],
)
def test_what_is_not_the_form_is_refused(text: str) -> None:
    with pytest.raises((ValueError, TypeError, KeyError)):
        decode(text)


def test_a_value_that_is_not_of_the_model_cannot_be_written() -> None:
    with pytest.raises(TypeError):
        encode(1.5)
    with pytest.raises(TypeError):
        encode(Path("x"))
    assert decode(json.dumps(encode(Citation("s", "1")))) == Citation("s", "1")
    assert decode(json.dumps(encode({3: (Fraction(1, 3), None, True)}))) == {3: (Fraction(1, 3), None, True)}


@pytest.mark.skipif(not KAB.is_file(), reason="needs the source tree (examples/)")
def test_a_warm_cache_evaluation_needs_no_converter_and_no_schema_validator(tmp_path: Path) -> None:
    env = {**os.environ, "SPBE_RULES_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys\n"
        "from spbe_rules._cli.main import main\n"
        f"code = main(['evaluate', {str(KAB)!r}])\n"
        "print(sorted(m for m in ('cattrs', 'jsonschema') if m in sys.modules), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    cold = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert "cattrs" in cold.stderr and "jsonschema" in cold.stderr  # the first run builds the ruleset
    assert warm.stderr.strip().splitlines()[-1] == "[]"
    assert warm.stdout == cold.stdout

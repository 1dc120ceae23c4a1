"""Finding the rulesets, schemas and case suites shipped with the package.

In a built wheel they live in ``spbe_rules/_data/`` (copied there from the
top-level ``rulesets/``, ``schemas/`` and ``suites/`` folders at build time),
beside the package's modules. In a source checkout installed in editable mode
the top-level folders are used directly. (The package is always installed as
files: the folder is found from this module's own path, as
:mod:`importlib.resources` would find it, without importing that module and
the ``tempfile``/``shutil``/``zipfile`` it brings, which would cost start-up time.)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["data_dir", "schema_text"]


@cache
def _root() -> Path:
    package = Path(__file__).resolve().parents[1]  # spbe_rules/
    packaged = package / "_data"
    if packaged.is_dir():
        return packaged
    checkout = package.parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "rulesets").is_dir():
        return checkout
    raise RuntimeError("spbe-rules is installed without its data files (rulesets/, schemas/); reinstall it with `pip install spbe-rules`")


def data_dir(kind: str) -> Path:
    """The folder of shipped ``rulesets``, ``schemas`` or ``suites``."""
    return _root() / kind


def schema_text(name: str) -> str:
    return (data_dir("schemas") / f"{name}.schema.json").read_text(encoding="utf-8")

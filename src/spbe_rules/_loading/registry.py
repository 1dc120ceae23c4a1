"""The rulesets installed with the package, and which one is in force for an evaluation year."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import attrs

from .._base.errors import RulesetNotFoundError
from .._base.resources import data_dir

__all__ = ["RulesetInfo", "installed_paths", "installed_rulesets", "ruleset_for_year"]


@attrs.frozen
class RulesetInfo:
    """A line of ``spbe-rules rulesets``."""

    id: str
    version: str
    title: str
    status: str
    evaluation_years: tuple[int, ...]
    extends: str | None
    path: str


@cache
def installed_paths() -> dict[str, Path]:
    """Installed ruleset id -> file. The id is the file name without ``.yaml``."""
    folder = data_dir("rulesets")
    out: dict[str, Path] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.is_file():
            out[entry.name[: -len(".yaml")]] = Path(str(entry))
    return out


def installed_rulesets() -> list[RulesetInfo]:
    """Every installed ruleset, loaded and validated."""
    from .load import load_ruleset

    out = []
    for rid, path in installed_paths().items():
        rs = load_ruleset(rid)
        out.append(RulesetInfo(rs.id, rs.version, rs.title, rs.status, rs.evaluation_years, rs.extends, str(path)))
    return out


def ruleset_for_year(year: int) -> str:
    """Id of the one installed ruleset in force for ``year``; an error says which exist otherwise."""
    infos = installed_rulesets()
    matches = [i.id for i in infos if year in i.evaluation_years]
    if len(matches) == 1:
        return matches[0]
    listing = [f"{i.id} ({_years(i.evaluation_years)})" for i in infos]
    if not matches:
        raise RulesetNotFoundError(f"no installed ruleset is in force for the {year} evaluation; name one with `ruleset:`", listing)
    raise RulesetNotFoundError(
        f"{len(matches)} installed rulesets claim the {year} evaluation ({', '.join(matches)}); name one with `ruleset:`", listing
    )


def _years(years: tuple[int, ...]) -> str:
    if not years:
        return "no evaluation year"
    if list(years) == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}-{years[-1]}"
    return ", ".join(map(str, years))

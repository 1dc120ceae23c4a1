"""The typed result of an evaluation, and its stable JSON form.

JSON shape (``schema: spbe-rules/result@1``): ``index`` (displayed, e.g.
``"2.59"``), ``index_exact`` (exact: ``"2.594"``, or ``"p/q"`` when the decimal
does not end), ``predikat``, ``domains`` / ``aspects`` (``id``, ``name``,
``weight``, ``index``, ``index_exact``), ``indicators`` (``id``, ``name``,
``aspect``, ``weight``, ``level`` as submitted, ``effective_level`` after the
rules, ``rules`` that lowered it, ``filled`` when the level was missing and
filled by the declared policy; ``sub_levels`` when the level is the exact mean
of several (written as text when not whole, e.g. ``"2.5"``), ``conversion`` when
it was converted from another agency's score, ``review`` when the review team
marked it valid or corrected it), ``documents``, ``rules`` (each rule's outcome),
``stages`` (one result per stage, oldest first), ``changes`` (for a stage: the
levels this stage changed), ``ruleset`` (``id``, ``version``, ``sha256``),
``library_version`` and ``explanation`` (see :mod:`spbe_rules._engine.explain`).
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from attrs import field, frozen
from .._model import converter as conversion
from .explain import Explanation
import attrs
from .._base.errors import Location, Problem, ValidationError
from .._base.messages import Msg
from .explain import explain_result

from .evidence import RequirementCheck

__all__ = [
    "AspectResult",
    "Conversion",
    "DocumentState",
    "DomainResult",
    "IndicatorResult",
    "LevelChange",
    "Result",
    "Review",
    "RuleOutcome",
    "RulesetRef",
    "result_from_json",
    "result_to_json",
]

RESULT_SCHEMA = "spbe-rules/result@1"


@frozen
class RulesetRef:
    """Which ruleset produced a result: id, version and SHA-256 of its files."""

    id: str
    version: str
    sha256: str


@frozen
class Conversion:
    """How an external score became the indicator's value: ``score`` fell in [``lower``, ``upper``)
    of the ruleset's conversion table for ``source``, which gives ``value``."""

    source: str
    score: Fraction
    lower: Fraction
    upper: Fraction
    value: int | Fraction


@frozen
class Review:
    """The review team's word (stage ``stage``): ``valid``, or a correction from ``before`` with ``reason``."""

    stage: str
    valid: bool
    before: int | Fraction
    reason: str | None = None


@frozen
class IndicatorResult:
    """One indicator in a result: submitted level, effective level and the rules that changed it."""

    id: int
    name: str
    aspect: str
    weight: Fraction
    level: int | Fraction
    effective_level: int | Fraction
    rules: tuple[str, ...] = ()
    filled: bool = False
    sub_levels: tuple[int, ...] = ()
    conversion: Conversion | None = None
    review: Review | None = None
    # evidence (all empty when the assessment gives no evidence): the level the evidence supports
    # (None without evidence for this indicator), the required items of the next level not met,
    # whether evidence was given (`supported`, `none`, `no_requirements`), which level counted
    # (`claimed` or `supported`, before the rules) and every requirement item's check
    supported_level: int | None = None
    unmet: tuple[str, ...] = ()
    evidence: str | None = None
    counted: str = "claimed"
    requirements: tuple[RequirementCheck, ...] = ()


@frozen
class AspectResult:
    """The index of one aspect in a result (displayed and exact)."""

    id: str
    name: str
    domain: str | None
    weight: Fraction
    index: str
    index_exact: Fraction


@frozen
class DomainResult:
    """The index of one domain in a result (displayed and exact)."""

    id: str
    name: str
    weight: Fraction
    index: str
    index_exact: Fraction


@frozen
class DocumentState:
    """Whether a document counts as present: ``basis`` is ``stated`` (by the assessment),
    ``implied`` (by its ``implied_by`` condition) or ``unknown``."""

    key: str
    name: str
    present: bool | None
    basis: str


@frozen
class RuleOutcome:
    """What a rule did: ``held`` is whether its ``unless`` condition held (then it capped nothing);
    ``capped`` lists the indicators it lowered."""

    id: str
    kind: str
    enabled: bool
    held: bool | None
    capped: tuple[int, ...] = ()


@frozen
class LevelChange:
    """A level a stage changed; ``reason`` is the review team's, for a correction in a review stage."""

    indicator: int
    before: int | Fraction
    after: int | Fraction
    reason: str | None = None


@frozen
class Result:
    """The outcome of evaluating one assessment under one ruleset."""

    index: str
    index_exact: Fraction
    predikat: str
    domains: tuple[DomainResult, ...]
    aspects: tuple[AspectResult, ...]
    indicators: tuple[IndicatorResult, ...]
    ruleset: RulesetRef
    instansi: str
    year: int
    stage: str | None = None
    predikat_from: str = "rounded"
    documents: tuple[DocumentState, ...] = ()
    rules: tuple[RuleOutcome, ...] = ()
    stages: tuple[Result, ...] = ()
    changes: tuple[LevelChange, ...] = ()
    missing_policy: str = "error"
    evaluated_on: str | None = None
    evaluated_on_basis: str | None = None
    library_version: str = ""
    schema: str = RESULT_SCHEMA
    _stored_explanation: Any = field(default=None, eq=False, repr=False, alias="stored_explanation")
    _ruleset_obj: Any = field(default=None, eq=False, repr=False, alias="ruleset_obj")

    def indicator(self, number: int) -> IndicatorResult:
        """The result of indicator ``number`` (``KeyError`` if none)."""
        for ind in self.indicators:
            if ind.id == number:
                return ind
        raise KeyError(number)

    def domain(self, domain_id: str) -> DomainResult:
        """The result of the domain with this id (``KeyError`` if none)."""
        for d in self.domains:
            if d.id == domain_id:
                return d
        raise KeyError(domain_id)

    def aspect(self, aspect_id: str) -> AspectResult:
        """The result of the aspect with this id (``KeyError`` if none)."""
        for a in self.aspects:
            if a.id == aspect_id:
                return a
        raise KeyError(aspect_id)

    @property
    def levels(self) -> dict[int, int | Fraction]:
        """Submitted level of each indicator."""
        return {i.id: i.level for i in self.indicators}

    @property
    def effective_levels(self) -> dict[int, int | Fraction]:
        """The level that counts for each indicator, after the rules."""
        return {i.id: i.effective_level for i in self.indicators}

    @property
    def explanation(self) -> Explanation | None:
        """The explanation tree (built on first use from the ruleset the result was evaluated under;
        None for a result built without one)."""
        if self._stored_explanation is None:
            if self._ruleset_obj is None:
                return None

            object.__setattr__(self, "_stored_explanation", explain_result(self, self._ruleset_obj))
        tree: Explanation | None = self._stored_explanation
        return tree

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (``schema: spbe-rules/result@1``)."""
        return result_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The result as JSON text; :func:`spbe_rules.result_from_json` reads it back."""
        return result_to_json(self, indent=indent)


def _converter() -> Any:
    return conversion.converter  # built on first use: a result printed as text needs no converter


def result_to_dict(result: Result) -> dict[str, Any]:
    conv = _converter()
    out: dict[str, Any] = conv.unstructure(result)
    for private in ("stored_explanation", "ruleset_obj", "_stored_explanation", "_ruleset_obj"):
        out.pop(private, None)  # never in the JSON: the explanation is written once below, the ruleset is referenced by id and hash
    explanation = result.explanation
    out["explanation"] = None if explanation is None else conv.unstructure(explanation)
    out["stages"] = [result_to_dict(s) for s in result.stages]
    return out


def result_to_json(result: Result, *, indent: int | None = 2) -> str:
    """The JSON text of ``result`` (``schema: spbe-rules/result@1``; read back with :func:`result_from_json`)."""
    return json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent)


def result_from_dict(data: dict[str, Any]) -> Result:

    conv = _converter()
    data = dict(data)
    explanation = data.pop("explanation", None)
    stages = [result_from_dict(s) for s in data.pop("stages", [])]
    result: Result = conv.structure({**data, "stages": []}, Result)
    tree = None if explanation is None else conv.structure(explanation, Explanation)
    return Result(**{**_fields(result), "stages": tuple(stages), "stored_explanation": tree})


def _fields(result: Result) -> dict[str, Any]:

    return {str(a.alias): getattr(result, a.name) for a in attrs.fields(Result)}


def result_from_json(text: str) -> Result:
    """Read back a result written by :func:`result_to_json` (lossless).

    Anything that is not such a result raises :class:`ValidationError` (code ``BAD_RESULT``,
    or the code of a number that is not of a usable size, ``NUMBER_TOO_LARGE``)."""
    unreadable: tuple[type[Exception], ...] = (ValueError, TypeError, KeyError, AttributeError, *conversion.structure_errors())
    try:
        return result_from_dict(json.loads(text, parse_float=str, parse_int=_small_int))
    except RecursionError:
        raise ValidationError(Msg("head.result_unreadable"), [Problem.of("TOO_DEEP.result", Location("<result>"))]) from None
    except unreadable as exc:
        inner = _first_problem(exc)
        if inner is not None:
            raise ValidationError(Msg("head.result_unreadable"), [inner]) from None
        raise ValidationError(
            Msg("head.result_unreadable"), [Problem.of("BAD_RESULT", Location("<result>"), error=f"{type(exc).__name__}: {str(exc)[:200]}")]
        ) from None


def _small_int(text: str) -> int:
    if len(text) > 40:
        raise Problem.of("NUMBER_TOO_LARGE.result", Location("<result>"), digits=len(text))
    return int(text)


def _first_problem(exc: BaseException) -> Problem | None:
    """The first :class:`Problem` inside ``exc`` (cattrs groups the errors of each field)."""
    if isinstance(exc, Problem):
        return exc
    for sub in getattr(exc, "exceptions", ()):
        got = _first_problem(sub)
        if got is not None:
            return got
    return None

"""Conditions: when a dependency rule releases its cap, and when a document is implied.

*Kondisi: kapan aturan ketergantungan melepas batasnya, dan kapan sebuah dokumen dianggap ada.*

A ruleset file writes a condition as ``{indicator: N, at_least: L}``, ``{document: KEY}``,
``{all: [...]}``, ``{any: [...]}`` or ``{not: ...}``; a loaded ruleset holds it as one of the
classes below (:data:`Condition` is their union), in :attr:`spbe_rules.model.Rule.unless` and
:attr:`spbe_rules.model.Document.implied_by`.

To walk a condition, use the one walker the library itself uses: :func:`walk` (every node,
pre-order), :func:`children`, :func:`documents_named`, :func:`indicators_read` (through the
documents' ``implied_by`` too), and for a meaning per kind of condition a subclass of
:class:`ConditionVisitor` with one method per kind (mypy then names every visitor a new kind
would need to change).

>>> import spbe_rules
>>> from spbe_rules.conditions import HasDocument, documents_named, walk
>>> rs = spbe_rules.load_ruleset("pedoman-3-2024")
>>> any(isinstance(node, HasDocument) for r in rs.rules for node in walk(r.unless))
True
>>> documents_named(rs.rule("peta-rencana-manajemen").unless)
('peta_rencana_spbe',)
"""

from __future__ import annotations

from ._model.conditions import ConditionVisitor, children, documents_named, indicators_read, is_condition, walk
from ._model.model import AllOf, AnyOf, AtLeast, HasDocument, Not
from ._model.model import Condition as _Condition

__all__ = [
    "AllOf",
    "AnyOf",
    "AtLeast",
    "Condition",
    "ConditionVisitor",
    "HasDocument",
    "Not",
    "children",
    "documents_named",
    "indicators_read",
    "is_condition",
    "walk",
]

Condition = _Condition
"""Any condition: :class:`AtLeast` | :class:`HasDocument` | :class:`AllOf` | :class:`AnyOf` | :class:`Not`."""

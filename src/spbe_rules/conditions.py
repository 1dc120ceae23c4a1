"""Conditions: when a dependency rule releases its cap, and when a document is implied.

*Kondisi: kapan aturan ketergantungan melepas batasnya, dan kapan sebuah dokumen dianggap ada.*

A ruleset file writes a condition as ``{indicator: N, at_least: L}``, ``{document: KEY}``,
``{all: [...]}``, ``{any: [...]}`` or ``{not: ...}``; a loaded ruleset holds it as one of the
classes below (:data:`Condition` is their union), in :attr:`spbe_rules.model.Rule.unless` and
:attr:`spbe_rules.model.Document.implied_by`.

>>> import spbe_rules
>>> from spbe_rules.conditions import HasDocument
>>> rs = spbe_rules.load_ruleset("pedoman-3-2024")
>>> any(isinstance(r.unless, HasDocument) for r in rs.rules)
True
"""

from __future__ import annotations

from ._model.model import AllOf, AnyOf, AtLeast, HasDocument, Not
from ._model.model import Condition as _Condition

__all__ = ["AllOf", "AnyOf", "AtLeast", "Condition", "HasDocument", "Not"]

Condition = _Condition
"""Any condition: :class:`AtLeast` | :class:`HasDocument` | :class:`AllOf` | :class:`AnyOf` | :class:`Not`."""

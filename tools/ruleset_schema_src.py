"""Source of schemas/ruleset.schema.json (run: python tools/ruleset_schema_src.py > schemas/ruleset.schema.json).

Written as Python so that shared pieces (citations, status) are defined once;
the JSON file is what ships and what the loader reads."""

import json

DEC = {
    "type": ["number", "string"],
    "pattern": r"^[0-9]+(\.[0-9]+)?$",
    "minimum": 0,
    "description": 'A non-negative decimal, written as a number (1.30) or as text ("1.30"); held exactly.',
}
ID = {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", "maxLength": 64}
TEXT = {"type": "string", "minLength": 1, "maxLength": 4000}
STATUS = {
    "status": {
        "enum": ["in_force", "provisional"],
        "description": "in_force (default): confirmed by the regulation or by published results. provisional: from a single secondary source or inferred; `reason` must say why and what would settle it.",
    },
    "reason": {**TEXT, "description": "Why this item is provisional (or superseded), and what would settle it."},
}
PROVISIONAL_NEEDS_REASON = {
    "if": {"properties": {"status": {"const": "provisional"}}, "required": ["status"]},
    "then": {"required": ["reason"]},
}
CITATION = {"$ref": "#/$defs/citation"}
INDICATOR_NO = {"type": "integer", "minimum": 1, "maximum": 999, "description": "An indicator number."}
LEVEL = {"type": "integer", "minimum": 0, "maximum": 10, "description": "A maturity level (a whole number)."}
LEVEL_KEY = r"^(0|[1-9][0-9]?)$"
NUMBER_KEY = r"^[1-9][0-9]{0,2}$"
KIND_KEY = r"^[a-z][a-z0-9_]*$"
REQ_ID = {
    "type": "string",
    "pattern": r"^[0-9]{1,3}\.[0-9]{1,2}\.[a-z0-9][a-z0-9-]*$",
    "maxLength": 80,
    "description": "A requirement id: <indicator>.<level>.<slug>, e.g. 1.4.reviu.",
}
WORDING = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "en"],
    "properties": {"id": TEXT, "en": TEXT},
    "description": "A text in Bahasa Indonesia (id) and English (en).",
}


def obj(props, required=(), desc=None, extra=None):
    o = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        o["required"] = list(required)
    if desc:
        o["description"] = desc
    if extra:
        o.update(extra)
    return o


schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://spbe-rules.invalid/schemas/ruleset.schema.json",
    "title": "spbe-rules ruleset",
    "description": "One SPBE evaluation regime (a regulation, or a guideline that changes one) as data: its indicators, weights, level scale, predikat bands, display rule and dependency rules. See docs/formats.md.",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "format",
        "id",
        "version",
        "title",
        "status",
        "sources",
        "legal_basis",
        "applies_to",
        "scale",
        "total_weight",
        "aspects",
        "indicators",
        "predikat",
        "display",
    ],
    "properties": {
        "format": {"const": "spbe-rules/ruleset@1", "description": "The version of this file format. Always spbe-rules/ruleset@1."},
        "id": {**ID, "pattern": r"^[a-z0-9][a-z0-9-]*$", "description": "Short unique name of the ruleset, lowercase with dashes (e.g. permenpanrb-59-2020)."},
        "version": {
            "type": "string",
            "pattern": r"^[0-9]+\.[0-9]+\.[0-9]+$",
            "description": "Version of this data file (e.g. 1.0.0). Raise it whenever you change the file.",
        },
        "title": TEXT,
        "description": TEXT,
        "status": {"enum": ["in_force", "provisional", "superseded"], "description": "in_force, provisional (give `reason`) or superseded."},
        "reason": STATUS["reason"],
        "extends": {**ID, "description": "Id of the ruleset this one changes. Only what differs is written here."},
        "remove": obj(
            {
                k: {"type": "array", "items": v}
                for k, v in {"domains": ID, "aspects": ID, "indicators": INDICATOR_NO, "rules": ID, "documents": ID, "stages": ID}.items()
            },
            desc="Items of the base ruleset to delete (only with `extends`).",
        ),
        "sources": {
            "type": "array",
            "minItems": 1,
            "items": {"$ref": "#/$defs/source"},
            "description": "Every regulation, decree, report or secondary source this file cites.",
        },
        "legal_basis": CITATION,
        "applies_to": obj(
            {
                "evaluation_years": {
                    "type": "array",
                    "items": {"type": "integer", "minimum": 2000, "maximum": 2100},
                    "uniqueItems": True,
                    "description": "Evaluation years this ruleset is in force for.",
                }
            },
            required=["evaluation_years"],
            desc="When this ruleset is used.",
        ),
        "scale": {"$ref": "#/$defs/scale"},
        "total_weight": {**DEC, "description": "Sum of the domain weights (or of the aspect weights when there are no domains), usually 100."},
        "domains": {"type": "array", "items": {"$ref": "#/$defs/domain"}},
        "aspects": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/aspect"}},
        "indicators": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/indicator"}},
        "predikat": {"$ref": "#/$defs/predikat"},
        "display": {"$ref": "#/$defs/display"},
        "stages": {
            "type": "array",
            "items": obj(
                {
                    "id": ID,
                    "name": TEXT,
                    "description": TEXT,
                    "citation": CITATION,
                    "kind": {
                        "enum": ["assessment", "review"],
                        "description": "assessment (default): the stage gives levels. review: the Tim Reviu marks each earlier result `valid` or corrects its level with a reason; a review stage is the last stage.",
                    },
                    **STATUS,
                },
                ["id", "name"],
                extra={"allOf": [PROVISIONAL_NEEDS_REASON]},
            ),
            "description": "Evaluation stages in order; a later stage's level replaces an earlier one.",
        },
        "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
        "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}},
        "evidence_kinds": {
            "type": "object",
            "propertyNames": {"pattern": KIND_KEY},
            "additionalProperties": obj({"name": WORDING, "description": WORDING}, ["name"]),
            "description": "Kinds of evidence (bukti dukung), each declared once: kind id -> {name: {id, en}}.",
        },
        "requirements": {
            "type": "object",
            "propertyNames": {"pattern": NUMBER_KEY},
            "additionalProperties": {
                "type": "object",
                "propertyNames": {"pattern": LEVEL_KEY},
                "minProperties": 1,
                "additionalProperties": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/requirement"}},
                "description": "Level -> the requirement items this level adds (levels are cumulative).",
            },
            "description": "Indicator number -> level -> requirement items. See docs/formats.md.",
        },
        "requirements_unavailable": {
            "type": "object",
            "propertyNames": {"pattern": NUMBER_KEY},
            "additionalProperties": WORDING,
            "description": "Indicator number -> why it has no requirement items ({id, en}).",
        },
        "evidence_policy": {"$ref": "#/$defs/evidence_policy"},
    },
    "allOf": [{"if": {"properties": {"status": {"const": "provisional"}}, "required": ["status"]}, "then": {"required": ["reason"]}}],
    "$defs": {
        "citation": obj(
            {
                "source": {**ID, "description": "Id of an entry in `sources`."},
                "section": {**TEXT, "description": "Article, section, table or page, e.g. 'Lampiran, Bab II huruf B angka 5, Tabel 13'."},
                "note": TEXT,
            },
            ["source", "section"],
            "Where the regulation (or another source) says this.",
        ),
        "source": obj(
            {
                "id": ID,
                "title": TEXT,
                "kind": {"enum": ["regulation", "guideline", "decree", "report", "secondary"]},
                "date": {"type": "string", "description": "Date of enactment or publication (YYYY-MM-DD)."},
                "number": TEXT,
                "url": TEXT,
                "confidence": {
                    "enum": ["confirmed", "single_source", "inferred"],
                    "description": "confirmed (regulation text or reproduced from published results), single_source, inferred.",
                },
                "note": TEXT,
                "pages": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 100000,
                    "description": "Number of pages of the document; every cited `page` must lie within it.",
                },
            },
            ["id", "title", "kind"],
        ),
        "scale": obj(
            {
                "min": LEVEL,
                "max": LEVEL,
                "citation": CITATION,
                "capabilities": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/capability"}},
                **STATUS,
            },
            ["min", "max", "capabilities"],
            "The level scale: lowest and highest level, and the level names per capability type.",
            {"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "capability": obj(
            {
                "id": ID,
                "name": TEXT,
                "description": TEXT,
                "levels": {
                    "type": "object",
                    "propertyNames": {"pattern": LEVEL_KEY},
                    "additionalProperties": TEXT,
                    "description": "Name of each level, e.g. {1: Rintisan, 2: Terkelola}.",
                },
            },
            ["id", "name", "levels"],
        ),
        "domain": obj(
            {"id": ID, "name": TEXT, "weight": DEC, "description": TEXT, "citation": CITATION, **STATUS},
            ["id", "name", "weight", "citation"],
            extra={"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "aspect": obj(
            {"id": ID, "name": TEXT, "domain": ID, "weight": DEC, "description": TEXT, "citation": CITATION, **STATUS},
            ["id", "name", "weight", "citation"],
            extra={"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "indicator": obj(
            {
                "number": INDICATOR_NO,
                "name": TEXT,
                "aspect": ID,
                "weight": DEC,
                "capability": ID,
                "question": TEXT,
                "criteria": {
                    "type": "object",
                    "propertyNames": {"pattern": LEVEL_KEY},
                    "additionalProperties": TEXT,
                    "description": "A short summary of what each level requires, in our own words.",
                },
                "citation": CITATION,
                **STATUS,
                "sub_levels": obj(
                    {
                        "min": {"type": "integer", "minimum": 1, "maximum": 10, "description": "Fewest sub-levels an assessment may give."},
                        "max": {"type": "integer", "minimum": 1, "maximum": 10, "description": "Most sub-levels an assessment may give."},
                        "combine": {"enum": ["mean"], "description": "mean: the level that counts is the exact mean of the sub-levels (never rounded)."},
                        "item": {**TEXT, "description": "What one sub-level scores, e.g. layanan publik."},
                        "citation": CITATION,
                        **STATUS,
                    },
                    ["min", "max", "combine", "citation"],
                    "The indicator is scored for several items (an assessment gives a list of levels) and the levels are combined.",
                    {"allOf": [PROVISIONAL_NEEDS_REASON]},
                ),
                "external": obj(
                    {
                        "source": {**TEXT, "description": "The other agency's index the value comes from, e.g. Indeks Satu Data Indonesia (SDI)."},
                        "agency": {**TEXT, "description": "The agency that measures it."},
                        "min": {**DEC, "description": "Lowest possible score."},
                        "includes": {
                            "enum": ["lower", "upper"],
                            "description": "lower (default): each band is [from, to), the highest also includes `to`; upper: each band is (from, to], the lowest also includes `from` (for tables written as 'at most 12.5', '12.5-37.5', ...).",
                        },
                        "max": {**DEC, "description": "Highest possible score."},
                        "bands": {
                            "type": "array",
                            "minItems": 1,
                            "items": obj(
                                {"from": DEC, "to": DEC, "value": DEC},
                                ["from", "to", "value"],
                                "Scores from `from` (included) up to `to` (not included; the highest band includes `to`) give the indicator `value`.",
                            ),
                        },
                        "citation": CITATION,
                        **STATUS,
                    },
                    ["source", "min", "max", "bands", "citation"],
                    "The indicator's value comes from another agency's index: the assessment gives the score ({score: ...}) and the bands convert it.",
                    {"allOf": [PROVISIONAL_NEEDS_REASON]},
                ),
            },
            ["number", "name", "aspect", "weight", "capability", "criteria", "citation"],
            extra={"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "predikat": obj(
            {
                "citation": CITATION,
                **STATUS,
                "bands": {
                    "type": "array",
                    "minItems": 1,
                    "items": obj(
                        {"name": TEXT, "from": DEC, "to": DEC, "name_en": TEXT},
                        ["name", "from", "to"],
                        "A band covers from `from` (included) up to `to` (not included; the highest band includes `to`).",
                    ),
                },
            },
            ["bands", "citation"],
            extra={"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "display": obj(
            {
                "decimals": {"type": "integer", "minimum": 0, "maximum": 6},
                "rounding": {"enum": ["half_up", "half_even", "down", "up"]},
                "predikat_from": {
                    "enum": ["rounded", "exact"],
                    "description": "rounded: the predikat is read from the index as displayed (rounded); exact: from the unrounded index.",
                },
                "citation": CITATION,
                **STATUS,
            },
            ["decimals", "rounding", "predikat_from"],
            "How indices are shown and which value the predikat is read from.",
            {"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "document": obj(
            {
                "key": {**ID, "pattern": r"^[a-z][a-z0-9_]*$"},
                "name": TEXT,
                "description": TEXT,
                "implied_by": {"$ref": "#/$defs/condition"},
                "citation": CITATION,
                "evidence": {"$ref": "#/$defs/evidence_need", "description": "What an evidence item standing for this document must satisfy."},
                **STATUS,
            },
            ["key", "name"],
            "A document (e.g. Arsitektur SPBE) that rules can depend on.",
            {"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "page_citation": obj(
            {
                "source": {**ID, "description": "Id of an entry in `sources`."},
                "page": {"type": "integer", "minimum": 1, "maximum": 100000, "description": "Page of the source."},
                "section": TEXT,
                "note": TEXT,
            },
            ["source"],
            "Where the source says this: a page and/or a section.",
            {"anyOf": [{"required": ["page"]}, {"required": ["section"]}]},
        ),
        "evidence_need": obj(
            {
                "kind": {"type": "string", "pattern": KIND_KEY, "description": "A key of `evidence_kinds`."},
                "adopted": {"type": "boolean", "description": "true: the document must be formally adopted (ditetapkan); a draft does not count."},
                "max_age": {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 1000},
                    "description": "Maximum age at the evaluation date, in one unit: {years: 2}, {months: 6} or {days: 90}.",
                },
                "scope": {
                    "type": "array",
                    "items": {"type": "string", "pattern": KIND_KEY},
                    "uniqueItems": True,
                    "description": "Items the evidence must cover (e.g. the six architecture domains).",
                },
                "after": {
                    **REQ_ID,
                    "description": "The evidence must be dated after the evidence that met this requirement (a lower level of the same indicator).",
                },
            },
            ["kind"],
            "The evidence a requirement needs.",
        ),
        "requirement": obj(
            {
                "id": REQ_ID,
                "text": WORDING,
                "citation": {"$ref": "#/$defs/page_citation"},
                "evidence": {"$ref": "#/$defs/evidence_need"},
                "optional": {"type": "boolean", "description": "true: never blocks the level (opsional)."},
            },
            ["id", "text", "citation"],
            "One requirement item of a level.",
        ),
        "evidence_policy": obj(
            {
                "supported_from": {**ID, "description": "From this stage on the level the evidence supports counts; earlier stages count the claimed level."},
                "without_stage": {"enum": ["claimed", "supported"], "description": "Which level counts for an assessment without stages."},
                "unreviewed": {"enum": ["counts", "ignored"], "description": "Whether evidence without an assessor's verdict counts."},
                "at_age_limit": {"enum": ["stale", "valid"], "description": "Evidence exactly as old as its max_age: stale (no longer valid) or valid."},
                "evaluation_dates": {
                    "type": "object",
                    "propertyNames": {"pattern": r"^[0-9]{4}$"},
                    "additionalProperties": {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                    "description": "Evaluation year -> the date evidence ages are measured at (YYYY-MM-DD), when an assessment gives no evaluated_on.",
                },
                "citation": {"$ref": "#/$defs/page_citation"},
                **STATUS,
            },
            ["supported_from", "without_stage", "unreviewed", "at_age_limit"],
            "How evidence is weighed (see docs/formats.md).",
            {"allOf": [PROVISIONAL_NEEDS_REASON]},
        ),
        "condition": obj(
            {
                "all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
                "any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
                "not": {"$ref": "#/$defs/condition"},
                "indicator": INDICATOR_NO,
                "at_least": LEVEL,
                "document": {**ID, "description": "Key of a declared document."},
            },
            desc="A condition: {indicator: N, at_least: L}, {document: KEY}, {all: [...]}, {any: [...]} or {not: ...}.",
            extra={"minProperties": 1},
        ),
        "rule": obj(
            {
                "id": ID,
                "kind": {
                    "enum": ["cap", "requires"],
                    "description": "cap: targets may not exceed max_level unless the condition holds. requires: one indicator may not exceed max_level unless the condition holds.",
                },
                "enabled": {"type": "boolean", "description": "false for an optional rule that a caller switches on."},
                "targets": {
                    "type": ["array", "object"],
                    "items": INDICATOR_NO,
                    "minItems": 1,
                    "properties": {
                        "domains": {"type": "array", "items": ID},
                        "aspects": {"type": "array", "items": ID},
                        "indicators": {"type": "array", "items": INDICATOR_NO},
                        "except": {"type": "array", "items": INDICATOR_NO},
                    },
                    "additionalProperties": False,
                    "description": "Indicator numbers, or {domains: [...], aspects: [...], except: [...]}.",
                },
                "indicator": INDICATOR_NO,
                "max_level": LEVEL,
                "unless": {"$ref": "#/$defs/condition"},
                "legal_basis": CITATION,
                "message": obj(
                    {"id": TEXT, "en": TEXT},
                    ["id", "en"],
                    "What to tell the institution, with placeholders {indicator}, {indicator_name}, {max_level}, {submitted}.",
                ),
                "description": TEXT,
                **STATUS,
            },
            ["id", "kind", "max_level", "unless", "legal_basis", "message"],
            extra={
                "allOf": [
                    PROVISIONAL_NEEDS_REASON,
                    {
                        "if": {"properties": {"kind": {"const": "cap"}}, "required": ["kind"]},
                        "then": {"required": ["targets"], "not": {"required": ["indicator"]}},
                    },
                    {
                        "if": {"properties": {"kind": {"const": "requires"}}, "required": ["kind"]},
                        "then": {"required": ["indicator"], "not": {"required": ["targets"]}},
                    },
                ]
            },
        ),
    },
}

if __name__ == "__main__":
    print(json.dumps(schema, indent=2, ensure_ascii=False))

"""The evaluation engine: compiled rulesets, evaluate, results, explanations."""

"""Analyses built on the engine: planner, what-if, diff, impact, case suites."""

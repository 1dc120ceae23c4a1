"""Lowest layer: errors, text helpers, shipped resources, atomic writes."""

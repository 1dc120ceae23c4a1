"""Batch evaluation and its file formats."""

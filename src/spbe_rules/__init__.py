"""spbe-rules: Indonesia's SPBE evaluation regulations as versioned, tested data."""

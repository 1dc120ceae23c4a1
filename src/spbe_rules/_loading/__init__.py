"""Reading, checking, merging and selecting rulesets; reading assessments."""

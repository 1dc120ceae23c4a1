"""The ruleset model classes and the project's cattrs converter."""

"""Names vulture reports as unused in src/ that are used, read by vulture together with the source
(``tests/test_style.py::test_no_dead_code``). Each entry says why it stays. An attribute here marks
every member of that name as used, so keep the list short: remove dead code instead of adding it.

Kept:
- public API: methods and fields of public classes that programs (and the tests) use, though no
  code inside the package calls them;
- data fields: what a ruleset, crosswalk or suite file states, kept in the model and its JSON;
- protocols: names Python, pytest, openpyxl or the zip format call or read, not our code.
"""

from typing import Any

_: Any = None

# -- protocols ---------------------------------------------------------------------------------
_.__getattr__  # PEP 562 module attribute hook (spbe_rules/__init__.py, _model/converter.py)
_.__dir__  # PEP 562 dir() of the lazy namespace
_.derive  # ValidationError.derive: ExceptionGroup.split/subgroup build their parts with it
_.readable  # io protocol of the bounded reader in _io/batch_read.py
_.pytest_addoption  # pytest plugin hooks (spbe_rules/pytest_plugin.py)
_.pytest_configure
_.pytest_collect_file
_.collect  # pytest.File.collect
_.runtest  # pytest.Item.runtest
_.reportinfo  # pytest.Item.reportinfo
_.required  # argparse: subparsers.required = True
_.showwarning  # warnings.showwarning = ... (the command line's warning format)
_.compress_type  # zipfile.ZipInfo fields set when the .xlsx is rewritten reproducibly
_.external_attr
_.number_format  # openpyxl cell and sheet attributes set when writing workbooks
_.data_type
_.font
_.alignment
_.freeze_panes
_.errorTitle

# -- public API (spbe_rules and its submodules) -------------------------------------------------
_.from_levels  # Assessment.from_levels
_.to_json  # Result.to_json
_.arrays  # spbe_rules.batch.BatchNumbers.arrays
_.expected_in  # spbe_rules.analysis.Mismatch
_.got_in
_.mirrored  # spbe_rules.analysis.Change.mirrored
_.already_reached  # spbe_rules.analysis.Plan.already_reached

# -- data fields (stated in files, kept in the model and the JSON documents) --------------------
_.boundary_sensitive  # Suite: the cases the predikat boundary rule decides
_.method  # ImpactReport.method (in the impact JSON)
_.best_index  # Plan: the best index the limits allow when the target is unreachable
_.best_index_exact
_.index_low  # TransitionEstimate range and the estimate flag
_.index_high
_.estimate
_.not_carried  # Crosswalk fields from the crosswalk file
_.spread_reason
_.combine  # SubLevels.combine (ruleset field)
_.agency  # ExternalScore.agency (ruleset field)
_.question  # Indicator.question (ruleset field)

"""The example kommun's generator (scripts/make_example_kommun.py), importable by the tests."""

import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("make_example_kommun", ROOT / "scripts" / "make_example_kommun.py")
kommun = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kommun)

"""Checking a workbook: grids → a validated BoardReport plus every finding, all collected,
never raised. ``validate`` is the entry; the modules hold the checks by what they read."""

from .book import validate
from .rows import fixed_rows, free_rows, present
from .validator import Validator

__all__ = ["Validator", "fixed_rows", "free_rows", "present", "validate"]

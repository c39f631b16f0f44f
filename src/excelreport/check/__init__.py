"""Checking a workbook: the pieces of validate.py, by what they hold (validate re-exports them)."""

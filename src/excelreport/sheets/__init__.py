"""The result sheets, as plans both doors write (plan.py).
"""

"""Calculation: deviations, sums, goal suggestions (figures.py) and the forecast's history (forecast.py).
"""

"""The core: findings and their codes, exceptions, the board's model, numbers and names, atomic writes.

The lowest layer; it imports nothing else of the package.
"""

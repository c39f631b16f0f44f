"""The shipped profiles' names (a module of its own: the command line imports it at start)."""

STANDARD = "standard"
SHIPPED = ("standard", "exempelby-bun")

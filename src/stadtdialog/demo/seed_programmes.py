"""The demo of an action programme with needs, a prioritisation round and agreed priorities (issue 13)."""


def seed() -> None:
    """Filled in by the issue's branch."""

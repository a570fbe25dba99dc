"""The demo of a funding round with its committee, applications, a session and approved projects (issue 15)."""


def seed() -> None:
    """Filled in by the issue's branch."""

"""The demo of consultation requests, work aids, a networking meeting and a training (issue 15)."""


def seed() -> None:
    """Filled in by the issue's branch."""

"""The demo of district conferences, agreements, action items, an escalation, district projects (issue 13)."""


def seed() -> None:
    """Filled in by the issue's branch."""

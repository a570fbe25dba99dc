"""Action programmes: needs, prioritisation rounds with points, priorities (issue 13)."""

__all__: list[str] = []

"""District conferences, agreements, action items, escalations and district projects (issue 13)."""

__all__: list[str] = []

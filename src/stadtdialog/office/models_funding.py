"""Funding rounds, applications, the committee and its sessions, approvals and use-of-funds reports (issue 15)."""

__all__: list[str] = []

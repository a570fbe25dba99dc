"""Consultation requests, work aids, trainings and networking meetings (issue 15)."""

__all__: list[str] = []

"""Demo of the open data: the download of everything public is built once, so the link on /api/ works at once
(in production the nightly `manage.py build_open_data --enqueue` keeps it fresh)."""

from stadtdialog.api import opendata


def seed() -> dict:
    return opendata.build()

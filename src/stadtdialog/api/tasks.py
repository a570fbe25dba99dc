"""The nightly rebuild of the open-data download, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task


@task()
def build_open_data() -> dict:
    """Build the ZIP of everything public (opendata.build) and return its manifest."""
    from . import opendata

    return opendata.build()

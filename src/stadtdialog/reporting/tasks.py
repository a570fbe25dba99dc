"""Background work of reporting, run by the task worker (`manage.py db_worker`): the annual report PDF."""

from django_tasks import task

from .services import make_annual_report


@task()
def make_annual_report_pdf(report_id: int) -> str | None:
    """Make the annual report PDF into the storage; the file's name, None if nothing was made."""
    return make_annual_report(report_id)

"""Background work of reporting, run by the task worker (`manage.py db_worker`): the annual report PDF."""

from django_tasks import task

from .services import make_annual_report, make_letters


@task()
def make_annual_report_pdf(report_id: int) -> str | None:
    """Make the annual report PDF into the storage; the file's name, None if nothing was made."""
    return make_annual_report(report_id)


@task()
def make_letters_pdf(run_id: int) -> str | None:
    """Merge the letter with the addresses into one PDF in the private storage; the addresses are deleted."""
    return make_letters(run_id)

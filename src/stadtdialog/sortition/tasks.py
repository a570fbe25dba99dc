"""Background work of the sortition, run by the task worker (`manage.py db_worker`); the request only
queues it: the computation of selection runs and the making of the invitation letters."""

from django_tasks import task

from .services.letters import make_letters
from .services.runs import compute_run


@task()
def compute_selection_run(run_id: int) -> str | None:
    """Compute a queued selection run (LEXIMIN or LEGACY); its final status, None if it was not queued."""
    return compute_run(run_id)


@task()
def make_invitation_letters(letters_id: int, base_url: str) -> str | None:
    """Make the invitation letters PDF into the private storage; the file's name, None if nothing was made."""
    return make_letters(letters_id, base_url)

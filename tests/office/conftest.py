import pytest


@pytest.fixture(autouse=True)
def _mail_at_once(request, monkeypatch):
    """The tests run inside one transaction that never commits: run what waits for the commit at once (mails)."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())

"""An author edits their contribution while staff answer it, at the same moment: on PostgreSQL both lock the
contribution row, so either the edit comes first (saved, then answered) or the answer does (the edit is refused in
German as answered); never an edit after the answer, never a server error."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from stadtdialog.accounts.models import Role
from stadtdialog.dialog import services
from stadtdialog.dialog.models import Contribution, Response
from tests.dialog.dialog_factories import ContributionFactory, open_process
from tests.factories import staff_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.mark.parametrize("round_", range(3))
def test_an_edit_and_the_answer_at_once_never_give_an_edit_after_the_answer(round_):
    contribution = ContributionFactory(process=open_process(), text="Erste Fassung")
    author = contribution.author
    staff = staff_user(Role.Kind.COORDINATION)
    barrier = threading.Barrier(2)
    outcome = {}

    def edit():
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            own = Contribution.objects.select_related("process").get(pk=contribution.pk)
            services.edit_contribution(author, own, kind=own.kind, title=own.title, text="Zweite Fassung")
            outcome["edit"] = "saved"
        except ValidationError as error:
            outcome["edit"] = error.code
        finally:
            connections.close_all()

    def answer():
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            target = Contribution.objects.select_related("process__plan").get(pk=contribution.pk)
            services.answer_contribution(staff, target, "under_review", "")
            outcome["answer"] = "saved"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit), threading.Thread(target=answer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert outcome["answer"] == "saved"
    assert outcome["edit"] in {"saved", "answered"}
    contribution.refresh_from_db()
    response = Response.objects.get(contribution=contribution)
    if outcome["edit"] == "saved":
        assert contribution.text == "Zweite Fassung"
        assert contribution.edited_at <= response.updated_at  # edited before it was answered
    else:
        assert contribution.text == "Erste Fassung" and contribution.edited_at is None

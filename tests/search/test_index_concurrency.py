"""Two transactions re-index the same objects at the same moment (two saves of a contribution, a moderator and
its author): on PostgreSQL both succeed (the entries are written as an upsert), and the index holds each object
once, as it is now."""

import threading

import pytest
from django.db import connection

from stadtdialog.search import index
from stadtdialog.search.models import SearchEntry
from tests.dialog.dialog_factories import ContributionFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL"),
]


@pytest.mark.parametrize("round_", range(3))
def test_two_reindexes_at_once_give_one_entry_each_and_no_error(round_):
    contributions = [ContributionFactory(title=f"Sitzbank am Maschsee {n}") for n in range(20)]
    ids = [c.pk for c in contributions]
    SearchEntry.objects.filter(kind="contribution").delete()
    barrier = threading.Barrier(2)
    errors = []

    def run():
        from django.db import connections

        try:
            barrier.wait(timeout=30)
            index.reindex("contribution", ids)
        except Exception as error:  # noqa: BLE001  (the test reports any error)
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert errors == []
    assert sorted(SearchEntry.objects.filter(kind="contribution").values_list("object_id", flat=True)) == sorted(ids)

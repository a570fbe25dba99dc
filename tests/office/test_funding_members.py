"""Removing a member from a funding round's committee (Vergabegremium): the office confirms on a page of its own
(no JavaScript), the removal is logged; a member who was present at a session, voted or declared a conflict of
interest stays, because the minutes and the decisions name them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.office.models import CommitteeMember, Vote
from stadtdialog.office.services import funding as services
from tests.factories import UserFactory, staff_user

from .funding_factories import committee_with_members, council_member, on_agenda, open_session, world

pytestmark = pytest.mark.django_db


def _url(seat, round_pk=None):
    url = reverse("office:staff_funding_member_remove", args=[seat.pk])
    return f"{url}?runde={round_pk}" if round_pk else url


def test_the_office_removes_a_member_from_the_rounds_page_after_confirming(client):
    office, committee, members, rnd = world()
    seat = members[4]
    client.force_login(office)
    round_page = client.get(reverse("office:staff_funding_round", args=[rnd.pk])).content.decode()
    assert f'href="{_url(seat, rnd.pk)}"' in round_page and "Aus dem Gremium entfernen" in round_page
    committee_page = client.get(reverse("office:staff_funding_committee", args=[committee.pk])).content.decode()
    assert f'href="{_url(seat)}"' in committee_page

    page = client.get(_url(seat, rnd.pk))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Gremiumsmitglied 5, Mitglied im Gremium" in text
    assert "Ihr Konto bleibt bestehen." in text and 'name="csrfmiddlewaretoken"' in text
    assert CommitteeMember.objects.filter(pk=seat.pk).exists()  # GET changes nothing

    response = client.post(_url(seat, rnd.pk), follow=True)
    assert response.redirect_chain == [(reverse("office:staff_funding_round", args=[rnd.pk]), 302)]
    assert "Gremiumsmitglied 5 ist nicht mehr Mitglied des Gremiums." in response.content.decode()
    assert not CommitteeMember.objects.filter(pk=seat.pk).exists()
    assert seat.user.__class__.objects.filter(pk=seat.user_id).exists()  # the account stays
    entry = AuditEntry.objects.filter(action="funding.member_remove").get()
    assert (entry.actor, entry.object_id, entry.changes) == (
        office,
        str(committee.pk),
        {"member": ["Gremiumsmitglied 5", None]},
    )

    # without ?runde= (from the committee's page) the way back is the committee's page; a foreign round is ignored
    other = members[3]
    response = client.post(_url(other, 999999))
    assert response.status_code == 302
    assert response["Location"] == reverse("office:staff_funding_committee", args=[committee.pk])


def test_the_removal_needs_the_csrf_token():
    office, _committee, members, _rnd = world()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(office)
    assert strict.post(_url(members[0])).status_code == 403
    assert CommitteeMember.objects.filter(pk=members[0].pk).exists()


@pytest.mark.parametrize("took_part", ["present", "voted", "conflict"])
def test_a_member_who_took_part_in_a_session_stays_and_the_page_says_why(client, took_part):
    office, _committee, members, rnd = world()
    _app, session, item = on_agenda(office, council_member(), rnd)
    seat = members[0]
    open_session(office, session, members if took_part != "conflict" else members[1:])
    if took_part == "voted":
        services.cast_vote(seat.user, item, "yes")
    if took_part == "conflict":
        services.declare_conflict(seat.user, item, "Ich bin im Vorstand des Vereins.")
    client.force_login(office)
    page = client.get(_url(seat)).content.decode()
    assert "Das Mitglied kann nicht entfernt werden" in page
    assert "Gremiumsmitglied 1 hat an einer Sitzung des Gremiums teilgenommen" in page
    assert "die Stimmen werden nicht gelöscht" in page
    assert 'class="form-actions"' not in page  # no button to press
    response = client.post(_url(seat))
    assert (
        response.status_code == 400
        and "Damit Protokolle und Entscheidungen vollständig bleiben" in response.content.decode()
    )
    assert CommitteeMember.objects.filter(pk=seat.pk).exists()
    assert Vote.objects.filter(member=seat).count() == (1 if took_part == "voted" else 0)
    assert not AuditEntry.objects.filter(action="funding.member_remove").exists()
    with pytest.raises(ValidationError):
        services.remove_committee_member(office, seat)


def test_only_the_office_removes_members(client):
    office, _committee, members, _rnd = world()
    seat = members[2]
    for person in (members[0].user, staff_user(), UserFactory()):
        client.force_login(person)
        assert client.get(_url(seat)).status_code == 403
        assert client.post(_url(seat)).status_code == 403
        with pytest.raises(PermissionDenied):
            services.remove_committee_member(person, seat)
    assert CommitteeMember.objects.filter(pk=seat.pk).exists()
    client.logout()
    assert client.get(_url(seat)).status_code == 302  # to the login page


def test_a_member_removed_meanwhile_gets_a_german_message():
    office, _committee, members, _rnd = world()
    seat = members[1]
    services.remove_committee_member(office, CommitteeMember.objects.get(pk=seat.pk))
    with pytest.raises(ValidationError) as error:
        services.remove_committee_member(office, seat)
    assert "bereits aus dem Gremium entfernt" in " ".join(error.value.messages)


def test_the_round_page_costs_the_same_queries_for_two_members_or_six(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .funding_factories import funding_round

    office = staff_user(Role.Kind.COORDINATION)
    counts = []
    for count in (2, 6):
        committee, _members = committee_with_members(office, count=count, quorum=1)
        rnd = funding_round(office, committee)
        client.force_login(office)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("office:staff_funding_round", args=[rnd.pk])).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("bad", ["²", "٣", "1" * 30, "-1", "1.5", ""])
def test_a_bad_round_in_the_way_back_is_ignored(client, bad):
    """?runde= came from our own link; anything else (a superscript digit, an Arabic-Indic digit, more than a bigint)
    leads back to the committee instead of a 500 (route fuzz)."""
    office, committee, members, rnd = world()
    client.force_login(office)
    response = client.get(_url(members[4]), {"runde": bad})
    assert response.status_code == 200
    assert reverse("office:staff_funding_committee", args=[committee.pk]) in response.content.decode()

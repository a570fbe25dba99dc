"""Action programmes (issue 13 item 5): residents propose needs in a prioritisation round and distribute their points
(without JavaScript: a number field per need, the sum checked by the server, a German error that keeps what was
typed); needs from concerns (the link kept, nothing personal copied) and conferences; moderation and answers like
contributions; the priorities the conference agrees and the directors' decision on the programme page and the
district page; permissions; the open-data read; constant queries."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from stadtdialog.core.models import AuditEntry
from stadtdialog.districts import queries_programmes as queries
from stadtdialog.districts import services_programmes as services
from stadtdialog.districts.models.concerns import Concern
from stadtdialog.districts.models.programmes import Allocation, Ballot, Need, Priority
from stadtdialog.moderation import services as moderation
from stadtdialog.moderation.models import Flag
from tests.districts.programme_world import programme_world, propose

pytestmark = pytest.mark.django_db


def points_url(w):
    return reverse("districts:round_points", args=[w["linden"].slug, w["round"].pk])


def programme_url(w):
    return reverse("districts:programme", args=[w["linden"].slug])


def points_post(needs_points: dict) -> dict:
    return {f"need_{need.pk}": str(value) for need, value in needs_points.items()}


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# -- proposing and points --------------------------------------------------------------------------------


def test_a_resident_proposes_a_need_and_distributes_points_without_javascript(client):
    w = programme_world()
    resident = w["residents"][0]
    client.force_login(resident)
    url = reverse("districts:round_propose", args=[w["linden"].slug, w["round"].pk])
    response = client.post(
        url,
        {
            "field_of_action": w["space"].pk,
            "title": "Mehr Sitzbänke am Lindener Marktplatz",
            "text": "Auf dem Marktplatz fehlen Bänke im Schatten.",
        },
    )
    assert response.status_code == 302
    benches = Need.objects.get()
    assert (benches.source, benches.author, benches.round) == (Need.Source.RESIDENT, resident, w["round"])
    crossing = propose(w, "Sichere Querung Fössestraße", resident=1)

    page = client.get(points_url(w))
    assert page.status_code == 200
    html = text_of(page)
    assert "Mehr Sitzbänke am Lindener Marktplatz" in html and "Sichere Querung Fössestraße" in html
    assert 'type="number"' in html and "js/points.js" in html and "<script>" not in html
    response = client.post(points_url(w), points_post({benches: 6, crossing: 4}))
    assert response.status_code == 302
    benches.refresh_from_db()
    crossing.refresh_from_db()
    assert (benches.points_total, crossing.points_total) == (6, 4)

    # changeable until the round closes: the new points replace the old ones
    assert client.post(points_url(w), points_post({benches: 1, crossing: 9})).status_code == 302
    benches.refresh_from_db()
    crossing.refresh_from_db()
    assert (benches.points_total, crossing.points_total) == (1, 9)
    assert Ballot.objects.filter(resident=resident).count() == 1
    assert dict(Allocation.objects.filter(resident=resident).values_list("need__title", "points")) == {
        "Mehr Sitzbänke am Lindener Marktplatz": 1,
        "Sichere Querung Fössestraße": 9,
    }
    # the form shows what is stored
    assert 'value="9"' in text_of(client.get(points_url(w)))
    # and the ranking on the programme page follows
    html = text_of(client.get(programme_url(w)))
    assert html.index("Sichere Querung Fössestraße") < html.index("Mehr Sitzbänke am Lindener Marktplatz")
    assert AuditEntry.objects.filter(action="programme.points").count() == 2


def test_too_many_points_get_a_german_error_and_keep_what_was_typed(client):
    w = programme_world()
    benches, crossing = propose(w), propose(w, "Sichere Querung Fössestraße", resident=1)
    client.force_login(w["residents"][2])
    response = client.post(points_url(w), points_post({benches: 8, crossing: 5}))
    assert response.status_code == 400
    html = text_of(response)
    assert "Sie haben 13 Punkte vergeben, können aber nur 10 verteilen" in html
    assert 'value="8"' in html and 'value="5"' in html
    assert not Allocation.objects.exists()
    benches.refresh_from_db()
    assert benches.points_total == 0


def test_negative_points_get_a_german_error_and_keep_what_was_typed(client):
    w = programme_world()
    benches, crossing = propose(w), propose(w, "Sichere Querung Fössestraße", resident=1)
    client.force_login(w["residents"][2])
    response = client.post(points_url(w), {f"need_{benches.pk}": "-2", f"need_{crossing.pk}": "3"})
    assert response.status_code == 400
    html = text_of(response)
    assert "Punkte können nicht negativ sein." in html
    assert 'value="-2"' in html and 'value="3"' in html
    assert not Allocation.objects.exists()
    with pytest.raises(ValidationError):
        services.allocate(w["residents"][2], w["round"], {benches.pk: -2, crossing.pk: 3})


def test_after_the_round_closed_points_are_refused_in_german_and_the_input_kept(client):
    w = programme_world()
    benches = propose(w)
    client.force_login(w["residents"][1])
    assert client.post(points_url(w), points_post({benches: 4})).status_code == 302
    round_ = w["round"]
    round_.opens_at = timezone.now() - datetime.timedelta(days=20)
    round_.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    round_.save()
    response = client.post(points_url(w), points_post({benches: 7}))
    assert response.status_code == 400
    html = text_of(response)
    assert "Diese Priorisierungsrunde wurde am" in html and "abgeschlossen" in html
    assert 'value="7"' in html
    benches.refresh_from_db()
    assert benches.points_total == 4  # the earlier points stay
    # proposing is closed too, and the GET page says so without a form
    with pytest.raises(ValidationError, match="abgeschlossen"):
        propose(w, "Noch ein Vorschlag", resident=2)
    assert "Diese Runde ist abgeschlossen" in text_of(client.get(points_url(w)))


def test_only_verified_residents_take_part(client):
    w = programme_world()
    benches = propose(w)
    with pytest.raises(PermissionDenied):
        services.allocate(w["unverified"], w["round"], {benches.pk: 3})
    with pytest.raises(PermissionDenied):
        propose_as(w["unverified"], w)
    client.force_login(w["unverified"])
    page = client.get(points_url(w))
    assert "bestätigten E-Mail-Adresse" in text_of(page)
    client.post(points_url(w), points_post({benches: 3}))
    assert not Allocation.objects.exists()
    client.logout()
    assert client.get(points_url(w)).status_code == 302  # to the login


def propose_as(user, w):
    return services.propose_need(user, w["round"], field_of_action=w["space"], title="Titel", text="Text")


def test_a_need_of_another_round_or_a_hidden_need_takes_no_points():
    w = programme_world()
    benches = propose(w)
    later = services.save_round(
        w["manager"],
        w["programme"],
        title="Herbstrunde",
        opens_at=timezone.now() - datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=3),
        points_per_resident=5,
    )
    elsewhere = services.propose_need(
        w["residents"][0], later, field_of_action=w["space"], title="Anderswo", text="In der Herbstrunde."
    )
    with pytest.raises(ValidationError, match="nicht mehr zu dieser Runde"):
        services.allocate(w["residents"][1], w["round"], {elsewhere.pk: 3})
    moderation.hide(w["moderator"], benches, "Beleidigender Inhalt")
    with pytest.raises(ValidationError, match="nicht mehr zu dieser Runde"):
        services.allocate(w["residents"][1], w["round"], {benches.pk: 3})
    assert not Allocation.objects.exists()


# -- moderation, answers ---------------------------------------------------------------------------------


def test_needs_are_reported_and_hidden_as_contributions_and_hidden_needs_are_not_shown(client):
    w = programme_world()
    benches = propose(w)
    rude = propose(w, "Beleidigung der Nachbarn", resident=1)
    client.force_login(w["residents"][2])
    flag_url = reverse("districts:need_flag", args=[w["linden"].slug, rude.pk])
    assert client.post(flag_url, {"reason": "Das ist beleidigend."}).status_code == 302
    assert Flag.objects.get().target == rude

    moderator = client.__class__()
    moderator.force_login(w["moderator"])
    queue = text_of(moderator.get(reverse("moderation:queue")))
    assert "Beleidigung der Nachbarn" in queue
    case_url = reverse("moderation:case") + f"?inhalt=need-{rude.pk}"
    assert moderator.get(case_url).status_code == 200
    response = moderator.post(case_url, {"step": "hide", "hide-reason": "Verstößt gegen die Netiquette"})
    assert response.status_code == 302
    rude.refresh_from_db()
    assert rude.is_hidden

    for html in (text_of(client.get(programme_url(w))), text_of(client.get(points_url(w)))):
        assert "Beleidigung der Nachbarn" not in html
        assert "Mehr Sitzbänke am Lindener Marktplatz" in html
    need_page = text_of(client.get(benches.get_absolute_url().replace(str(benches.pk), str(rude.pk))))
    assert "Beleidigung der Nachbarn" not in need_page and "Verstößt gegen die Netiquette" in need_page
    data = queries.public_programme(w["linden"])
    titles = [n["title"] for r in data["rounds"] for n in r["needs"]]
    assert titles == ["Mehr Sitzbänke am Lindener Marktplatz"]
    # the district manager still sees it, marked
    client.force_login(w["manager"])
    staff = text_of(client.get(reverse("districts:staff_programme", args=[w["linden"].slug])))
    assert "Beleidigung der Nachbarn" in staff and "von der Moderation ausgeblendet" in staff


def test_the_answer_needs_a_reason_and_is_shown_publicly(client):
    w = programme_world()
    benches = propose(w)
    client.force_login(w["manager"])
    url = reverse("districts:staff_need_answer", args=[w["linden"].slug, benches.pk])
    page = client.get(url)
    version = page.context["form"]["version"].value()
    response = client.post(url, {"answer_status": "not_taken", "answer_text": "", "version": version})
    assert response.status_code == 400
    assert "Bitte begründen Sie" in text_of(response)
    response = client.post(
        url,
        {
            "answer_status": "partly",
            "answer_text": "Zwei Bänke stellt der Fachbereich Umwelt und Stadtgrün im Sommer auf.",
            "version": version,
        },
    )
    assert response.status_code == 302
    client.logout()
    html = text_of(client.get(benches.get_absolute_url()))
    assert "Teilweise berücksichtigt" in html and "Zwei Bänke stellt der Fachbereich" in html
    assert "Lena Linden" not in html  # the answer names no staff member


# -- needs from concerns and conferences, priorities, the decision ----------------------------------------


def _concern(w) -> Concern:
    from stadtdialog.districts.models.concerns import ConcernCategory

    category, _created = ConcernCategory.objects.get_or_create(
        code="strassen", defaults={"name": "Straßen und Wege", "due_days": 21}
    )
    return Concern.objects.create(
        district=w["linden"],
        category=category,
        text="Vor meinem Haus Fössestraße 12 ist die Querung gefährlich, Frau Schmidt, Tel. 0511 123456.",
        email="frau.schmidt@example.org",
        due_on=timezone.localdate() + datetime.timedelta(days=21),
        confirmed_at=timezone.now(),
    )


def test_a_concern_is_taken_over_as_a_need_with_its_link_and_nothing_personal(client):
    w = programme_world()
    concern = _concern(w)
    client.force_login(w["manager"])
    staff_url = reverse("districts:staff_programme", args=[w["linden"].slug])
    assert f"Anliegen Nr. {concern.pk} als Handlungsbedarf übernehmen" in text_of(client.get(staff_url))
    url = reverse("districts:staff_concern_need", args=[w["linden"].slug, concern.pk])
    response = client.post(
        url,
        {
            "field_of_action": w["space"].pk,
            "title": "Sichere Querung Fössestraße",
            "text": "Mehrere Anliegen nennen die Querung an der Fössestraße als gefährlich.",
            "round": w["round"].pk,
        },
    )
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.source, need.concern, need.author) == (Need.Source.CONCERN, concern, None)
    # only once
    again = client.post(url, {"field_of_action": w["space"].pk, "title": "Noch einmal", "text": "x"})
    assert again.status_code == 400
    assert "bereits als Handlungsbedarf übernommen" in text_of(again) and 'value="Noch einmal"' in text_of(again)
    with pytest.raises(ValidationError, match="bereits"):
        services.take_over_concern(
            w["manager"], w["programme"], concern, field_of_action=w["space"], title="Noch einmal", text="x"
        )
    client.logout()
    for html in (text_of(client.get(programme_url(w))), text_of(client.get(need.get_absolute_url()))):
        assert "Sichere Querung Fössestraße" in html
        assert "Schmidt" not in html and "0511 123456" not in html and "frau.schmidt" not in html
    assert "Schmidt" not in str(queries.public_programme(w["linden"]))
    # a concern of another district cannot be taken over
    other = _concern(w)
    Concern.objects.filter(pk=other.pk).update(district=w["mitte"])
    other.refresh_from_db()
    with pytest.raises(ValidationError, match="anderen Stadtbezirk"):
        services.take_over_concern(w["manager"], w["programme"], other, field_of_action=w["space"], title="T", text="x")


def test_the_conference_agrees_priorities_and_the_directors_decide(client):
    w = programme_world()
    benches, crossing = propose(w), propose(w, "Sichere Querung Fössestraße", resident=1)
    for i, resident in enumerate(w["residents"]):
        services.allocate(resident, w["round"], {benches.pk: 3 + i, crossing.pk: 7 - i})
    client.force_login(w["manager"])
    slug = w["linden"].slug
    # a need from the conference
    response = client.post(
        reverse("districts:staff_need_create", args=[slug]),
        {
            "field_of_action": w["seniors"].pk,
            "title": "Treffpunkt für Seniorinnen und Senioren in Limmer",
            "text": "Die Fachbereiche berichten von fehlenden Räumen.",
            "source_on": "2027-03-12",
            "source_note": "Stadtbezirkskonferenz 12.03.2027",
        },
    )
    assert response.status_code == 302
    meeting = Need.objects.get(source=Need.Source.CONFERENCE)
    assert (meeting.source_on, meeting.entered_by) == (datetime.date(2027, 3, 12), w["manager"])
    # the comparison page: the ranking next to the plans in preparation
    comparison = text_of(client.get(reverse("districts:staff_programme_comparison", args=[slug])))
    assert comparison.index("Sichere Querung Fössestraße") < comparison.index("Mehr Sitzbänke am Lindener Marktplatz")
    assert "Vorhaben in Vorbereitung" in comparison
    # the priority
    url = reverse("districts:staff_priority_create", args=[slug])
    response = client.post(
        url,
        {
            "title": "Sichere Wege und Plätze in Linden-Nord",
            "field_of_action": w["space"].pk,
            "description": "Querungen und Aufenthaltsqualität rund um den Marktplatz.",
            "needs": [benches.pk, crossing.pk],
            "agreed_on": "2027-03-12",
            "agreed_at": "Stadtbezirkskonferenz 12.03.2027",
            "state": "agreed",
        },
    )
    assert response.status_code == 302, text_of(response)[:2000]
    priority = Priority.objects.get()
    assert set(priority.needs.all()) == {benches, crossing}
    # the directors' conference: date and outcome together
    programme_page = reverse("districts:staff_programme", args=[slug])
    form = client.get(programme_page).context["form"]
    data = {
        "title": w["programme"].title,
        "summary": w["programme"].summary,
        "is_published": "on",
        "decided_on": "2027-05-04",
        "outcome": "",
        "decision_text": "",
        "version": form["version"].value(),
    }
    response = client.post(programme_page, data)
    assert response.status_code == 400
    assert "Datum und das Ergebnis" in text_of(response)
    response = client.post(
        programme_page, {**data, "outcome": "approved", "decision_text": "Beschlossen ohne Änderungen."}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="programme.decision").exists()

    client.logout()
    html = text_of(client.get(programme_url(w)))
    assert "Sichere Wege und Plätze in Linden-Nord" in html
    assert "Stadtbezirkskonferenz 12.03.2027" in html and "Vereinbart" in html
    assert "Beschlossen" in html and "4. Mai 2027" in html
    assert "Treffpunkt für Seniorinnen und Senioren in Limmer" in html
    district = text_of(client.get(reverse("districts:detail", args=[slug])))
    assert "Aktionsprogramm Linden-Limmer 2027–2030" in district
    assert "Sichere Wege und Plätze in Linden-Nord" in district
    # the state changes and the public sees it
    client.force_login(w["manager"])
    edit = reverse("districts:staff_priority_edit", args=[slug, priority.pk])
    form = client.get(edit).context["form"]
    values = {
        "title": priority.title,
        "field_of_action": w["space"].pk,
        "description": priority.description,
        "needs": [benches.pk, crossing.pk],
        "agreed_on": "2027-03-12",
        "agreed_at": priority.agreed_at,
        "state": "in_progress",
        "state_note": "FB 66 plant die Querung für 2028.",
        "version": form["version"].value(),
    }
    assert client.post(edit, values).status_code == 302
    client.logout()
    html = text_of(client.get(programme_url(w)))
    assert "In Arbeit" in html and "FB 66 plant die Querung für 2028." in html


def test_public_programme_is_plain_public_data():
    w = programme_world()
    benches = propose(w)
    services.allocate(w["residents"][1], w["round"], {benches.pk: 4})
    services.save_priority(
        w["manager"],
        w["programme"],
        title="Plätze zum Verweilen",
        field_of_action=w["space"],
        needs=[benches],
        agreed_on=datetime.date(2027, 3, 12),
        agreed_at="Stadtbezirkskonferenz 12.03.2027",
    )
    data = queries.public_programme(w["linden"])
    assert data["district"] == {"number": 10, "name": "Linden-Limmer", "slug": "linden-limmer"}
    assert data["decision"] is None
    assert data["priorities"][0]["title"] == "Plätze zum Verweilen"
    assert data["priorities"][0]["needs"] == [benches.pk]
    (round_,) = data["rounds"]
    assert (round_["points_per_resident"], round_["residents"]) == (10, 1)
    need = round_["needs"][0]
    assert (need["title"], need["points"], need["residents"], need["source"]) == (
        "Mehr Sitzbänke am Lindener Marktplatz",
        4,
        1,
        "resident",
    )
    flat = str(data)
    for personal in ("Lindenerin", "Lena Linden", "@example"):
        assert personal not in flat
    # nothing while the programme is not published
    w["programme"].is_published = False
    w["programme"].save()
    assert queries.public_programme(w["linden"]) is None


# -- permissions ------------------------------------------------------------------------------------------


def test_another_districts_manager_cannot_manage_this_programme(client):
    w = programme_world()
    benches = propose(w)
    slug = w["linden"].slug
    client.force_login(w["other_manager"])
    for url in (
        reverse("districts:staff_programme", args=[slug]),
        reverse("districts:staff_programme_comparison", args=[slug]),
        reverse("districts:staff_round_create", args=[slug]),
        reverse("districts:staff_round_edit", args=[slug, w["round"].pk]),
        reverse("districts:staff_need_create", args=[slug]),
        reverse("districts:staff_need_answer", args=[slug, benches.pk]),
        reverse("districts:staff_priority_create", args=[slug]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Übernahme"}).status_code == 403, url
    for call in (
        lambda: services.save_programme(w["other_manager"], w["linden"], title="Übernahme"),
        lambda: services.answer_need(w["other_manager"], benches, status="taken", text=""),
        lambda: services.save_priority(
            w["other_manager"],
            w["programme"],
            title="X",
            field_of_action=w["space"],
            agreed_on=datetime.date(2027, 1, 1),
            agreed_at="X",
        ),
        lambda: services.add_conference_need(
            w["other_manager"],
            w["programme"],
            field_of_action=w["space"],
            title="X",
            text="X",
            source_on=datetime.date(2027, 1, 1),
            source_note="",
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert Need.objects.count() == 1 and not Priority.objects.exists()


def test_an_unpublished_programme_is_not_public(client):
    w = programme_world(published=False)
    assert client.get(programme_url(w)).status_code == 404
    client.force_login(w["residents"][0])
    assert client.get(points_url(w)).status_code == 404
    assert "Aktionsprogramm" not in text_of(client.get(reverse("districts:detail", args=[w["linden"].slug])))
    client.force_login(w["manager"])
    assert client.get(programme_url(w)).status_code == 200  # the manager checks it before publishing


# -- constant queries -------------------------------------------------------------------------------------


def _many(w, needs: int):
    made = [propose(w, f"Bedarf Nummer {i}", resident=i % 3) for i in range(needs)]
    for i, resident in enumerate(w["residents"]):
        services.allocate(resident, w["round"], {made[i].pk: 5, made[-1].pk: 5})
    return made


@pytest.mark.parametrize("needs", [3, 12])
def test_the_pages_take_constant_queries(client, django_assert_max_num_queries, needs):
    w = programme_world()
    _many(w, needs)
    services.save_priority(
        w["manager"],
        w["programme"],
        title="Plätze zum Verweilen",
        field_of_action=w["space"],
        needs=list(Need.objects.all()[:3]),
        agreed_on=datetime.date(2027, 3, 12),
        agreed_at="Stadtbezirkskonferenz 12.03.2027",
    )
    client.get(programme_url(w))  # warm the session and the city
    with django_assert_max_num_queries(12):
        assert client.get(programme_url(w)).status_code == 200
    client.force_login(w["residents"][0])
    client.get(points_url(w))
    with django_assert_max_num_queries(14):
        assert client.get(points_url(w)).status_code == 200
    client.force_login(w["manager"])
    slug = w["linden"].slug
    for name in ("districts:staff_programme", "districts:staff_programme_comparison"):
        client.get(reverse(name, args=[slug]))
        with django_assert_max_num_queries(22):
            assert client.get(reverse(name, args=[slug])).status_code == 200
    with django_assert_max_num_queries(5):
        queries.public_programme(w["linden"])


def test_a_deleted_account_takes_its_points_along_and_its_need_stays(client):
    from stadtdialog.accounts import services as account_services
    from stadtdialog.accounts.personal_data import exporters
    from tests.factories import PASSWORD

    w = programme_world()
    leaving = w["residents"][0]
    benches = propose(w, resident=0)
    services.allocate(leaving, w["round"], {benches.pk: 7})
    services.allocate(w["residents"][1], w["round"], {benches.pk: 2})
    exported = {name: fn(leaving) for name, fn in exporters().items() if name.startswith("district_")}
    assert exported["district_needs"][0]["title"] == "Mehr Sitzbänke am Lindener Marktplatz"
    assert exported["district_points"] == [
        {"round": "Priorisierungsrunde Frühjahr 2027", "need": "Mehr Sitzbänke am Lindener Marktplatz", "points": 7}
    ]
    account_services.delete_account(leaving, password=PASSWORD)
    benches.refresh_from_db()
    assert (benches.points_total, benches.author) == (2, None)
    assert not Ballot.objects.filter(resident_id=leaving.pk).exists()
    assert "gelöschtes Konto" in text_of(client.get(benches.get_absolute_url()))

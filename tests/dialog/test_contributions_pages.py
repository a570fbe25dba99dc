"""The dialog's pages: the list with filters and sorting, a contribution, the forms, and the query budget."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.dialog.models import Comment, Contribution, Support
from stadtdialog.organisation.models import Quarter
from tests.dialog.dialog_factories import (
    CommentFactory,
    ContributionFactory,
    ResponseFactory,
    contribution_data,
    image_file,
    moved_clock,
    not_an_image,
    open_process,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return open_process(title="Ideen für den Küchengarten")


@pytest.fixture
def resident(client):
    user = UserFactory(display_name="Kastanie")
    client.force_login(user)
    return user


def html(response) -> str:
    return response.content.decode()


def list_url(process, **params):
    from urllib.parse import urlencode

    return reverse("dialog:list", args=[process.pk]) + (f"?{urlencode(params)}" if params else "")


def titles(response) -> list[str]:
    return [c.title for c in response.context["page"].object_list]


# --- list


def test_the_list_is_public_and_shows_online_and_on_site_input(client, process):
    ContributionFactory(process=process, title="Bänke", author=UserFactory(display_name="Linde"))
    ContributionFactory(
        process=process, title="Postkarte Spielplatz", author=None, source="postcard", entered_by=process.lead_contact
    )
    response = client.get(list_url(process))
    assert response.status_code == 200
    page = html(response)
    assert page.count("<h1") == 1
    assert "2 Beiträge" in page
    assert re.search(r"\bLinde\b", page)  # the author, not "Linden-…"
    assert "vor Ort gesammelt (Postkarte)" in page
    assert "Der Online-Dialog ist geöffnet." in page
    assert "Beitrag schreiben" in page


def test_the_list_filters_by_kind_quarter_and_answer(client, process):
    linden = Quarter.objects.get(name="Linden-Mitte")
    idea = ContributionFactory(process=process, title="Idee Linden", quarter=linden)
    ContributionFactory(process=process, title="Frage", kind="question")
    answered = ContributionFactory(process=process, title="Einwand", kind="concern", answer_status="not_taken")
    ResponseFactory(contribution=answered, status="not_taken", text="Geht nicht, weil …")
    assert titles(client.get(list_url(process, kind="question"))) == ["Frage"]
    assert titles(client.get(list_url(process, quarter=linden.slug))) == [idea.title]
    assert titles(client.get(list_url(process, answer="not_taken"))) == ["Einwand"]
    assert sorted(titles(client.get(list_url(process, answer="none")))) == ["Frage", "Idee Linden"]
    # a bad filter value shows everything instead of an error page
    assert client.get(list_url(process, kind="nonsense")).status_code == 200


def test_the_list_sorts_by_newest_support_and_comments(client, process):
    old = ContributionFactory(process=process, title="Alt", support_count=5, comment_count=0)
    Contribution.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    ContributionFactory(process=process, title="Neu", support_count=1, comment_count=7)
    ContributionFactory(process=process, title="Mittel", support_count=3, comment_count=2)
    Contribution.objects.filter(title="Mittel").update(created_at=timezone.now() - datetime.timedelta(days=1))
    assert titles(client.get(list_url(process))) == ["Neu", "Mittel", "Alt"]
    assert titles(client.get(list_url(process, sort="supported"))) == ["Alt", "Mittel", "Neu"]
    assert titles(client.get(list_url(process, sort="commented"))) == ["Neu", "Mittel", "Alt"]


def test_the_random_order_is_stable_across_pages(client, process):
    ContributionFactory.create_batch(45, process=process)
    first = titles(client.get(list_url(process, sort="random", seed=7)))
    again = titles(client.get(list_url(process, sort="random", seed=7)))
    second = titles(client.get(list_url(process, sort="random", seed=7, page=2)))
    third = titles(client.get(list_url(process, sort="random", seed=7, page=3)))
    assert first == again
    assert len(first) == 20
    everything = first + second + third
    assert len(everything) == 45
    assert len(set(everything)) == 45
    newest = titles(client.get(list_url(process)))
    other_seed = titles(client.get(list_url(process, sort="random", seed=8)))
    assert first != newest
    assert first != other_seed
    # without a seed in the URL the seed of the day is used, and the page links carry it on
    page = html(client.get(list_url(process, sort="random")))
    assert 'name="seed" value="' in page


def test_hidden_contributions_show_a_placeholder_with_the_reason(client, process):
    ContributionFactory(process=process, title="Böser Titel", hidden_at=timezone.now(), hidden_reason="Beleidigung")
    page = html(client.get(list_url(process)))
    assert "Böser Titel" not in page
    assert "Von der Moderation ausgeblendet" in page
    assert "Beleidigung" in page


def test_drafts_stay_private(client):
    draft = open_process(published_at=None)
    assert client.get(list_url(draft)).status_code == 404
    assert client.get(ContributionFactory(process=draft).get_absolute_url()).status_code == 404


def make_contributions(process, count, comments_each=2):
    users = UserFactory.create_batch(3)
    for n in range(count):
        contribution = ContributionFactory(
            process=process,
            author=users[n % 3],
            comment_count=comments_each,
            quarter=Quarter.objects.order_by("id")[n % 5],
        )
        Comment.objects.bulk_create(
            [Comment(contribution=contribution, author=users[i % 3], text="Kommentar") for i in range(comments_each)]
        )


@pytest.mark.parametrize("url_name", ["list", "process"])
def test_queries_do_not_grow_with_contributions(client, django_assert_max_num_queries, url_name):
    small, large = open_process(), open_process()
    make_contributions(small, 5)
    make_contributions(large, 50)
    ResponseFactory(contribution=large.contributions.first())

    def url(process):
        return list_url(process, sort="supported") if url_name == "list" else process.get_absolute_url()

    with django_assert_max_num_queries(30) as captured:
        assert client.get(url(small)).status_code == 200
    with django_assert_max_num_queries(len(captured.captured_queries)):
        assert client.get(url(large)).status_code == 200


def test_contribution_page_queries_do_not_grow_with_comments(client, django_assert_max_num_queries, process):
    few, many = ContributionFactory(process=process), ContributionFactory(process=process)
    for contribution, count in ((few, 2), (many, 40)):
        tops = CommentFactory.create_batch(count, contribution=contribution)
        for top in tops:
            CommentFactory(contribution=contribution, parent=top)
    with django_assert_max_num_queries(30) as captured:
        client.get(few.get_absolute_url())
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(many.get_absolute_url())


# --- a contribution


def test_the_contribution_page_shows_everything_public(client, process):
    contribution = ContributionFactory(
        process=process,
        title="Trinkbrunnen",
        author=UserFactory(display_name="Linde"),
        latitude="52.368000",
        longitude="9.710000",
        support_count=2,
        quarter=Quarter.objects.get(name="Linden-Mitte"),
    )
    top = CommentFactory(contribution=contribution, text="Gute Idee!")
    CommentFactory(contribution=contribution, parent=top, text="Finde ich auch.")
    response = client.get(contribution.get_absolute_url())
    page = html(response)
    assert page.count("<h1") == 1
    assert "Trinkbrunnen" in page
    assert re.search(r"\bLinde\b", page)  # the author, not "Linden-…"
    assert "Koordinaten: Breite 52,36800, Länge 9,71000" in page
    assert 'id="dialog-map-config"' in page
    assert "Linden-Mitte" in page
    assert "2 Personen unterstützen diesen Beitrag." in page
    assert "Gute Idee!" in page
    assert "Finde ich auch." in page
    assert "Die Verwaltung hat diesen Beitrag noch nicht beantwortet." in page
    assert "Anmelden, um zu unterstützen oder zu kommentieren" in page
    assert contribution.author.email not in page


def test_a_deleted_account_is_shown_as_such(client, process):
    contribution = ContributionFactory(process=process)
    contribution.author.delete()
    assert "gelöschtes Konto" in html(client.get(Contribution.objects.get(pk=contribution.pk).get_absolute_url()))


def test_an_image_is_shown_with_its_description(client, process, resident):
    contribution = ContributionFactory(process=process, image=image_file(), image_alt="Der leere Platz im Sommer")
    page = html(client.get(contribution.get_absolute_url()))
    assert 'alt="Der leere Platz im Sommer"' in page


# --- submitting


def post_contribution(client, process, **changes):
    data = {**contribution_data(), **valid_antibot_data(), **changes}
    return client.post(reverse("dialog:contribute", args=[process.pk]), data)


def test_a_resident_submits_through_the_form(client, process, resident):
    response = post_contribution(
        client, process, image=image_file(), image_alt="Skizze", latitude="52,368", longitude="9,71"
    )
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response.url == contribution.get_absolute_url()
    assert contribution.author == resident
    assert str(contribution.latitude) == "52.368000"
    assert contribution.image.name.endswith(".png")


def test_bad_input_re_renders_the_form_with_what_was_typed(client, process, resident):
    response = post_contribution(client, process, text="", title="Mein Titel", image=not_an_image(), image_alt="Foto")
    page = html(response)
    assert response.status_code == 200
    assert Contribution.objects.count() == 0
    assert "Bitte prüfen Sie Ihre Eingaben" in page
    assert "Dieses Feld ist zwingend erforderlich." in page
    assert "Mein Titel" in page
    assert "Die Datei ist kein Bild." in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"text": "x" * 5001}, "Höchstens 5000 Zeichen, Sie haben 5001 eingegeben."),
        ({"latitude": "53.55", "longitude": "9.99"}, "Der Punkt liegt außerhalb der Stadt."),
    ],
)
def test_bad_input_through_the_form_is_refused(client, process, resident, changes, message):
    page = html(post_contribution(client, process, **changes))
    assert message in page
    assert Contribution.objects.count() == 0


def test_a_filled_honeypot_is_refused(client, process, resident):
    response = post_contribution(client, process, homepage="https://spam.example")
    assert response.status_code == 200
    assert Contribution.objects.count() == 0
    assert "Das Formular wurde nicht gesendet, weil ein Feld ausgefüllt wurde, das leer bleiben muss." in html(response)


def test_the_form_needs_a_login_and_a_verified_address(client, process):
    url = reverse("dialog:contribute", args=[process.pk])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(email_verified=False))
    response = client.get(url)
    assert response.status_code == 403
    assert "bestätigen Sie" in html(response)


def test_outside_the_phase_the_form_says_so_and_refuses(client, process, resident):
    phase = process.phases.get()
    phase.end = timezone.localdate() + datetime.timedelta(days=1)
    phase.save()
    with moved_clock(days=2):
        page = html(client.get(reverse("dialog:contribute", args=[process.pk])))
        assert "Der Online-Dialog ist beendet." in page
        assert "Beitrag veröffentlichen" not in page
        post_contribution(client, process)
    assert Contribution.objects.count() == 0
    with moved_clock(days=-8):
        page = html(client.get(list_url(process)))
    assert "Der Online-Dialog hat noch nicht begonnen." in page
    assert "Er startet am" in page


def test_comment_reply_and_support_through_the_page(client, process, resident):
    contribution = ContributionFactory(process=process)
    url = reverse("dialog:comment", args=[contribution.pk])
    response = client.post(url, {"text": "Gute Idee", **valid_antibot_data()})
    assert response.status_code == 302
    top = Comment.objects.get()
    client.post(url, {"text": "Danke", "parent": top.pk, **valid_antibot_data()})
    assert Comment.objects.get(text="Danke").parent == top
    support_url = reverse("dialog:support", args=[contribution.pk])
    client.post(support_url)
    response = client.post(support_url, follow=True)
    assert "Sie unterstützen diesen Beitrag bereits." in html(response)
    assert Support.objects.count() == 1
    assert "Unterstützung zurücknehmen" in html(response)
    client.post(support_url, {"action": "withdraw"})
    assert Support.objects.count() == 0
    contribution.refresh_from_db()
    assert contribution.support_count == 0
    assert contribution.comment_count == 2


def test_an_empty_comment_is_refused_on_the_page(client, process, resident):
    contribution = ContributionFactory(process=process)
    response = client.post(reverse("dialog:comment", args=[contribution.pk]), {"text": " ", **valid_antibot_data()})
    assert response.status_code == 400
    assert "Dieses Feld ist zwingend erforderlich." in html(response)
    assert Comment.objects.count() == 0


def test_staff_enter_on_site_input_through_the_form(client, process):
    client.force_login(process.lead_contact)
    url = reverse("dialog:enter_onsite", args=[process.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**contribution_data(), "source": "workshop", "source_note": "Werkstatt, 12. Mai"})
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert contribution.source == "workshop"
    assert contribution.author is None
    assert "vor Ort gesammelt (Werkstatt)" in html(client.get(contribution.get_absolute_url()))


def test_residents_cannot_enter_on_site_input(client, process, resident):
    assert client.get(reverse("dialog:enter_onsite", args=[process.pk])).status_code == 403


def test_login_works_with_the_factory_password(client):
    user = UserFactory()
    assert client.login(email=user.email, password=PASSWORD)

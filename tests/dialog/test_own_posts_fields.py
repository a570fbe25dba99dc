"""Residents edit the image, the quarter and the point of their contribution as when writing it (issue 16, item 9):
the point is checked and its quarter found from imported boundaries, an image is replaced or removed (type and size
checked, German errors, what was typed kept), the edit is marked "bearbeitet" and logged; after the answer nothing
can be changed."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from stadtdialog.core.models import AuditEntry
from stadtdialog.dialog.models import Contribution
from stadtdialog.organisation.models import Quarter
from tests.dialog.dialog_factories import ContributionFactory, ResponseFactory, image_file, not_an_image
from tests.dialog.test_own_posts import edit_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.70, 52.36], [9.72, 52.36], [9.72, 52.38], [9.70, 52.38], [9.70, 52.36]]],
}


@pytest.fixture
def author():
    return UserFactory(display_name="Kastanie")


@pytest.fixture
def contribution(author):
    return ContributionFactory(
        author=author,
        title="Bänke am Lindener Markt",
        text="Es fehlen Bänke im Schatten.",
        latitude=Decimal("52.374500"),
        longitude=Decimal("9.738600"),
    )


@pytest.fixture
def with_image(client, author, contribution):
    """The contribution with an image, stored through the edit form."""
    client.force_login(author)
    post(client, contribution, image=image_file(), image_alt="Der Markt im Sommer")
    contribution.refresh_from_db()
    assert contribution.image
    return contribution


def post(client, contribution, **changes):
    return client.post(reverse("dialog:edit_contribution", args=[contribution.pk]), edit_data(contribution, **changes))


def edit_log(contribution) -> dict:
    return (
        AuditEntry.objects.filter(action="dialog.contribution.edit", object_id=str(contribution.pk))
        .order_by("pk")
        .last()
        .changes
    )


def test_the_author_moves_the_point(client, author, contribution):
    client.force_login(author)
    response = post(client, contribution, latitude="52,380000", longitude="9.720000")  # a German comma too
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.latitude, contribution.longitude) == (Decimal("52.380000"), Decimal("9.720000"))
    assert contribution.edited_at is not None
    assert edit_log(contribution)["latitude"] == ["52.374500", "52.380000"]
    assert "bearbeitet" in client.get(contribution.get_absolute_url()).content.decode()


def test_a_point_outside_the_city_is_refused_and_the_typed_values_kept(client, author, contribution):
    client.force_login(author)
    response = post(client, contribution, title="Neuer Titel", latitude="48.137", longitude="11.575")
    assert response.status_code == 200
    page = response.content.decode()
    assert "außerhalb der Stadt" in page and 'value="Neuer Titel"' in page and "48.137" in page
    contribution.refresh_from_db()
    assert contribution.title == "Bänke am Lindener Markt" and contribution.edited_at is None


def test_the_author_changes_the_quarter(client, author, contribution):
    cache.clear()
    Quarter.objects.update(boundary=None)
    linden = Quarter.objects.get(name="Linden-Mitte")
    client.force_login(author)
    assert post(client, contribution, quarter=linden.pk).status_code == 302
    contribution.refresh_from_db()
    assert contribution.quarter == linden
    assert edit_log(contribution)["quarter"] == [None, str(linden)]
    assert post(client, contribution, quarter="").status_code == 302
    contribution.refresh_from_db()
    assert contribution.quarter is None


def test_with_boundaries_the_quarter_comes_from_the_new_point(client, author, contribution):
    linden = Quarter.objects.get(name="Linden-Mitte")
    linden.boundary = SQUARE
    linden.save()
    linden.district.boundary = SQUARE
    linden.district.save()
    other = Quarter.objects.exclude(pk=linden.pk).first()
    client.force_login(author)
    response = post(client, contribution, quarter=other.pk, latitude="52.370000", longitude="9.710000")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.quarter == linden  # the point's quarter, as on create


def test_the_author_replaces_the_image(client, author, with_image, django_capture_on_commit_callbacks):
    contribution = with_image
    first = contribution.image.name
    storage = Contribution._meta.get_field("image").storage
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, contribution, image=image_file("JPEG", "neu.jpg"), image_alt="Der Markt im Winter")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.image.name != first and contribution.image.name.endswith(".jpg")
    assert contribution.image_alt == "Der Markt im Winter"
    assert not storage.exists(first)  # the old file is gone
    assert edit_log(contribution)["image"] == [first, contribution.image.name]
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert f'<img src="{contribution.image.url}" alt="Der Markt im Winter"' in page and "bearbeitet" in page


def test_the_author_removes_the_image(client, author, with_image):
    contribution = with_image
    edit_page = client.get(reverse("dialog:edit_contribution", args=[contribution.pk])).content.decode()
    assert "Aktuelles Bild entfernen" in edit_page and contribution.image.url in edit_page
    response = post(client, contribution, remove_image="on")
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert not contribution.image and contribution.image_alt == ""
    assert "<img" not in client.get(contribution.get_absolute_url()).content.decode().split("<main")[1]


def test_an_image_needs_its_description(client, author, contribution):
    client.force_login(author)
    response = post(client, contribution, image=image_file(), image_alt="")
    assert response.status_code == 200
    assert "Bitte beschreiben Sie, was das Bild zeigt" in response.content.decode()
    contribution.refresh_from_db()
    assert not contribution.image


def test_a_file_that_is_no_image_is_refused_in_german_and_the_typed_values_kept(client, author, contribution):
    client.force_login(author)
    response = post(
        client,
        contribution,
        title="Schattige Bänke",
        text="Bitte mit Lehne.",
        latitude="52.380000",
        longitude="9.720000",
        image=not_an_image(),
        image_alt="Ein Foto",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Die Datei ist kein Bild. Bitte wählen Sie ein Bild im Format PNG, JPEG oder WebP." in page
    assert 'value="Schattige Bänke"' in page and "Bitte mit Lehne." in page
    assert 'value="52.380000"' in page and 'value="Ein Foto"' in page
    contribution.refresh_from_db()
    assert contribution.title == "Bänke am Lindener Markt" and not contribution.image and contribution.edited_at is None


def test_after_the_answer_neither_point_nor_image_can_be_changed(client, author, contribution):
    ResponseFactory(contribution=contribution)
    Contribution.objects.filter(pk=contribution.pk).update(answer_status="taken")
    client.force_login(author)
    url = reverse("dialog:edit_contribution", args=[contribution.pk])
    page = client.get(url).content.decode()
    assert "nicht mehr geändert" in page and 'type="file"' not in page and "point-picker" not in page
    contribution.refresh_from_db()
    response = post(client, contribution, latitude="52.380000", longitude="9.720000", image=image_file())
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.latitude == Decimal("52.374500") and not contribution.image

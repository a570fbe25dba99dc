"""The directory of Lotsen, Kümmerer and information points (issue 12, item 2): public, city-wide and per district,
by topic, in easy language, as a PDF booklet; persons named only with consent or as staff."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from stadtdialog.districts.models import ContactPoint
from stadtdialog.organisation.models import District
from tests.pdf import pdf_text

from .factories import contact_point, linden

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    district = linden()
    return {
        "linden": contact_point(district, person_name="Aylin Demir", person_agreed=True),
        "city": contact_point(
            None,
            kind=ContactPoint.Kind.REFERRAL,
            name="Bürgertelefon der Stadt",
            topics="Ausweis, Meldewesen",
            description="Das Bürgertelefon sagt Ihnen, welche Stelle zuständig ist.",
            description_easy="Sie wissen nicht, wer hilft? Rufen Sie an.",
        ),
        "other": contact_point(District.objects.get(number=1), name="Familienzentrum Mitte", topics="Familien"),
        "hidden": contact_point(district, name="Entwurf Beratung", is_published=False),
    }


def test_the_directory_lists_city_wide_and_district_entries_with_filters(client, entries):
    html = client.get(reverse("districts:directory")).content.decode()
    assert "Bürgertelefon der Stadt" in html and "Seniorenberatung Linden" in html and "Familienzentrum Mitte" in html
    assert "Entwurf Beratung" not in html
    assert html.index("Für die ganze Stadt") < html.index("Seniorenberatung Linden")
    html = client.get(reverse("districts:directory"), {"bezirk": "linden-limmer"}).content.decode()
    assert "Bürgertelefon der Stadt" in html and "Seniorenberatung Linden" in html
    assert "Familienzentrum Mitte" not in html
    html = client.get(reverse("districts:directory"), {"thema": "pflege"}).content.decode()
    assert "Seniorenberatung Linden" in html and "Bürgertelefon der Stadt" not in html
    assert "Aylin Demir" in html  # agreed to be listed


def test_the_easy_language_version_of_each_entry(client, entries):
    html = client.get(reverse("districts:directory"), {"sprache": "leicht"}).content.decode()
    assert "Sie sind alt? Sie brauchen Hilfe? Wir beraten Sie." in html
    assert "Beratung zu Pflege, Wohnen im Alter" not in html  # the easy text replaces the standard one
    html = client.get(reverse("districts:directory")).content.decode()
    assert "In Leichter Sprache" in html and "Sie wissen nicht, wer hilft?" in html  # folded under the entry


def test_bad_filter_values_are_ignored(client, entries):
    for params in [{"bezirk": "../../etc"}, {"sprache": "klingonisch"}, {"thema": "x" * 500}, {"bezirk": "atlantis"}]:
        assert client.get(reverse("districts:directory"), params).status_code == 200


def test_the_booklet_of_a_district_is_a_pdf_with_its_entries(client, entries):
    response = client.get(reverse("districts:directory_pdf", args=["linden-limmer"]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Linden- Limmer" in text or "Linden-Limmer" in text
    assert "Seniorenberatung Linden" in text and "Bürgertelefon der Stadt" in text
    assert "Wir beraten Sie." in text  # the easy-language version is printed too
    assert "Familienzentrum Mitte" not in text and "Entwurf Beratung" not in text


def test_a_person_is_named_only_when_staff_or_agreed():
    with pytest.raises(IntegrityError), transaction.atomic():
        contact_point(linden(), person_name="Ohne Zustimmung")
    point = contact_point(linden(), name="Ohne Person")
    assert not point.shows_person

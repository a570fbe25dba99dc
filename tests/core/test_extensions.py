"""Sections that apps higher up add to a lower app's page (core/extensions.py): order, skipping, one at a time."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadtdialog.core.extensions import register_section, sections_for
from tests.events.factories import EventFactory
from tests.factories import published_process
from tests.outcomes.factories import MilestoneFactory, ResultFactory

PLACE = "test_place"


@pytest.fixture(autouse=True, scope="module")
def _sections():
    register_section(PLACE, "second", "core/_test_second.html", lambda request, obj: {"word": f"zwei {obj}"}, order=20)
    register_section(PLACE, "first", "core/_test_first.html", lambda request, obj: {"word": f"eins {obj}"}, order=10)
    register_section(PLACE, "nothing", "core/_test_missing.html", lambda request, obj: None, order=15)
    register_section(PLACE, "first", "core/_test_other.html", lambda request, obj: {"word": "doppelt"})


def test_sections_come_in_order_and_none_means_skip():
    assert sections_for(PLACE, None, "X") == [
        ("core/_test_first.html", {"word": "eins X"}),
        ("core/_test_second.html", {"word": "zwei X"}),
    ]


def test_only_picks_one_section():
    assert sections_for(PLACE, None, "X", only="second") == [("core/_test_second.html", {"word": "zwei X"})]
    assert sections_for(PLACE, None, "X", only="nothing") == []


def test_a_place_without_sections_renders_nothing():
    html = Template('{% load core_tags %}<p>{% extension_sections "no_such_place" obj %}</p>').render(
        Context({"obj": 1})
    )
    assert html == "<p></p>"


@pytest.mark.django_db
def test_process_page_with_nothing_from_the_apps_above_needs_no_more_queries_than_with_everything(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    empty, full = published_process(title="Leer"), published_process(title="Voll")
    EventFactory(process=full, title="Rundgang am Platz")
    ResultFactory(process=full)
    MilestoneFactory(process=full)
    with CaptureQueriesContext(connection) as with_everything:
        html = client.get(reverse("processes:detail", args=[full.pk])).content.decode()
    assert "Rundgang am Platz" in html
    assert "Was aus der Beteiligung wurde" in html
    with CaptureQueriesContext(connection) as with_nothing:
        html = client.get(reverse("processes:detail", args=[empty.pk])).content.decode()
    assert "Rundgang am Platz" not in html
    assert "Was aus der Beteiligung wurde" not in html
    assert len(with_nothing) <= len(with_everything)

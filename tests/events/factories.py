"""Factories for events (helper H)."""

import datetime

import factory
from django.utils import timezone

from stadtdialog.events.models import Event, Registration
from tests.factories import OrgUnitFactory


def in_days(days, hour=18):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Werkstatt Spielplatz {n}")
    description = "Wir sammeln Ideen für den neuen Spielplatz.\n\nFür Getränke ist gesorgt."
    format = Event.Format.WORKSHOP
    start = factory.LazyFunction(lambda: in_days(10))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place_name = "Freizeitheim Linden, Saal 1"
    address = "Windheimstraße 4, 30451 Hannover"
    org_unit = factory.SubFactory(OrgUnitFactory)
    step_free = True
    hearing_loop = True
    published_at = factory.LazyFunction(timezone.now)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, registration_required=True, capacity=10)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"teilnahme{n}@example.org")
    status = Registration.Status.CONFIRMED

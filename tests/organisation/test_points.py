import pytest
from django.core.exceptions import ValidationError

from stadtdialog.events import services as event_services
from stadtdialog.events.models import Event
from stadtdialog.organisation.points import in_city, point_error
from tests.events.factories import EventFactory
from tests.factories import staff_user

pytestmark = pytest.mark.django_db

OUTSIDE = "Der Punkt liegt außerhalb des Stadtgebiets. Bitte prüfen Sie Breiten- und Längengrad."


def test_a_point_needs_both_coordinates_and_must_lie_in_the_city():
    assert point_error(None, None) is None
    assert point_error(52.3744, 9.7386) is None  # Kröpcke
    assert in_city(52.3744, 9.7386)
    assert not in_city(48.137, 11.575)
    assert point_error(52.37, None) == "Bitte geben Sie Breiten- und Längengrad an oder keinen von beiden."
    assert point_error(48.137, 11.575) == OUTSIDE  # Munich


def test_an_event_outside_the_city_is_refused_and_nothing_changes(settings):
    event = EventFactory()
    staff = staff_user(org_unit=event.org_unit) if event.org_unit_id else staff_user(kind="coordination")
    with pytest.raises(ValidationError) as error:
        event_services.update_event(staff, event, {"latitude": 53.55, "longitude": 9.99})  # Hamburg
    assert error.value.message_dict["latitude"] == [OUTSIDE]
    assert Event.objects.get(pk=event.pk).latitude is None

import pytest

from stadtdialog.accounts.personal_data import exporters
from stadtdialog.notifications import services
from tests.events.factories import RegistrationFactory
from tests.factories import UserFactory, published_process

pytestmark = pytest.mark.django_db


def test_follows_settings_and_event_registrations_are_in_the_data_export():
    resident = UserFactory()
    process = published_process()
    services.follow(resident, process)
    services.update_setting(resident, {"frequency": "daily"})
    RegistrationFactory(email=resident.email, name="Frida")
    RegistrationFactory(email="someone.else@example.org")
    found = exporters()
    notifications = found["notifications"](resident)
    assert notifications["settings"]["frequency"] == "daily"
    assert [f["name"] for f in notifications["follows"]] == [process.title]
    registrations = found["event_registrations"](resident)
    assert [r["name"] for r in registrations] == ["Frida"]

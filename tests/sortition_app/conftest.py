import pytest

from .factories import coordinator


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """The private storage (invitation letters) in a folder of the test, beside its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def staff(client):
    """A member of the coordination office, logged in."""
    user = coordinator()
    client.force_login(user)
    return user

import pytest


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """The private storage (invitation letters) in a folder of the test, beside its own media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path / "private"}},
    }
    return tmp_path / "private"

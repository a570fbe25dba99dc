import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and private files of a test go to its own temporary folders."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }


@pytest.fixture(autouse=True)
def _plain_static(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached filter choices and counts of one test never reach the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """The migrations ship no city (0002_hannover_data is a no-op): load Hannover once into each test database,
    after pytest-django made it (one per xdist worker; again with --reuse-db, where it changes nothing)."""
    from django.test import override_settings

    from stadtdialog.core.models import AuditEntry
    from stadtdialog.organisation.services import load_city

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("city_media")):
        load_city(source="hannover")
        AuditEntry.objects.all().delete()  # tests start with an empty audit log, as they did with the migration


def _is_transactional(request) -> bool:
    """The same decision pytest-django's _django_db_helper takes."""
    from pytest_django.fixtures import validate_django_db

    marker = request.node.get_closest_marker("django_db")
    if marker and validate_django_db(marker)[0]:  # (transaction, reset_sequences, ...)
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _city_in_transactional_tests(request, _media_root):
    """A transactional test (TransactionTestCase: the live server, the task worker) empties every table after it
    ran, the city with them; pytest-django runs these tests after all others, so the next one loads the city again
    first (when it is still there, load_city changes nothing). Tests in a transaction see the session's city."""
    if not _is_transactional(request):
        return
    request.getfixturevalue("_django_db_helper")
    from stadtdialog.core.models import AuditEntry
    from stadtdialog.organisation.services import load_city

    if load_city(source="hannover").changed:
        AuditEntry.objects.filter(action="organisation.city.load").delete()


@pytest.fixture(autouse=True)
def _warm_city(request, _empty_cache, _city_in_transactional_tests):
    """A running site has the city and the footer in its cache (organisation.queries.current_city,
    core.queries.footer_pages): warm them for tests with a database, so that a page's query count does not
    depend on whether it is the first page of the test."""
    marker = request.node.get_closest_marker("django_db")
    if not marker and not {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        return
    request.getfixturevalue("_django_db_helper")
    from stadtdialog.core.queries import footer_pages
    from stadtdialog.organisation.queries import current_city

    current_city()
    footer_pages()

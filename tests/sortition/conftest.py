"""The sortition algorithm tests need no Django.

The project-wide autouse fixtures in tests/conftest.py ask for pytest-django's ``settings``;
these no-op overrides keep this folder runnable with ``-p no:django`` as well as inside the
Django-configured session.
"""

import pytest


@pytest.fixture(autouse=True)
def _media_root():
    yield


@pytest.fixture(autouse=True)
def _plain_static():
    yield


@pytest.fixture(scope="module")
def monkeypatch_decompose():
    """Make LEXIMIN skip the relaxation shortcut, to test its staged fallback."""
    from stadtdialog.sortition.algorithm import leximin

    original = leximin.decompose
    leximin.decompose = lambda *args, **kwargs: None
    yield
    leximin.decompose = original

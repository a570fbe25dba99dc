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


@pytest.fixture(autouse=True)
def _empty_cache():
    yield


def _without_rounding(*args, **kwargs):
    return [], [], False  # as if the walk had left the hull of the panels at once


@pytest.fixture(scope="module")
def without_rounding():
    """Make LEXIMIN skip iterative rounding, to test column generation on its own."""
    from stadtdialog.sortition.algorithm import leximin

    original = leximin.round_to_panels
    leximin.round_to_panels = _without_rounding
    yield
    leximin.round_to_panels = original


@pytest.fixture(scope="module")
def without_relaxation(without_rounding):
    """Make LEXIMIN skip the relaxation shortcut altogether, to test its staged fallback."""
    from stadtdialog.sortition.algorithm import leximin

    original = leximin.decompose
    leximin.decompose = lambda *args, **kwargs: None
    yield
    leximin.decompose = original


@pytest.fixture
def without_rounding_once(monkeypatch):
    """find_leximin with iterative rounding switched off, to compare both paths."""
    from stadtdialog.sortition.algorithm import leximin

    def run(instance):
        with monkeypatch.context() as patch:
            patch.setattr(leximin, "round_to_panels", _without_rounding)
            return leximin.find_leximin(instance)

    return run

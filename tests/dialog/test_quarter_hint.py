"""The hint "its quarter is found automatically" is only given when quarter boundaries are imported (issue 16,
item 8; boundaries come from `manage.py import_boundaries`, none are shipped)."""

import pytest
from django.core.cache import cache

from stadtdialog.dialog.forms import ContributionForm
from stadtdialog.organisation.models import Quarter

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[9.7, 52.3], [9.8, 52.3], [9.8, 52.4], [9.7, 52.4], [9.7, 52.3]]]}


def test_the_quarter_hint_needs_imported_boundaries():
    cache.clear()
    Quarter.objects.update(boundary=None)
    assert ContributionForm(antibot=False).fields["quarter"].help_text == ""
    quarter = Quarter.objects.first()
    quarter.boundary = SQUARE
    quarter.save()
    cache.clear()
    assert "automatisch" in str(ContributionForm(antibot=False).fields["quarter"].help_text)

"""Public pages of the organisation: a unit's page with its office contact (staff pages: views_staff)."""

from django.shortcuts import render

from . import queries


def unit(request, pk):
    """A unit's names, its place in the tree and its office contact (no personal data). A dissolved unit names its
    successor."""
    return render(request, "organisation/unit.html", {"unit": queries.unit_page(pk)})

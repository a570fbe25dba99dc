"""The filters of the public report, read from the query string (each filter state is a shareable address)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.forms import id_field


class ReportFilter(forms.Form):
    """?jahr=2026&dezernat=<id>&fachbereich=<id>&stadtbezirk=<slug>&handlungsfeld=<slug>; read with
    core.forms.parse_query, so that a bad value is ignored instead of failing."""

    jahr = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    dezernat = id_field(label=_("Directorate"))
    fachbereich = id_field(label=_("Department"))
    stadtbezirk = forms.SlugField(label=_("District"), required=False, max_length=50)
    handlungsfeld = forms.SlugField(label=_("Field of action"), required=False, max_length=50)


class AnnualReportRequest(forms.Form):
    """The year whose annual report the coordination office has made (again)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

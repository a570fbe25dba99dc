"""Forms of the core app (pages, the audit log's filters), and the two helpers every staff form view uses to
call its service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Page


def max_length_of(model, name: str) -> int:
    """The max_length of a model field, so that a form and its model share one limit."""
    return model._meta.get_field(name).max_length


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError at the fields it names (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, texts in error.message_dict.items():
        form.add_error(field if field in form.fields else None, texts)


def run_service(request, form, service, success_message):
    """Call `service()` if the form was sent and is valid; return its result after showing the message.

    Returns None when the form was not sent, is not valid, or the service raised a ValidationError
    (its errors are then put on the form). The view then renders the form again, with what was typed.
    A service that returns nothing counts as done: the result is then True.

        plan = run_service(request, form, lambda: services.create_plan(request.user, **form.service_data()),
                           _("The plan has been saved as a draft."))
        if plan:
            return redirect("plans:staff_detail", pk=plan.pk)
    """
    if not form.is_valid():
        return None
    try:
        result = service()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(request, success_message)
    return True if result is None else result


class AuditLogForm(forms.Form):
    """The filters of the site-wide audit log (core.views_staff.audit_log): person, area, action, period."""

    person = forms.CharField(label=_("Person"), required=False, max_length=100, help_text=_("Name or e-mail address"))
    area = forms.ChoiceField(label=_("Area"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, areas=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas")), *areas]
        self.fields["action"].choices = [("", _("All actions")), *actions]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data

"""Forms of the core app, and the two helpers every staff form view uses to call its service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

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

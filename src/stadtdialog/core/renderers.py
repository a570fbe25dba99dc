"""The project's form renderer (settings.FORM_RENDERER).

`{{ form.title.as_field_group }}` renders one field the KERN way with core/_field.html: label,
"optional" marker, hint and errors with their ids, aria-describedby, the widget with its KERN class.
Widgets keep Django's own templates.
"""

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Django's template renderer with core/_field.html as the template of a field group."""

    field_template_name = "core/_field.html"

from django import forms

from .models import Page


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}

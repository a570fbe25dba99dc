"""Staff pages of core: the list of editable pages and the page editor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import services
from .forms import PageForm
from .models import Page


@login_required
def pages(request):
    services.require_page_editor(request.user)
    return render(request, "core/pages.html", {"pages": Page.objects.all()})


@login_required
def page_edit(request, slug):
    page = get_object_or_404(Page, slug=slug)
    services.require_page_editor(request.user)
    # not bound to the page: the service's audit entry compares the stored page with the new values
    form = PageForm(request.POST or None, initial={"title": page.title, "body": page.body})
    if request.method == "POST" and form.is_valid():
        services.update_page(request.user, page, **form.cleaned_data)
        messages.success(request, _("The page has been saved."))
        return redirect("core:page", slug=page.slug)
    return render(request, "core/page_form.html", {"page": page, "form": form})

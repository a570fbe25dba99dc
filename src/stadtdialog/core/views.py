"""Public pages of core: the editable content pages (staff pages: views_staff)."""

from django.shortcuts import get_object_or_404, render

from .models import Page


def page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    return render(request, "core/page.html", {"page": page, "can_edit": request.user.has_perm("core.edit_page")})

"""Public pages of core: the start page, the pages staff write and the barrier report form of the accessibility
statement (staff pages: views_staff)."""

import datetime

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import queries, services, start_page
from .forms import BarrierReportForm, run_service
from .models import Page


def _report_form(request, data=None) -> BarrierReportForm:
    # "seite": the page the visitor came from (the footer's link passes it), so "where" is filled in already
    initial = {"page_url": request.GET.get("seite", "")[:500]}
    return BarrierReportForm(data, initial=initial, antibot=not request.user.is_authenticated)


def _statement_context(request) -> dict:
    statement = Page.objects.filter(slug=Page.Slug.ACCESSIBILITY).first()
    return {
        "statement": statement,
        "answer_days": settings.ACCESSIBILITY_ANSWER_DAYS,
        "answer_by": timezone.localdate() + datetime.timedelta(days=settings.ACCESSIBILITY_ANSWER_DAYS),
    }


def start(request):
    """The start page: what the portal is, and the sections the apps above register for "start_page" (cached,
    see core/start_page.py)."""
    return render(request, "core/start.html", {"sections": start_page.sections_html(request)})


def page(request, slug):
    page = queries.page_for(request, slug)
    context = {"page": page, "can_edit": request.user.has_perm("core.edit_page")}
    if page.is_statement:
        context.update(_statement_context(request), form=_report_form(request))
    return render(request, "core/page.html", context)


def barrier_report(request):
    """Anyone reports a barrier; the coordination office answers within ACCESSIBILITY_ANSWER_DAYS."""
    form = _report_form(request, request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.submit_barrier_report(
            **{name: form.cleaned_data[name] for name in ("text", "page_url", "name", "email")}
        ),
        _("Thank you. Your report has been received."),
    ):
        return redirect("core:barrier_report_done")
    return render(request, "core/barrier_report.html", {"form": form, **_statement_context(request)})


def barrier_report_done(request):
    return render(request, "core/barrier_report_done.html", _statement_context(request))


def serve_media(request, path):
    """An upload from MEDIA_ROOT with DEBUG=1 (in production the web server in front serves them, see
    README.md): the type from its checked extension, `nosniff`, and a PDF as a download (core.storage)."""
    from django.views.static import serve

    from .storage import SVG_POLICY, content_type, disposition

    try:
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:  # a name the file system cannot take (too long, bad bytes) names no upload
        raise Http404 from error
    response["Content-Type"] = content_type(path)
    response["X-Content-Type-Options"] = "nosniff"
    if response["Content-Type"] == "image/svg+xml":
        response["Content-Security-Policy"] = SVG_POLICY
    attachment = disposition(path)
    if attachment:
        response["Content-Disposition"] = attachment
    return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form came back without a valid security token (an old tab, cookies deleted,
    another login meanwhile). A German page in the site's layout says so; the text of a known form (a view
    marked by core.drafts.keeps_draft) is kept, and the page leads back to it."""
    from django.urls import Resolver404, resolve

    from .drafts import DRAFT_PARAMETER, draft_form_of, keep

    back = None
    if request.method == "POST":
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        form = draft_form_of(match.func) if match else None
        if form is not None:
            back = keep(request, form, match.kwargs)
    kept = bool(back) and DRAFT_PARAMETER in back
    return render(request, "core/csrf_failure.html", {"back": back, "kept": kept}, status=403)

"""Staff pages of core: the pages staff write (list, add, edit, order, remove), the barrier reports the
coordination office answers, the history of any object and the site-wide audit log (with its CSV export)."""

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, queries, services
from .confirm import Refusal, confirm_and_run
from .csv import safe_writer
from .forms import AuditLogForm, BarrierAnswerForm, PageForm, PageOrderForm, page_form_class, run_service
from .models import AuditEntry, BarrierReport, Page
from .rules import require


@login_required
def pages(request):
    services.require_page_editor(request.user)
    return render(request, "core/pages.html", {"pages": Page.objects.all()})


@login_required
def page_create(request):
    services.require_page_editor(request.user)
    form = PageForm(request.POST or None, initial={"in_footer": False})
    page = run_service(
        request,
        form,
        lambda: services.create_page(request.user, **form.service_data()),
        _("The page has been created."),
    )
    if page:
        return redirect("core:page", slug=page.slug)
    return render(request, "core/page_form.html", {"form": form, "page": None})


@login_required
def page_edit(request, slug):
    page = get_object_or_404(Page, slug=slug)
    services.require_page_editor(request.user)
    # not bound to the page: the service's audit entry compares the stored page with the new values
    form = page_form_class(page)(request.POST or None, request.FILES or None, page=page)
    saved = run_service(
        request,
        form,
        lambda: services.update_page(request.user, page, version=form.version, **form.service_data()),
        _("The page has been saved."),
    )
    if saved:
        return redirect("core:page", slug=saved.slug)
    return render(request, "core/page_form.html", {"page": page, "form": form})


@login_required
def page_delete(request, slug):
    page = get_object_or_404(Page, slug=slug)
    services.require_page_editor(request.user)
    refusal = Refusal(
        title=_("This page cannot be removed"),
        items=[
            (
                "",
                _("It is a required page (imprint, privacy, accessibility, easy language, sign language, netiquette)."),
            )
        ]
        if page.is_reserved
        else (),
    )
    return confirm_and_run(
        request,
        obj=page,
        service=lambda: services.delete_page(request.user, page),
        title=_("Remove page"),
        question=_("The page and its address are removed. Links to it from other pages stop working."),
        button=_("Remove page"),
        done_message=_("The page has been removed."),
        back_url=reverse("core:pages"),
        breadcrumbs="core/_staff_pages_breadcrumbs.html",
        refusal=refusal,
    )


@login_required
def page_order(request):
    services.require_page_editor(request.user)
    form = PageOrderForm(request.POST or None, pages=Page.objects.only("id", "title", "position", "in_footer"))
    if run_service(
        request,
        form,
        lambda: services.reorder_pages(request.user, form.positions()),
        _("The order has been saved."),
    ):
        return redirect("core:pages")
    return render(request, "core/page_order.html", {"form": form})


# --- barrier reports -------------------------------------------------------------------------------


STATUS_PARAMETER = {
    "offen": BarrierReport.Status.OPEN,
    "beantwortet": BarrierReport.Status.ANSWERED,
    "geschlossen": BarrierReport.Status.CLOSED,
}


@login_required
def barrier_reports(request):
    require(request.user, "core.answer_barrier_reports")
    shown = request.GET.get("stand", "offen")
    status = STATUS_PARAMETER.get(shown, BarrierReport.Status.OPEN)
    return render(
        request,
        "core/staff_barrier_reports.html",
        {
            "reports": queries.barrier_reports(status),
            "status": status,
            "shown": shown if shown in STATUS_PARAMETER else "offen",
            "tabs": [(key, value.label) for key, value in STATUS_PARAMETER.items()],
            "counts": queries.barrier_report_counts(),
            "answer_days": settings.ACCESSIBILITY_ANSWER_DAYS,
        },
    )


@login_required
def barrier_report(request, pk):
    require(request.user, "core.answer_barrier_reports")
    report = get_object_or_404(BarrierReport.objects.select_related("answered_by"), pk=pk)
    form = BarrierAnswerForm(request.POST or None, initial={"answer": report.answer}, version_of=report)
    done = run_service(
        request,
        form,
        lambda: services.answer_barrier_report(
            request.user,
            report,
            answer=form.cleaned_data["answer"],
            base_url=request.build_absolute_uri("/"),
            version=form.version,
        ),
        _("The answer has been saved and mailed.") if report.email else _("The answer has been saved."),
    )
    if done:
        return redirect("core:barrier_report", pk=report.pk)
    return render(request, "core/staff_barrier_report.html", {"report": report, "form": form})


@login_required
def barrier_report_close(request, pk):
    require(request.user, "core.answer_barrier_reports")
    report = get_object_or_404(BarrierReport, pk=pk)
    return confirm_and_run(
        request,
        obj=report,
        service=lambda: services.close_barrier_report(request.user, report),
        title=_("Close case"),
        question=_("The case is closed and leaves the list of open cases. Nothing is mailed."),
        button=_("Close case"),
        done_message=_("The case has been closed."),
        back_url=reverse("core:barrier_report", args=[report.pk]),
        done_url=reverse("core:barrier_reports"),
        breadcrumbs="core/_staff_barrier_breadcrumbs.html",
    )


# --- History of an object and the site-wide audit log ------------------------------------------------

HISTORY_PAGE_SIZE = 50
LOG_PAGE_SIZE = 50


def _history_target(model_key: str, object_id: str):
    """The model of a history address (``app_label.model_name``) and its object, None when deleted."""
    app_label, _dot, model_name = model_key.partition(".")
    try:
        model = django_apps.get_model(app_label, model_name)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    try:
        pk = model._meta.pk.to_python(object_id)
    except ValidationError as error:
        raise Http404 from error
    return model, model._default_manager.filter(pk=pk).first()


@login_required
def history(request, model, object_id):
    """Who did what to one object and when, with what changed; for everyone who may edit the object."""
    model_class, obj = _history_target(model, object_id)
    if not audit.may_see_history(request.user, obj, model_class):
        raise PermissionDenied(audit.VIEW_ANY_HISTORY)
    content_type = ContentType.objects.get_for_model(model_class, for_concrete_model=True)
    entries = AuditEntry.objects.filter(content_type=content_type, object_id=str(object_id)).select_related("actor")
    page = Paginator(entries.order_by("-created_at", "-id"), HISTORY_PAGE_SIZE).get_page(request.GET.get("seite"))
    if obj is None and not page.object_list:
        raise Http404
    registration = audit.history_registration(model_class)
    back_url = registration.url(obj) if obj is not None and registration and registration.url else None
    rows = [
        {"entry": entry, "action": audit.label_of(entry.action), "changes": audit.shown_changes(entry, model_class)}
        for entry in page.object_list
    ]
    name = str(obj) if obj is not None else page.object_list[0].object_repr
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "name": name,
            "kind": capfirst(model_class._meta.verbose_name),
            "back_url": back_url,
            "page": page,
            "rows": rows,
        },
    )


def _key(content_type) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def _log_form(request) -> AuditLogForm:
    form = AuditLogForm(request.GET or None, areas=audit.areas(), actions=audit.action_choices())
    form.is_valid()
    return form


def _log_criteria(form: AuditLogForm) -> dict:
    if not form.is_bound or not form.is_valid():
        return {}
    return {key: value for key, value in form.cleaned_data.items() if value}


@login_required
def audit_log(request):
    """The site-wide audit log for the admins: filter by person, area, action and period; CSV export."""
    require(request.user, audit.VIEW_ANY_HISTORY)
    form = _log_form(request)
    invalid = form.is_bound and not form.is_valid()
    entries = AuditEntry.objects.none() if invalid else audit.log_entries(**_log_criteria(form))
    page = Paginator(entries, LOG_PAGE_SIZE).get_page(request.GET.get("seite"))
    rows = [
        {
            "entry": entry,
            "action": audit.label_of(entry.action),
            "changes": audit.shown_changes(entry),
            "url": reverse("core:history", args=[_key(entry.content_type), entry.object_id]),
        }
        for entry in page.object_list
    ]
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "invalid": invalid, "page": page, "rows": rows, "query": query.urlencode()},
    )


CSV_COLUMNS = [
    gettext_lazy("When"),
    gettext_lazy("Who"),
    gettext_lazy("What"),
    gettext_lazy("Kind of object"),
    gettext_lazy("Object"),
    gettext_lazy("Changes"),
]


def _csv_rows(entries):
    yield "\ufeff"
    writer = safe_writer(delimiter=";")
    yield writer.writerow([str(label) for label in CSV_COLUMNS])
    for entry in entries.iterator(chunk_size=1000):
        model = entry.content_type.model_class()
        yield writer.writerow(
            [
                date_format(timezone.localtime(entry.created_at), "d.m.Y H:i"),
                entry.who,
                audit.label_of(entry.action),
                capfirst(model._meta.verbose_name) if model else entry.content_type.model,
                entry.object_repr,
                audit.changes_as_text(audit.shown_changes(entry, model)),
            ]
        )


@login_required
def audit_log_csv(request):
    """The filtered entries of the site-wide log as CSV (UTF-8 with BOM, semicolons, German headers)."""
    require(request.user, audit.VIEW_ANY_HISTORY)
    form = _log_form(request)
    if form.is_bound and not form.is_valid():
        return redirect(f"{reverse('core:audit_log')}?{request.GET.urlencode()}")
    entries = audit.log_entries(**_log_criteria(form))
    response = StreamingHttpResponse(_csv_rows(entries), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="protokoll-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


@login_required
def staff_home(request):
    """The staff home `/verwaltung/`: what needs doing for this account's roles (the sections the apps register
    for "staff_home", their `exists=` questions asked in one query) and a link to every staff area it may use.
    Accounts without any role (residents) are refused."""
    from django.template.loader import render_to_string

    from .extensions import links_for, sections_for

    user = request.user
    links = links_for("staff_home", user)
    if not links and not user.has_perm("accounts.access_staff_area") and not getattr(user, "roles", None):
        raise PermissionDenied(_("The staff area is for the city's staff. Your account has no staff role."))
    todos = [
        render_to_string(template, variables, request=request)
        for template, variables in sections_for("staff_home", request, user)
    ]
    return render(request, "core/staff_home.html", {"todos": todos, "links": links, "roles": user.roles})

"""Staff pages of the district conferences: a district's conferences, agreements and projects; one conference with
its invitation, minutes and PDF; agreements and their action items; the departments' item list; escalations and
their decisions; district projects. Thin: look up, check the permission, parse, call a service, render."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.confirm import confirm_and_run
from stadtdialog.core.forms import id_field, parse_query, run_service
from stadtdialog.core.pdf import render_pdf
from stadtdialog.core.rules import require
from stadtdialog.organisation.models import District

from . import queries_conferences as queries
from . import services_conferences as services
from .forms_conferences import (
    AgreementForm,
    ConferenceForm,
    DecisionForm,
    DisputeForm,
    EscalationForm,
    ItemForm,
    ItemListQuery,
    ItemUpdateForm,
    MinutesForm,
    ProjectForm,
)
from .models.conferences import ActionItem, Agreement, DistrictConference, DistrictProject, Escalation

BREADCRUMBS = "districts/conferences/_breadcrumbs.html"
FORM = "districts/conferences/form.html"


def _district(slug, user, permission) -> District:
    district = get_object_or_404(District, slug=slug)
    require(user, permission, district)
    return district


def _conference(pk, user, permission="districts.view_conference") -> DistrictConference:
    conference = get_object_or_404(DistrictConference.objects.select_related("district", "agreement"), pk=pk)
    require(user, permission, conference)
    return conference


def _agreement(pk, user, permission="districts.view_agreement") -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.select_related("district", "conference").prefetch_related("items"), pk=pk
    )
    require(user, permission, agreement)
    return agreement


def _item(pk, user, permission="districts.view_action_item") -> ActionItem:
    item = get_object_or_404(
        ActionItem.objects.select_related("agreement__district", "agreement__conference", "unit"), pk=pk
    )
    require(user, permission, item)
    return item


def _conferences_url(district) -> str:
    return reverse("districts:staff_conferences", args=[district.slug])


def _form_page(request, form, title, back_url, district, **extra):
    return render(request, FORM, {"form": form, "title": title, "back_url": back_url, "district": district, **extra})


# -- a district's conferences --------------------------------------------------------------------------------


@login_required
def staff_conferences(request, slug):
    """Conferences, agreements and projects of a district; the district council's members see the agreements."""
    district = _district(slug, request.user, "districts.view_agreements")
    return render(
        request,
        "districts/conferences/district.html",
        {
            "district": district,
            **queries.district_conferences(district),
            "may_see_conferences": request.user.has_perm("districts.view_conferences", district),
            "may_keep": request.user.has_perm("districts.keep_conferences", district),
            "today": timezone.localdate(),
        },
    )


class _AgreementQuery(ItemListQuery):
    vereinbarung = id_field()


@login_required
@require_http_methods(["GET", "POST"])
def staff_conference_create(request, slug):
    """A new conference (agenda prefilled), or with ?vereinbarung=<id> a working meeting on that agreement."""
    district = _district(slug, request.user, "districts.keep_conferences")
    agreement_id = parse_query(request.GET, _AgreementQuery).get("vereinbarung")
    agreement = get_object_or_404(Agreement, pk=agreement_id, district=district) if agreement_id else None
    if agreement is not None:
        initial = {
            "title": _("Working meeting: %(title)s") % {"title": agreement.title},
            "units": list(agreement.units.all()),
            "agenda": "\n".join([agreement.title, *(item.measure for item in agreement.items.all())]),
        }
    else:
        initial = {
            "title": _("District conference %(district)s") % {"district": district.name},
            "units": list(services.default_units(district)),
            "agenda": queries.prefilled_agenda(district),
        }
    form = ConferenceForm(request.POST or None, initial=initial)
    conference = run_service(
        request,
        form,
        lambda: services.plan_conference(request.user, district, agreement=agreement, **form.service_data()),
        _("The meeting has been planned."),
    )
    if conference:
        return redirect("districts:staff_conference", pk=conference.pk)
    title = _("New working meeting") if agreement else _("New district conference")
    return _form_page(request, form, title, _conferences_url(district), district, agreement=agreement)


@login_required
def staff_conference(request, pk):
    conference = _conference(pk, request.user)
    user = request.user
    return render(
        request,
        "districts/conferences/conference.html",
        {
            "conference": conference,
            "district": conference.district,
            **queries.conference_detail(conference),
            "may_keep": user.has_perm("districts.keep_conferences", conference),
            "may_read_minutes": user.has_perm("districts.view_minutes", conference),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_conference_edit(request, pk):
    conference = _conference(pk, request.user, "districts.keep_conferences")
    form = ConferenceForm(request.POST or None, instance=conference)
    if run_service(
        request,
        form,
        lambda: services.update_conference(request.user, conference, version=form.version, **form.service_data()),
        _("The meeting has been saved."),
    ):
        return redirect("districts:staff_conference", pk=conference.pk)
    back = reverse("districts:staff_conference", args=[conference.pk])
    return _form_page(request, form, _("Edit meeting"), back, conference.district, history_object=conference)


@login_required
@require_http_methods(["GET", "POST"])
def staff_conference_invite(request, pk):
    conference = _conference(pk, request.user, "districts.keep_conferences")
    back = reverse("districts:staff_conference", args=[conference.pk])
    return confirm_and_run(
        request,
        obj=conference,
        service=lambda: services.send_invitations(request.user, conference, request.build_absolute_uri("/")),
        title=_("Send invitations"),
        question=_("The invited departments receive the invitation with a calendar file by e-mail."),
        button=_("Send invitations now"),
        done_message=_("The invitations have been sent."),
        back_url=back,
        breadcrumbs=BREADCRUMBS,
        context={"district": conference.district},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_conference_minutes(request, pk):
    conference = _conference(pk, request.user, "districts.keep_conferences")
    form = MinutesForm(request.POST or None, instance=conference)
    if run_service(
        request,
        form,
        lambda: services.record_minutes(request.user, conference, version=form.version, **form.service_data()),
        _("Attendance and minutes have been saved."),
    ):
        return redirect("districts:staff_conference", pk=conference.pk)
    back = reverse("districts:staff_conference", args=[conference.pk])
    return _form_page(request, form, _("Attendance and minutes"), back, conference.district)


@login_required
@require_http_methods(["GET", "POST"])
def staff_conference_publish(request, pk):
    conference = _conference(pk, request.user, "districts.keep_conferences")
    back = reverse("districts:staff_conference", args=[conference.pk])
    return confirm_and_run(
        request,
        obj=conference,
        service=lambda: services.publish_minutes(request.user, conference),
        title=_("Publish the minutes"),
        question=_(
            "The participants (the district management and the invited departments) can then read the minutes "
            "and download them as PDF. The agreements appear in the summary on the district page."
        ),
        button=_("Publish the minutes"),
        done_message=_("The minutes have been published to the participants."),
        back_url=back,
        breadcrumbs=BREADCRUMBS,
        context={"district": conference.district},
    )


@login_required
def staff_conference_pdf(request, pk):
    """The minutes as PDF, for the participants only."""
    conference = _conference(pk, request.user, "districts.view_minutes")
    pdf = render_pdf(
        "districts/conferences/minutes_pdf.html",
        {"conference": conference, "district": conference.district, **queries.conference_detail(conference)},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="protokoll-{conference.pk}.pdf"'
    return response


# -- agreements and action items ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_agreement_create(request, pk):
    conference = _conference(pk, request.user, "districts.keep_conferences")
    form = AgreementForm(request.POST or None, conference=conference)
    agreement = run_service(
        request,
        form,
        lambda: services.create_agreement(request.user, conference, **form.cleaned_data),
        _("The agreement has been saved. Now add its action items."),
    )
    if agreement:
        return redirect("districts:staff_agreement", pk=agreement.pk)
    back = reverse("districts:staff_conference", args=[conference.pk])
    return _form_page(request, form, _("New agreement"), back, conference.district)


@login_required
def staff_agreement(request, pk):
    agreement = _agreement(pk, request.user)
    user = request.user
    return render(
        request,
        "districts/conferences/agreement.html",
        {
            "agreement": agreement,
            "district": agreement.district,
            **queries.agreement_detail(agreement),
            "internals": user.has_perm("districts.view_agreement_internals", agreement),
            "may_keep": user.has_perm("districts.keep_conferences", agreement),
            "may_open_conference": user.has_perm("districts.view_conference", agreement.conference),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_item_create(request, pk):
    agreement = _agreement(pk, request.user, "districts.keep_conferences")
    form = ItemForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if run_service(
        request,
        form,
        lambda: services.add_item(request.user, agreement, **form.cleaned_data),
        _("The action item has been added."),
    ):
        return redirect("districts:staff_agreement", pk=agreement.pk)
    back = reverse("districts:staff_agreement", args=[agreement.pk])
    return _form_page(request, form, _("New action item"), back, agreement.district)


@login_required
def staff_action_items(request):
    """The items of the user's departments in every district (and of the districts they manage)."""
    require(request.user, "districts.access_action_items")
    query = parse_query(request.GET, ItemListQuery)
    state = query.get("stand") or queries.OPEN
    page = Paginator(queries.items_for(request.user, state), 50).get_page(query.get("page"))
    return render(
        request,
        "districts/conferences/items.html",
        {
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "state": state,
            "today": timezone.localdate(),
            "filters": [
                (queries.OPEN, _("Open")),
                (queries.OVERDUE, _("Overdue")),
                (queries.DONE, _("Done")),
                (queries.ALL, _("All")),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_action_item(request, pk):
    """An item with its history; its department updates it here (a versioned form)."""
    item = _item(pk, request.user)
    user = request.user
    may_update = user.has_perm("districts.update_action_item", item)
    form = ItemUpdateForm(request.POST or None, instance=item) if may_update else None
    if request.method == "POST":
        require(user, "districts.update_action_item", item)
        if run_service(
            request,
            form,
            lambda: services.update_item(user, item, version=form.version, **form.service_data()),
            _("The action item has been updated."),
        ):
            return redirect("districts:staff_action_item", pk=item.pk)
    return render(
        request,
        "districts/conferences/item.html",
        {
            "item": item,
            "district": item.agreement.district,
            "form": form,
            "history": queries.item_history(item),
            "escalations": list(item.escalations.order_by("-escalated_on", "-id")),
            "may_confirm": user.has_perm("districts.confirm_action_item", item),
            "may_dispute": user.has_perm("districts.dispute_action_item", item),
            "may_escalate": user.has_perm("districts.escalate", item.agreement)
            and (item.is_overdue or item.status == "disputed"),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_action_item_confirm(request, pk):
    item = _item(pk, request.user, "districts.keep_conferences")
    back = reverse("districts:staff_action_item", args=[item.pk])
    return confirm_and_run(
        request,
        obj=item,
        service=lambda: services.confirm_item(request.user, item),
        title=_("Confirm completion"),
        question=_("The item counts as done; the summary on the district page shows it so."),
        button=_("Confirm completion"),
        done_message=_("The completion has been confirmed."),
        back_url=back,
        breadcrumbs=BREADCRUMBS,
        context={"district": item.agreement.district},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_action_item_dispute(request, pk):
    item = _item(pk, request.user, "districts.dispute_action_item")
    form = DisputeForm(request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.dispute_item(request.user, item, reason=form.cleaned_data["reason"]),
        _("The item is marked disputed."),
    ):
        return redirect("districts:staff_action_item", pk=item.pk)
    back = reverse("districts:staff_action_item", args=[item.pk])
    return _form_page(request, form, _("Mark the item disputed"), back, item.agreement.district, item=item)


# -- escalation ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_escalate_item(request, pk):
    item = _item(pk, request.user)
    require(request.user, "districts.escalate", item.agreement)
    form = EscalationForm(request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.escalate(request.user, item.agreement, item=item, **form.cleaned_data),
        _("The item has been escalated."),
    ):
        return redirect("districts:staff_action_item", pk=item.pk)
    back = reverse("districts:staff_action_item", args=[item.pk])
    return _form_page(request, form, _("Escalate the item"), back, item.agreement.district, item=item)


@login_required
@require_http_methods(["GET", "POST"])
def staff_escalate_agreement(request, pk):
    agreement = _agreement(pk, request.user, "districts.escalate")
    form = EscalationForm(request.POST or None)
    if run_service(
        request,
        form,
        lambda: services.escalate(request.user, agreement, **form.cleaned_data),
        _("The agreement has been escalated."),
    ):
        return redirect("districts:staff_agreement", pk=agreement.pk)
    back = reverse("districts:staff_agreement", args=[agreement.pk])
    return _form_page(request, form, _("Escalate the whole agreement"), back, agreement.district)


@login_required
def staff_escalations(request):
    require(request.user, "districts.view_escalations")
    page = Paginator(queries.escalations_for(request.user), 50).get_page(
        parse_query(request.GET, ItemListQuery).get("page")
    )
    return render(
        request,
        "districts/conferences/escalations.html",
        {"page_obj": page, "page_range": page.paginator.get_elided_page_range(page.number)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_escalation(request, pk):
    """An escalation; while open, its decision is recorded here."""
    escalation = get_object_or_404(Escalation.objects.select_related("agreement__district", "item__unit"), pk=pk)
    require(request.user, "districts.view_escalation", escalation)
    may_decide = request.user.has_perm("districts.decide_escalation", escalation)
    form = None
    if may_decide:
        initial = {"decided_on": timezone.localdate()}
        form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(request.user, "districts.decide_escalation", escalation)
        if run_service(
            request,
            form,
            lambda: services.record_decision(request.user, escalation, **form.cleaned_data),
            _("The decision has been recorded."),
        ):
            return redirect("districts:staff_escalation", pk=escalation.pk)
    return render(
        request,
        "districts/conferences/escalation.html",
        {"escalation": escalation, "district": escalation.agreement.district, "form": form},
    )


# -- district projects -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def staff_project_create(request, slug):
    district = _district(slug, request.user, "districts.keep_projects")
    form = ProjectForm(request.POST or None, district=district, initial={"year": timezone.localdate().year})
    if run_service(
        request,
        form,
        lambda: services.save_project(request.user, district, **form.service_data()),
        _("The district project has been saved."),
    ):
        return redirect(_conferences_url(district))
    return _form_page(request, form, _("New district project"), _conferences_url(district), district)


@login_required
@require_http_methods(["GET", "POST"])
def staff_project_edit(request, pk):
    project = get_object_or_404(DistrictProject.objects.select_related("district"), pk=pk)
    require(request.user, "districts.keep_projects", project)
    district = project.district
    form = ProjectForm(request.POST or None, instance=project, district=district)
    if run_service(
        request,
        form,
        lambda: services.save_project(request.user, district, project, version=form.version, **form.service_data()),
        _("The district project has been saved."),
    ):
        return redirect(_conferences_url(district))
    return _form_page(
        request, form, _("Edit district project"), _conferences_url(district), district, history_object=project
    )

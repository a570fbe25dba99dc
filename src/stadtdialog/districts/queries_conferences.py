"""Reads of the district conferences, tuned for their pages (a fixed number of queries whatever the number of
conferences, agreements and items), the prefilled agenda, the overview's flags and the public summary.

`public_summary(district)` is the one read of this part for the public (the district page and, later, the open-data
API): plain data, units only, no names of people, no reasons, notes, disputes, escalations or minutes.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from stadtdialog.accounts.rules import district_ids_of, is_city_wide_staff, unit_ids_of
from stadtdialog.organisation.models import District
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Process

from .models.concerns import CLOSED_STATUSES, Concern
from .models.conferences import (
    FINISHED_STATUSES,
    ActionItem,
    ActionItemStatus,
    Agreement,
    DistrictConference,
    DistrictProject,
    Escalation,
    half_year_of,
)

OPEN = "offen"
OVERDUE = "ueberfaellig"
DONE = "erledigt"
ALL = "alle"
ITEM_FILTERS = (OPEN, OVERDUE, DONE, ALL)


def _overdue_q(today: datetime.date) -> Q:
    return Q(due_on__lt=today) & ~Q(status__in=FINISHED_STATUSES)


def overdue_items(district: District | None = None, today: datetime.date | None = None):
    today = today or timezone.localdate()
    items = ActionItem.objects.filter(_overdue_q(today)).select_related("unit", "agreement")
    return items.filter(agreement__district=district) if district is not None else items


# -- the agenda ----------------------------------------------------------------------------------------------


def prefilled_agenda(district: District) -> str:
    """The agenda a new conference starts from: the district's plans and processes in preparation, its open
    concerns by category (the open needs), the overdue action items, then agreements and other business. Editable
    text, one item per line (four queries)."""
    linked = Plan.districts.through.objects.filter(district=district).values("plan_id")
    lines = [_("Welcome and the minutes of the last conference")]
    plans = (
        Plan.objects.filter(pk__in=linked, status__in=[Plan.Status.IDEA, Plan.Status.PREPARATION])
        .select_related("lead_unit")
        .order_by("title")[:20]
    )
    lines += [_("Plan: %(title)s (%(unit)s)") % {"title": p.title, "unit": p.lead_unit.short_name} for p in plans]
    processes = (
        Process.objects.filter(plan__in=linked, published_at__isnull=True)
        .select_related("plan__lead_unit")
        .order_by("title")[:20]
    )
    lines += [
        _("Process in preparation: %(title)s (%(unit)s)") % {"title": p.title, "unit": p.plan.lead_unit.short_name}
        for p in processes
    ]
    needs = (
        Concern.objects.filter(district=district, confirmed_at__isnull=False)
        .exclude(status__in=CLOSED_STATUSES)
        .values("category__name")
        .annotate(number=Count("id"))
        .order_by("-number", "category__name")[:10]
    )
    lines += [
        _("Open need: %(category)s (%(number)s open concerns)")
        % {"category": n["category__name"], "number": n["number"]}
        for n in needs
    ]
    lines += [
        _("Overdue action item: %(measure)s (%(unit)s, due %(due)s)")
        % {"measure": item.measure, "unit": item.unit.short_name, "due": item.due_on.strftime("%d.%m.%Y")}
        for item in overdue_items(district).order_by("due_on", "id")[:20]
    ]
    lines += [_("Agreements and the next steps"), _("Other business")]
    return "\n".join(lines)


# -- the overview for the coordination office and the admins ---------------------------------------------------------


def overview(today: datetime.date | None = None) -> dict:
    """Every district with its last conference, whether it had one this half-year and a project this year, its
    overdue items and open escalations (one query)."""
    today = today or timezone.localdate()
    first, last = half_year_of(today)
    conferences = DistrictConference.objects.filter(district=OuterRef("pk"), agreement=None)
    districts = District.objects.order_by("number").annotate(
        last_conference=Max("conferences__starts_at", filter=Q(conferences__agreement=None)),
        has_conference=Exists(conferences.filter(starts_at__date__gte=first, starts_at__date__lte=last)),
        has_project=Exists(DistrictProject.objects.filter(district=OuterRef("pk"), year=today.year)),
        overdue=Exists(ActionItem.objects.filter(_overdue_q(today), agreement__district=OuterRef("pk"))),
        open_escalations=Exists(Escalation.objects.filter(agreement__district=OuterRef("pk"), decided_on=None)),
    )
    rows = list(districts)
    return {
        "rows": rows,
        "half_year_start": first,
        "half_year_end": last,
        "year": today.year,
        "without_conference": sum(1 for row in rows if not row.has_conference),
        "without_project": sum(1 for row in rows if not row.has_project),
    }


# -- a district's conferences ----------------------------------------------------------------------------------------


def _items_prefetch():
    return Prefetch("items", queryset=ActionItem.objects.select_related("unit").order_by("due_on", "id"))


def district_conferences(district: District) -> dict:
    """Conferences and working meetings, agreements with their items, and projects of one district (fixed
    queries)."""
    conferences = list(
        DistrictConference.objects.filter(district=district)
        .select_related("agreement")
        .annotate(agreement_count=Count("agreements"))
    )
    agreements = list(
        Agreement.objects.filter(district=district)
        .select_related("conference")
        .prefetch_related("units", _items_prefetch())
    )
    projects = list(DistrictProject.objects.filter(district=district).prefetch_related("agreements"))
    return {"conferences": conferences, "agreements": agreements, "projects": projects}


def conference_detail(conference: DistrictConference) -> dict:
    agreements = list(conference.agreements.prefetch_related("units", _items_prefetch()).order_by("created_at", "id"))
    return {
        "units": list(conference.units.all()),
        "present_units": list(conference.present_units.all()),
        "agreements": agreements,
    }


def agreement_detail(agreement: Agreement) -> dict:
    return {
        "units": list(agreement.units.all()),
        "items": list(agreement.items.select_related("unit").order_by("due_on", "id")),
        "escalations": list(agreement.escalations.select_related("item").order_by("-escalated_on", "-id")),
        "working_meetings": list(agreement.working_meetings.order_by("-starts_at")),
        "projects": list(agreement.projects.all()),
    }


# -- the items of a department ------------------------------------------------------------------------------------


def items_for(user, state: str = OPEN, today: datetime.date | None = None):
    """The items the user follows: of their units (in every district), of their districts (manager, deputy),
    all for the city-wide staff."""
    today = today or timezone.localdate()
    items = ActionItem.objects.select_related("unit", "agreement__district").annotate(
        open_escalation=Exists(Escalation.objects.filter(item=OuterRef("pk"), decided_on=None))
    )
    if not is_city_wide_staff(user):
        items = items.filter(Q(unit_id__in=unit_ids_of(user)) | Q(agreement__district_id__in=district_ids_of(user)))
    if state == OPEN:
        items = items.exclude(status__in=FINISHED_STATUSES)
    elif state == OVERDUE:
        items = items.filter(_overdue_q(today))
    elif state == DONE:
        items = items.filter(status__in=FINISHED_STATUSES)
    return items.order_by("due_on", "id")


def item_history(item: ActionItem) -> list:
    """Every step of the item, oldest first (the audit log: created, updates, dispute, escalation, decision,
    confirmation, reminders)."""
    from stadtdialog.core import audit

    entries = list(audit.history(item).order_by("created_at", "id"))
    for entry in entries:
        entry.label = audit.label_of(entry.action)
    return entries


def escalations_for(user):
    """Escalations for the coordination office and the admins (all) and the district managers (theirs); open
    first."""
    escalations = Escalation.objects.select_related("agreement__district", "item__unit")
    if not is_city_wide_staff(user):
        escalations = escalations.filter(agreement__district_id__in=district_ids_of(user))
    return escalations.order_by(F("decided_on").asc(nulls_first=True), "-escalated_on", "-id")


# -- the public summary -------------------------------------------------------------------------------------------


def _public_agreements(district: District):
    """Agreements of conferences whose minutes are out: from then on, what was agreed is public."""
    return Agreement.objects.filter(district=district, conference__minutes_published_at__isnull=False)


def _public_projects(district: District):
    return DistrictProject.objects.filter(district=district)


def _public_agreement(agreement: Agreement, today: datetime.date) -> dict:
    """One agreement as the public sees it (public_summary's shape): the item status "disputed" is "in progress"."""
    items = []
    for item in agreement.items.all():
        status = ActionItemStatus.IN_PROGRESS if item.status == ActionItemStatus.DISPUTED else item.status
        items.append(
            {
                "unit": item.unit.short_name,
                "measure": item.measure,
                "starts_on": item.starts_on.isoformat(),
                "due_on": item.due_on.isoformat(),
                "status": str(status),
                "status_label": str(ActionItemStatus(status).label),
                "overdue": item.status not in FINISHED_STATUSES and item.due_on < today,
            }
        )
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "agreed_on": timezone.localtime(agreement.conference.starts_at).date().isoformat(),
        "units": sorted(unit.short_name for unit in agreement.units.all()),
        "items": items,
        "done": sum(1 for item in agreement.items.all() if item.status in FINISHED_STATUSES),
        "total": len(items),
    }


def public_conferences():
    """Conferences and working meetings whose minutes are out: their agreements are public from then on (the
    minutes' text stays with the participants)."""
    return DistrictConference.objects.filter(minutes_published_at__isnull=False)


def public_conference_summaries(conferences: list[DistrictConference], today: datetime.date | None = None) -> list:
    """Each conference (of public_conferences(), with its district selected) as plain public data, for the open-data
    API; the agreements in public_summary's shape. Three queries for any number of conferences::

        [{"id", "district": {"number", "name", "slug"}, "held_on" (ISO date), "minutes_published_on" (ISO date),
          "agreements": [public_summary's agreements], "done": int, "total": int, "updated_at" (newest change of
          the conference, its agreements and items)}]

    Never the minutes' text, the agenda, the participants, reasons, target groups, notes, disputes or
    escalations."""
    today = today or timezone.localdate()
    by_conference: dict[int, list] = {conference.pk: [] for conference in conferences}
    stamps = {conference.pk: conference.updated_at for conference in conferences}
    agreements = (
        Agreement.objects.filter(conference_id__in=list(by_conference))
        .prefetch_related("units", _items_prefetch())
        .order_by("created_at", "id")
    )
    conference_of = {conference.pk: conference for conference in conferences}
    for agreement in agreements:
        agreement.conference = conference_of[agreement.conference_id]
        by_conference[agreement.conference_id].append(_public_agreement(agreement, today))
        for changed in [agreement.updated_at, *(item.updated_at for item in agreement.items.all())]:
            stamps[agreement.conference_id] = max(stamps[agreement.conference_id], changed)
    rows = []
    for conference in conferences:
        district = conference.district
        agreement_rows = by_conference[conference.pk]
        rows.append(
            {
                "id": conference.pk,
                "district": {"number": district.number, "name": district.name, "slug": district.slug},
                "held_on": timezone.localtime(conference.starts_at).date().isoformat(),
                "minutes_published_on": timezone.localtime(conference.minutes_published_at).date().isoformat(),
                "agreements": agreement_rows,
                "done": sum(row["done"] for row in agreement_rows),
                "total": sum(row["total"] for row in agreement_rows),
                "updated_at": stamps[conference.pk],
            }
        )
    return rows


def public_summary(district: District, today: datetime.date | None = None) -> dict:
    """What the public learns of the district's agreements and projects (plain data, five queries)::

        {"district": {"number", "name", "slug"},
         "agreements": [{"id", "title", "agreed_on" (ISO date), "units": ["FB 61", …],
                         "items": [{"unit", "measure", "starts_on", "due_on", "status", "status_label",
                                    "overdue"}],
                         "done": int, "total": int}],
         "projects": [{"id", "year", "title", "description", "state", "state_label", "agreements": [ids],
                       "plans": [{"title", "url"}], "processes": [{"title", "url"}]}]}

    The item status "disputed" is shown as "in progress": the dispute is internal. Only published plans and
    processes are linked."""
    today = today or timezone.localdate()
    agreements = (
        _public_agreements(district)
        .select_related("conference")
        .prefetch_related("units", _items_prefetch())
        .order_by("-conference__starts_at", "-id")
    )
    agreement_rows = [_public_agreement(agreement, today) for agreement in agreements]
    projects = _public_projects(district).prefetch_related(
        "agreements",
        Prefetch("plans", queryset=Plan.objects.filter(published_at__isnull=False).only("id", "title")),
        Prefetch(
            "processes",
            queryset=Process.objects.filter(published_at__isnull=False, plan__published_at__isnull=False).only(
                "id", "title"
            ),
        ),
    )
    public_ids = {row["id"] for row in agreement_rows}
    project_rows = [
        {
            "id": project.pk,
            "year": project.year,
            "title": project.title,
            "description": project.description,
            "state": project.state,
            "state_label": str(project.get_state_display()),
            "agreements": sorted(a.pk for a in project.agreements.all() if a.pk in public_ids),
            "plans": [{"title": p.title, "url": p.get_absolute_url()} for p in project.plans.all()],
            "processes": [{"title": p.title, "url": p.get_absolute_url()} for p in project.processes.all()],
        }
        for project in projects
    ]
    return {
        "district": {"number": district.number, "name": district.name, "slug": district.slug},
        "agreements": agreement_rows,
        "projects": project_rows,
    }


def district_public_section(request, district: District) -> dict | None:
    """The section "district_public" of the district page: the public summary, cached with the district page (the
    app's ready() moves the cache's version on with every change of a conference, agreement, item or project), so a
    warm page asks nothing for it, with or without agreements."""
    from .queries import _cached

    today = timezone.localdate()
    summary = _cached(f"conferences:{district.pk}:{today.isoformat()}", lambda: public_summary(district, today))
    if not summary["agreements"] and not summary["projects"]:
        return None
    return {"conference_summary": summary}


def district_work_section(request, district: District) -> dict | None:
    """The section "district_work" of a district's work area: the link to its conferences, with the overdue items."""
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("districts.view_agreements", district):
        return None
    return {
        "conferences_url": reverse("districts:staff_conferences", args=[district.slug]),
        "overdue_count": overdue_items(district).count(),
    }

"""Every staff edit form (issue 11, items 1 and 2), on the world of tests/accounts/test_role_access.py.

- No lost update: two clients load the form; the first saves a change; the second's save from the stale form
  is refused with the German message, what the second typed is in the answer, the first change is kept.
- Nothing dropped that the user cannot see: every role that may open the form loads it and saves it unchanged
  (as a browser sends it back); nothing of the object changes (a snapshot of all its rows before and after).

EDIT_FORMS lists the forms (grep views*.py for `version_of=`; the ModelForms of events and sortition take their
`instance`)."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import BarrierReport, Page
from stadtdialog.dialog.models import Response
from stadtdialog.districts.models import ConcernCategory, ContactPoint, DistrictProfile, MonitoringNote, Network
from stadtdialog.evaluation import services as evaluation_services
from stadtdialog.evaluation.models import Evaluation, GoalAssessment
from stadtdialog.events.models import Event
from stadtdialog.office.models import Equipment, OfficeHour, Room, Slot
from stadtdialog.office.models_advice import ConsultationRequest, WorkAid
from stadtdialog.organisation import services as organisation_services
from stadtdialog.organisation.models import DistrictCouncil, OrgUnit
from stadtdialog.outcomes.models import Decision, Milestone, Recommendation, Result, Verdict
from stadtdialog.outcomes.services import decision as decision_services
from stadtdialog.outcomes.services import results as result_services
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Concept, ConceptVersion, Goal, Phase, Process
from stadtdialog.reporting.models import AnnualPlanEntry
from stadtdialog.reports.models import Report
from stadtdialog.sortition.models import Sortition
from tests.accounts.test_role_access import (  # noqa: F401 (the fixtures)
    EXPECTED,
    IN,
    OK,
    _barrier_report,
    _concern,
    _conference_objects,
    _district,
    _district_objects,
    _event,
    _fast_passwords,
    _initiative,
    _milestone,
    _office,
    _plan_entry,
    _report_objects,
    staff_routes,
    url_kwargs,
    world,
)
from tests.factories import OrgUnitFactory, districts
from tests.formdata import form_values

pytestmark = pytest.mark.django_db

STALE = "Jemand anderes hat hier inzwischen gespeichert"


def rows(model, **lookup) -> list[dict]:
    """Every stored value of the matching rows (but the time of the last save and the plans' search text,
    which is derived), in id order."""
    return [
        {k: v for k, v in row.items() if k not in {"updated_at", "search_text"}}
        for row in model.objects.filter(**lookup).order_by("pk").values()
    ]


def changed(before: list[dict], after: list[dict]) -> list:
    """What differs between two snapshots, for the failure message."""
    if len(before) != len(after):
        return [f"{len(before)} rows before, {len(after)} after"]
    return [
        (key, old.get(key), new.get(key))
        for old, new in zip(before, after)
        for key in old.keys() | new.keys()
        if old.get(key) != new.get(key)
    ]


def m2m(obj, *names) -> dict:
    return {name: sorted(getattr(obj, name).values_list("pk", flat=True)) for name in names}


@dataclass
class EditForm:
    name: str  # the URL name (a staff route, or any route with `url`)
    snapshot: Callable  # world -> everything the form could change
    first: Callable  # world -> the change the first client makes
    second: Callable  # world -> what the second client types (the first text value is looked for in the answer)
    prepare: Callable = lambda w: None  # world -> None: make the object ready for the form
    url: Callable | None = None  # world -> URL, for routes outside EXPECTED
    roles: list = field(default_factory=list)  # for routes outside EXPECTED: who may edit
    pick: str = "version"  # a field name only this form of the page has (a page with two versioned forms)

    @property
    def id(self) -> str:
        return self.name if self.pick == "version" else f"{self.name}:{self.pick}"


def _plan(w):
    w["plan"].districts.set(districts(10))


def _started(w):
    if (
        evaluation_services.evaluation_of(w["process"]) is None
        or not Evaluation.objects.get(process=w["process"]).is_started
    ):
        evaluation_services.start_evaluation(w["users"]["admin"], w["process"])


def _evaluation_rows(w):
    return rows(Evaluation, process=w["process"]) + rows(GoalAssessment, evaluation__process=w["process"])


def _goal(w):
    return Goal.objects.filter(concept__process=w["process"]).order_by("pk").first()


def _past_event(w):
    from stadtdialog.events import services as event_services

    event = _event(w)
    start = timezone.now() - datetime.timedelta(days=2)
    Event.objects.filter(pk=event.pk).update(start=start, end=start + datetime.timedelta(hours=2))
    event.refresh_from_db()
    event_services.save_documentation(w["users"]["admin"], event, "Wir haben 40 Ideen gesammelt.")


def _results(w):
    result_services.save_result(
        w["users"]["admin"],
        w["process"],
        summary="<p>Die Beteiligten wünschen mehr Bäume.</p>",
        recommendations=[{"id": None, "text": "Mehr Bäume pflanzen"}],
    )


def _decision(w):
    _results(w)
    rec = Recommendation.objects.get(result__process=w["process"])
    decision_services.save_decision(
        w["users"]["admin"],
        w["process"],
        decision_maker="Rat der Landeshauptstadt Hannover",
        verdicts={rec.pk: (Verdict.Outcome.FOLLOWED, "")},
    )


def _council(w):
    organisation_services.update_council(w["users"]["admin"], _district(w), name="Stadtbezirksrat Mitte")


def _other_units(w):
    if "other_units" not in w:
        w["other_units"] = [OrgUnitFactory(), OrgUnitFactory()]
    return w["other_units"]


def _role(w):
    return w["users"]["department_own"].role_set.get()


def _contribution(w):
    if "contribution" not in w:
        from tests.dialog.dialog_factories import ContributionFactory

        w["contribution"] = ContributionFactory(process=w["process"])
    return w["contribution"]


def _answered(w):
    from stadtdialog.dialog import services as dialog_services

    dialog_services.answer_contribution(
        w["users"]["admin"], _contribution(w), Response.Status.TAKEN, "Wird berücksichtigt."
    )


def _initiative_rows(w):
    from stadtdialog.initiatives.models import Initiative

    return rows(Initiative, pk=_initiative(w).pk)


def _other_processes(w):
    if "other_processes" not in w:
        from tests.factories import published_process

        w["other_processes"] = [published_process(plan=w["plan"]), published_process(plan=w["plan"])]
    return w["other_processes"]


def _accepted(w):
    from stadtdialog.initiatives.models import Initiative

    Initiative.objects.filter(pk=_initiative(w).pk).update(state=Initiative.State.ACCEPTED, process=w["process"])
    _other_processes(w)


EDIT_FORMS = [
    EditForm(
        "plans:staff_edit",
        lambda w: (
            rows(Plan, pk=w["plan"].pk)
            + [m2m(w["plan"], "districts", "quarters", "fields_of_action", "council_papers")]
        ),
        lambda w: {"title": "Titel von A"},
        lambda w: {"summary": "Zusammenfassung von B"},
        prepare=_plan,
    ),
    EditForm(
        "processes:staff_concept",
        lambda w: (
            rows(Process, pk=w["process"].pk)
            + rows(Concept, process=w["process"])
            + rows(Goal, concept__process=w["process"])
            + rows(Phase, process=w["process"])
            + rows(ConceptVersion, concept__process=w["process"])
        ),
        lambda w: {"subject": "Gegenstand von A", "change_note": "Gegenstand genauer beschrieben"},
        lambda w: {"scope_open": "Offen laut B", "change_note": "Spielraum ergänzt"},
    ),
    EditForm(
        "events:staff_edit",
        lambda w: rows(Event, pk=_event(w).pk),
        lambda w: {"title": "Veranstaltung von A"},
        lambda w: {"place_name": "Ort von B"},
    ),
    EditForm(
        "events:staff_documentation",
        lambda w: rows(Event, pk=_event(w).pk),
        lambda w: {"minutes": "Protokoll von A"},
        lambda w: {"minutes": "Protokoll von B"},
        prepare=_past_event,
    ),
    EditForm(
        "reports:staff_report_edit",
        lambda w: rows(Report, pk=_report_objects(w)["report"].pk),
        lambda w: {"title": "Bericht von A"},
        lambda w: {"text": "Text von B"},
    ),
    EditForm(
        "outcomes:staff_results",
        lambda w: rows(Result, process=w["process"]) + rows(Recommendation, result__process=w["process"]),
        lambda w: {"summary": "Ergebnis von A"},
        lambda w: {"summary": "Ergebnis von B"},
        prepare=_results,
    ),
    EditForm(
        "outcomes:staff_decision",
        lambda w: rows(Decision, process=w["process"]) + rows(Verdict, decision__process=w["process"]),
        lambda w: {"decision_maker": "Rat von A"},
        lambda w: {"body": "Gremium von B"},
        prepare=_decision,
    ),
    EditForm(
        "outcomes:staff_milestone",
        lambda w: rows(Milestone, pk=_milestone(w).pk),
        lambda w: {"title": "Meilenstein von A"},
        lambda w: {"description": "Beschreibung von B"},
    ),
    EditForm(
        "evaluation:staff_lessons",
        _evaluation_rows,
        lambda w: {"lessons_learned": "Gelernt von A"},
        lambda w: {"lessons_learned": "Gelernt von B"},
        prepare=_started,
    ),
    EditForm(
        "evaluation:staff_goals",
        _evaluation_rows,
        lambda w: {f"goal-{_goal(w).pk}-measured_value": "80 Prozent", f"goal-{_goal(w).pk}-rating": "achieved"},
        lambda w: {f"goal-{_goal(w).pk}-measured_value": "60 Prozent von B", f"goal-{_goal(w).pk}-rating": "partly"},
        prepare=_started,
    ),
    EditForm(
        "core:page_edit",
        lambda w: rows(Page, slug="impressum"),
        lambda w: {"title": "Impressum von A"},
        lambda w: {"body": "Text von B"},
    ),
    EditForm(
        "core:barrier_report",
        lambda w: rows(BarrierReport, pk=_barrier_report(w).pk),
        lambda w: {"answer": "Antwort von A"},
        lambda w: {"answer": "Antwort von B"},
    ),
    EditForm(
        "sortition:staff_edit",
        lambda w: rows(Sortition, pk=w["sortition"].pk),
        lambda w: {"title": "Losverfahren von A"},
        lambda w: {"description": "Beschreibung von B"},
    ),
    EditForm(
        "organisation:unit_edit",
        lambda w: rows(OrgUnit, pk=w["plan"].lead_unit_id),
        lambda w: {"name": "Fachbereich von A"},
        lambda w: {"address": "Adresse von B"},
    ),
    EditForm(
        "organisation:unit_move",
        lambda w: rows(OrgUnit, pk=w["plan"].lead_unit_id),
        lambda w: {"parent": str(_other_units(w)[0].pk)},
        lambda w: {"parent": str(_other_units(w)[1].pk)},
        prepare=_other_units,
    ),
    EditForm(
        "organisation:council_edit",
        lambda w: rows(DistrictCouncil, district=_district(w)),
        lambda w: {"name": "Bezirksrat von A"},
        lambda w: {"chair": "Vorsitz von B"},
        prepare=_council,
    ),
    EditForm(
        "accounts:staff_role_edit",
        lambda w: rows(Role, pk=_role(w).pk),
        lambda w: {"org_unit": str(_other_units(w)[0].pk)},
        lambda w: {"org_unit": str(_other_units(w)[1].pk)},
        prepare=_other_units,
    ),
    EditForm(
        "initiatives:staff_assign",
        _initiative_rows,
        lambda w: {"department": str(_other_units(w)[0].pk)},
        lambda w: {"department": str(_other_units(w)[1].pk)},
        prepare=_other_units,
    ),
    EditForm(
        "initiatives:staff_review",
        _initiative_rows,
        lambda w: {"action": "link", "process": str(_other_processes(w)[0].pk)},
        lambda w: {"action": "link", "process": str(_other_processes(w)[1].pk)},
        prepare=_accepted,
    ),
    EditForm(
        "dialog:answer",
        lambda w: rows(Response, contribution=_contribution(w)),
        lambda w: {"status": Response.Status.PARTLY, "text": "Antwort von A"},
        lambda w: {"status": Response.Status.NOT_TAKEN, "text": "Antwort von B"},
        prepare=_answered,
        url=lambda w: reverse("dialog:answer", args=[_contribution(w).pk]),
        roles=["admin", "coordination", "department_own"],
    ),
    # Office catalogue (helper "office2"): a room and an equipment item.
    EditForm(
        "office:staff_room_edit",
        lambda w: rows(Room, pk=_office(w)["office_booking"].room_id),
        lambda w: {"name": "Saal von A"},
        lambda w: {"fixed_equipment": "Leinwand von B"},
    ),
    EditForm(
        "office:staff_equipment_edit",
        lambda w: rows(Equipment, pk=_office(w)["office_booking"].items.get().equipment_id),
        lambda w: {"name": "Beamer von A"},
        lambda w: {"pickup": "Ausgabe von B"},
    ),
]


# The forms of the districts, office and reporting apps (helper "ver").
def _profile(w):
    from stadtdialog.districts import services as district_services

    district_services.save_profile(
        w["users"]["admin"],
        _district(w),
        {"introduction": "Das Stadtbezirksmanagement Mitte hilft.", "office_hours": "Dienstags 10–12 Uhr"},
    )


def _district_rows(model, key):
    return lambda w: rows(model, pk=_district_objects(w)[key].pk)


def _category_rows(w):
    return rows(ConcernCategory, pk=_concern(w).category_id)


def _office_hour_rows(w):
    hour = _office(w)["office_hour"]
    return rows(OfficeHour, pk=hour.pk) + rows(Slot, office_hour=hour)


def _plan_entry_rows(w):
    return [
        {k: v for k, v in row.items() if k != "version"}  # counts the saves
        for row in rows(AnnualPlanEntry, pk=_plan_entry(w).pk)
    ]


def _formats(w):
    AnnualPlanEntry.objects.filter(pk=_plan_entry(w).pk).update(formats=["workshop", "walk"], budget="12500.50")


EDIT_FORMS += [
    EditForm(
        "districts:staff_profile",
        lambda w: rows(DistrictProfile, district=_district(w)),
        lambda w: {"office_hours": "Donnerstags 15–18 Uhr"},
        lambda w: {"introduction": "Einleitung von B"},
        prepare=_profile,
    ),
    EditForm(
        "districts:staff_network_edit",
        _district_rows(Network, "district_network"),
        lambda w: {"name": "Netzwerk von A"},
        lambda w: {"topics": "Themen von B"},
    ),
    EditForm(
        "districts:staff_note_edit",
        _district_rows(MonitoringNote, "district_note"),
        lambda w: {"title": "Notiz von A"},
        lambda w: {"text": "Text von B"},
    ),
    EditForm(
        "districts:staff_contact_point_edit",
        _district_rows(ContactPoint, "district_contact_point"),
        lambda w: {"name": "Anlaufstelle von A"},
        lambda w: {"description": "Beschreibung von B"},
    ),
    EditForm(
        "districts:staff_concern_category_edit",
        _category_rows,
        lambda w: {"name": "Kategorie von A"},
        lambda w: {"description": "Beschreibung von B"},
    ),
    EditForm(
        "office:staff_office_hour",
        _office_hour_rows,
        lambda w: {"title": "Sprechstunde von A"},
        lambda w: {"place": "Ort von B"},
    ),
    EditForm(
        "reporting:staff_plan_entry",
        _plan_entry_rows,
        lambda w: {"lead_contact": "Kontakt von A"},
        lambda w: {"committee": "Ausschuss von B"},
        prepare=_formats,
    ),
    EditForm(
        "reporting:staff_plan_entry",
        _plan_entry_rows,
        lambda w: {"outcome": "done", "outcome_reason": "Erledigt laut A"},
        lambda w: {"outcome": "dropped", "outcome_reason": "Abgesagt laut B"},
        pick="outcome",
    ),
]


# Advice (helper "advice", issue 15): the office's handling of a consultation request and a work aid's description.
def _advice_rows(model, key):
    from tests.accounts.test_role_access import _advice

    return lambda w: rows(model, pk=_advice(w)[key].pk)


EDIT_FORMS += [
    EditForm(
        "office:advice_handle",
        _advice_rows(ConsultationRequest, "consultation"),
        lambda w: {"status": "declined", "decline_reason": "Grund von A"},
        lambda w: {"decline_reason": "Grund von B", "status": "declined"},
    ),
    EditForm(
        "office:staff_work_aid_edit",
        _advice_rows(WorkAid, "work_aid"),
        lambda w: {"title": "Checkliste von A"},
        lambda w: {"description": "Beschreibung von B"},
    ),
]


# Action programmes (helper "prog", issue 13 item 5): the programme with the directors' decision, a round, the answer
# to a need and a priority.
def _programme_world(w):
    from tests.accounts.test_role_access import _programme

    return _programme(w)


def _programme_rows(model, key):
    def snapshot(w):
        from stadtdialog.districts.models.programmes import ActionProgramme

        found = _programme_world(w)
        if model is ActionProgramme:
            return rows(ActionProgramme, pk=found["programme"].pk)
        return rows(model, pk=found[key].pk)

    return snapshot


def _answered(w):
    from stadtdialog.districts import services_programmes as programme_services

    need = _programme_world(w)["programme_need"]
    programme_services.answer_need(w["users"]["admin"], need, status="partly", text="Zwei Bänke kommen im Sommer.")


def _programme_edit_forms():
    from stadtdialog.districts.models.programmes import ActionProgramme, Need, PrioritisationRound, Priority

    return [
        EditForm(
            "districts:staff_programme",
            _programme_rows(ActionProgramme, "programme"),
            lambda w: {"summary": "Zusammenfassung von A"},
            lambda w: {"title": "Titel von B"},
            prepare=_programme_world,
        ),
        EditForm(
            "districts:staff_round_edit",
            _programme_rows(PrioritisationRound, "programme_round"),
            lambda w: {"title": "Runde von A"},
            lambda w: {"title": "Runde von B"},
            prepare=_programme_world,
        ),
        EditForm(
            "districts:staff_need_answer",
            _programme_rows(Need, "programme_need"),
            lambda w: {"answer_text": "Antwort von A"},
            lambda w: {"answer_text": "Antwort von B"},
            prepare=_answered,
        ),
        EditForm(
            "districts:staff_priority_edit",
            _programme_rows(Priority, "programme_priority"),
            lambda w: {"title": "Schwerpunkt von A"},
            lambda w: {"state_note": "Stand von B"},
            prepare=_programme_world,
        ),
    ]


EDIT_FORMS += _programme_edit_forms()


# Funding rounds (helper "fund", issue 15): the office changes a round.
def _funding_round_rows(w):
    from stadtdialog.office.models import FundingRound
    from tests.accounts.test_role_access import _funding

    return rows(FundingRound, pk=_funding(w).session.round_id)


EDIT_FORMS += [
    EditForm(
        "office:staff_funding_round_edit",
        _funding_round_rows,
        lambda w: {"title": "Runde von A"},
        lambda w: {"description": "Beschreibung von B"},
    ),
]


# District conferences (helper "conf", issue 13): the meeting, its attendance and minutes, an action item (updated by
# its department; the admins may too) and a district project.
def _conference_rows(w):
    from stadtdialog.districts.models import DistrictConference

    conference = _conference_objects(w)["conference"]
    return rows(DistrictConference, pk=conference.pk) + [m2m(conference, "units", "present_units")]


def _item_rows(w):
    from stadtdialog.districts.models import ActionItem

    return rows(ActionItem, pk=_conference_objects(w)["action_item"].pk)


def _project_rows(w):
    from stadtdialog.districts.models import DistrictProject

    project = _conference_objects(w)["district_project"]
    return rows(DistrictProject, pk=project.pk) + [m2m(project, "agreements", "plans", "processes")]


EDIT_FORMS += [
    EditForm(
        "districts:staff_conference_edit",
        _conference_rows,
        lambda w: {"title": "Konferenz von A"},
        lambda w: {"place": "Ort von B"},
    ),
    EditForm(
        "districts:staff_conference_minutes",
        _conference_rows,
        lambda w: {"minutes": "Protokoll von A"},
        lambda w: {"minutes": "Protokoll von B"},
    ),
    EditForm(
        "districts:staff_action_item",
        _item_rows,
        lambda w: {"note": "Notiz von A", "status": "in_progress"},
        lambda w: {"note": "Notiz von B"},
        roles=["admin", "department_own", "unit_lead"],
    ),
    EditForm(
        "districts:staff_project_edit",
        _project_rows,
        lambda w: {"title": "Projekt von A"},
        lambda w: {"description": "Beschreibung von B"},
    ),
]


BY_NAME = {form.id: form for form in EDIT_FORMS}


def url_of(spec: EditForm, w) -> str:
    if spec.url is not None:
        return spec.url(w)
    params = next(params for name, _route, params in staff_routes() if name == spec.name)
    return reverse(spec.name, kwargs=url_kwargs(spec.name, params, w))


def roles_of(spec: EditForm) -> list[str]:
    if spec.roles:
        return spec.roles
    return [role for role, expected in EXPECTED[spec.name].items() if expected in (OK, IN)]


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def saved(response) -> bool:
    """A save that went through: a redirect (every edit view redirects after a save)."""
    return response.status_code == 302


def errors_in(response) -> str:
    found = re.findall(r'class="kern-error"[^>]*>(.*?)</p>', response.content.decode(), re.S)
    alert = re.search(r'id="form-errors".*?</div>\s*</div>', response.content.decode(), re.S)
    return " | ".join(found) + (alert.group(0) if alert else "")


# --- item 1: no lost update -----------------------------------------------------------------------------


@pytest.mark.parametrize("spec", EDIT_FORMS, ids=lambda spec: spec.id)
def test_a_stale_save_is_refused_and_keeps_what_was_typed(world, spec):  # noqa: F811 (the fixture)
    spec.prepare(world)
    url = url_of(spec, world)
    admin = world["users"]["admin"]
    first, second = client_of(admin), client_of(admin)
    first_form, second_form = form_values(first.get(url), spec.pick), form_values(second.get(url), spec.pick)
    assert first_form.get("version"), f"{spec.name}: the form carries no version"

    response = first.post(url, {**first_form, **spec.first(world)})
    assert saved(response), f"{spec.name}: the first save failed: {errors_in(response)}"
    after_first = spec.snapshot(world)

    typed = spec.second(world)
    response = second.post(url, {**second_form, **typed})
    page = response.content.decode()
    assert response.status_code in (200, 400) and STALE in page, f"{spec.name}: the stale save was not refused"
    assert "Inzwischen geändert" in page  # what changed meanwhile is named
    shown = [value for value in typed.values() if " " in value]
    for value in shown:
        assert value in page, f"{spec.name}: what was typed ({value}) is not in the form again"
    assert spec.snapshot(world) == after_first, f"{spec.name}: the first change was not kept"

    # the refused form carries the current version: saving it again is a deliberate overwrite
    again = form_values(response, spec.pick)
    assert again["version"] != second_form["version"]
    assert saved(second.post(url, again)), f"{spec.name}: the deliberate second save failed"


# --- item 2: saving unchanged changes nothing, for every role that may edit -------------------------------


UNCHANGED = [spec for spec in EDIT_FORMS if spec.name != "core:barrier_report"]  # an answer, not an edit


@pytest.mark.parametrize("spec", UNCHANGED, ids=lambda spec: spec.id)
def test_saving_unchanged_keeps_every_value_for_every_role(world, spec):  # noqa: F811 (the fixture)
    spec.prepare(world)
    url = url_of(spec, world)
    before = spec.snapshot(world)
    roles = roles_of(spec)
    assert roles
    for role in roles:
        client = client_of(world["users"][role])
        data = form_values(client.get(url), spec.pick)
        response = client.post(url, data)
        assert saved(response), f"{spec.name} as {role}: saving unchanged failed: {errors_in(response)}"
        after = spec.snapshot(world)
        assert after == before, f"{spec.name} as {role}: saving unchanged changed {changed(before, after)}"


def test_a_district_manager_saving_a_departments_event_unchanged_keeps_its_process_and_unit(world):  # noqa: F811 (the fixture)
    """The finding: the dropdowns offer only the user's own units and processes, so the department's event
    lost its process and unit. Now those fields are held (disabled, with their value)."""
    from tests.events.factories import EventFactory

    manager = world["users"]["district_manager"]
    district = manager.role_set.get().district
    event = EventFactory(process=world["process"], org_unit=world["plan"].lead_unit, district=district)
    before = rows(Event, pk=event.pk)
    client = client_of(manager)
    url = reverse("events:staff_edit", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].held_fields == ["process", "org_unit"]
    data = form_values(page)
    assert "process" not in data and "org_unit" not in data  # disabled: the browser sends nothing
    response = client.post(url, data)
    assert saved(response), errors_in(response)
    assert rows(Event, pk=event.pk) == before, changed(before, rows(Event, pk=event.pk))
    # a change to what they may change still goes through, and the department keeps its event
    response = client.post(url, {**form_values(client.get(url)), "place_name": "Stadtteilzentrum Ricklingen"})
    assert saved(response)
    event.refresh_from_db()
    assert (event.process_id, event.org_unit_id, event.place_name) == (
        world["process"].pk,
        world["plan"].lead_unit_id,
        "Stadtteilzentrum Ricklingen",
    )

"""Every staff URL (all routes under verwaltung/) with every role: who gets in, who is refused.

The URLs are collected from the URL resolver, so a new staff page fails this test until its row in
EXPECTED says who may open it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from stadtdialog.accounts.models import Role
from stadtdialog.plans import services as plan_services
from tests.factories import OrgUnitFactory, PlanFactory, UserFactory, published_process, staff_user
from tests.pdf import one_page_pdf
from tests.sortition_app.factories import sortition_with_invitations

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "admin",
    "coordination",
    "department_own",
    "department_other",
    "district_manager",
    "moderator",
    "council_member",
    "unit_lead",  # lead of the plan's unit
    "district_deputy",  # deputy of the district manager's district
]

LOGIN = "login"  # redirected to the login page
OK, NO = 200, 403
IN = "in"  # let in: any answer but a refusal (403/404), a redirect to the login page or an error

CITY_WIDE_ONLY = {
    "anonymous": LOGIN,
    "resident": NO,
    "admin": OK,
    "coordination": OK,
    "department_own": NO,
    "department_other": NO,
    "district_manager": NO,
    "moderator": NO,
    "council_member": NO,
}
PLAN_STAFF = {**CITY_WIDE_ONLY, "department_own": OK, "department_other": OK}
PLAN_OWNERS = {**CITY_WIDE_ONLY, "department_own": OK}

EXPECTED = {
    # Pages the city writes and the barrier reports (helper "pages"): admin and coordination office.
    "core:pages": CITY_WIDE_ONLY,
    "core:page_create": CITY_WIDE_ONLY,
    "core:page_order": CITY_WIDE_ONLY,
    "core:page_edit": CITY_WIDE_ONLY,
    "core:page_delete": CITY_WIDE_ONLY,
    "core:barrier_reports": CITY_WIDE_ONLY,
    "core:barrier_report": CITY_WIDE_ONLY,
    "core:barrier_report_close": CITY_WIDE_ONLY,
    "plans:staff_list": PLAN_STAFF,
    "plans:staff_create": PLAN_STAFF,
    "plans:staff_detail": PLAN_OWNERS,
    "plans:staff_edit": PLAN_OWNERS,
    "plans:staff_publish": PLAN_OWNERS,
    "plans:staff_unpublish": PLAN_OWNERS,
    "plans:staff_attachments": PLAN_OWNERS,
    "plans:staff_attachment_delete": PLAN_OWNERS,
    "processes:staff_create": PLAN_OWNERS,
    "processes:staff_detail": PLAN_OWNERS,
    "processes:staff_concept": PLAN_OWNERS,
    "processes:staff_publish": PLAN_OWNERS,
    "processes:staff_unpublish": PLAN_OWNERS,
}
# History of every object and the site-wide audit log (helper "history"): the history of the world's plan is for
# the plan's staff; the old history addresses of plans and processes redirect there; the log is for admins only.
REDIRECT = 302
ADMIN_ONLY = {**CITY_WIDE_ONLY, "coordination": NO}
EXPECTED.update(
    {
        "core:history": PLAN_OWNERS,
        "core:audit_log": ADMIN_ONLY,
        "core:audit_log_csv": ADMIN_ONLY,
        "plans:staff_history": {**PLAN_OWNERS, "admin": REDIRECT, "coordination": REDIRECT, "department_own": REDIRECT},
        "processes:staff_history": {
            **PLAN_OWNERS,
            "admin": REDIRECT,
            "coordination": REDIRECT,
            "department_own": REDIRECT,
        },
    }
)
# Sortition pages (another area) answer GET differently (forms, PDFs, redirects); only access is checked.
SORTITION = {**CITY_WIDE_ONLY, "admin": IN, "coordination": IN}
SORTITION_PAGES = [
    "staff_list",
    "staff_create",
    "staff_detail",
    "staff_edit",
    "import_register",
    "invitations",
    "letters",
    "add_feature",
    "delete_feature",
    "open_signup",
    "respondents",
    "paper_reply",
    "quotas",
    "selection",
    "run",
    "publish",
    "draw",
    "replace",
    "end",
]
EXPECTED.update({f"sortition:{name}": SORTITION for name in SORTITION_PAGES})
# Moderation (helper F): moderators and administrators.
MODERATORS = {**CITY_WIDE_ONLY, "coordination": NO, "moderator": OK}
EXPECTED.update(
    {
        "moderation:queue": MODERATORS,
        "moderation:accounts": MODERATORS,
        # Without the content in its query string the case page sends moderators back to the queue.
        "moderation:case": {**MODERATORS, "admin": IN, "moderator": IN},
    }
)
# Reports and comments on the concept (helper G): the process's staff.
EXPECTED.update(
    {
        f"reports:{name}": PLAN_OWNERS
        for name in [
            "staff_reports",
            "staff_report_create",
            "staff_report_edit",
            "staff_report_publish",
            "staff_report_attachments",
            "staff_report_attachment_delete",
            "staff_concept_comments",
            "staff_concept_comment",
        ]
    }
)
# Initiatives (helper G): the world's initiative is assigned to the plan's department.
EXPECTED.update(
    {
        "initiatives:staff_list": PLAN_STAFF,
        "initiatives:staff_review": PLAN_OWNERS,
        "initiatives:staff_assign": CITY_WIDE_ONLY,
    }
)
# Events (helper H): city-wide staff, departments and district managers run events; an event of the world's
# process is run by the process's staff.
EVENT_STAFF = {**PLAN_STAFF, "district_manager": OK}
EXPECTED.update({"events:staff_list": EVENT_STAFF, "events:staff_create": EVENT_STAFF})
EXPECTED.update(
    {
        f"events:{name}": PLAN_OWNERS
        for name in [
            "staff_detail",
            "staff_edit",
            "staff_publish",
            "staff_cancel",
            "staff_documentation",
        ]
    }
)
# Contributions (helper E): answering is for department staff; on-site input for the process's staff.
EXPECTED.update({"dialog:unanswered": PLAN_STAFF, "dialog:enter_onsite": PLAN_OWNERS})
# Results, decision and implementation (helper I): the process's staff; the overdue overview for all plan staff.
EXPECTED.update(
    {
        f"outcomes:{name}": PLAN_OWNERS
        for name in [
            "staff_results",
            "staff_documents",
            "staff_decision",
            "staff_implementation",
            "staff_milestone",
            "staff_updates",
        ]
    }
)
EXPECTED["outcomes:staff_overdue"] = PLAN_STAFF
# Evaluation (helper J): the process's staff run it; the coordination office sees the overview.
EXPECTED.update({"evaluation:staff_overview": CITY_WIDE_ONLY})
EXPECTED.update(
    {
        f"evaluation:{name}": PLAN_OWNERS
        for name in [
            "staff_detail",
            "staff_goals",
            "staff_questions",
            "staff_lessons",
            "staff_paper",
            "staff_print",
        ]
    }
)

# Organisation: the tree and the districts are for city-wide staff; the lead of the world's unit may open the tree
# and their unit and edit its contact data, nothing else.
EXPECTED.update(
    {
        f"organisation:{name}": CITY_WIDE_ONLY
        for name in ["unit_create", "unit_move", "unit_dissolve", "districts", "district", "council_edit"]
    }
)
EXPECTED.update(
    {f"organisation:{name}": {**CITY_WIDE_ONLY, "unit_lead": OK} for name in ["units", "unit", "unit_edit"]}
)


# Staff and roles (helper "staff"): the admin and the coordination office see everyone, the lead of the world's
# unit sees its staff; inviting and granting are for the admin and the unit lead; deactivating for the admin.
STAFF_SEE = {**CITY_WIDE_ONLY, "unit_lead": OK, "district_deputy": NO}
STAFF_MANAGE = {**STAFF_SEE, "coordination": NO}
ADMIN_ONLY = {**STAFF_MANAGE, "unit_lead": NO}
EXPECTED.update(
    {
        "accounts:staff_list": STAFF_SEE,
        "accounts:staff_csv": STAFF_SEE,
        "accounts:staff_detail": STAFF_SEE,
        "accounts:staff_invite": STAFF_MANAGE,
        "accounts:staff_role_add": STAFF_MANAGE,
        "accounts:staff_role_edit": STAFF_MANAGE,
        "accounts:staff_role_revoke": STAFF_MANAGE,
        "accounts:staff_invitation_resend": STAFF_MANAGE,
        "accounts:staff_invitation_withdraw": STAFF_MANAGE,
        "accounts:staff_deactivate": ADMIN_ONLY,
        "accounts:staff_reactivate": ADMIN_ONLY,
    }
)
# Residents' concerns (helper "distb", districts): personal data only for the district's manager and deputy and the
# department a step is handed to (the plan's unit in the world); categories for city-wide staff, Open311 keys for the
# admin.
CONCERN_HANDLERS = {
    **CITY_WIDE_ONLY,
    "admin": NO,
    "coordination": NO,
    "department_own": OK,
    "district_manager": OK,
}
EXPECTED.update(
    {
        "districts:staff_concerns": {**CONCERN_HANDLERS, "department_other": OK},
        "districts:staff_concern": CONCERN_HANDLERS,
        "districts:staff_concern_photo": CONCERN_HANDLERS,
        "districts:staff_concern_categories": CITY_WIDE_ONLY,
        "districts:staff_concern_category_create": CITY_WIDE_ONLY,
        "districts:staff_concern_category_edit": CITY_WIDE_ONLY,
        "districts:staff_open311_clients": {**CITY_WIDE_ONLY, "coordination": NO},
    }
)

# Reporting (helper "reporting"): the annual reports are made by the coordination office and the admins.
EXPECTED.update({"reporting:staff_annual": CITY_WIDE_ONLY, "reporting:staff_notices": PLAN_OWNERS})
# The annual plan: every department's staff (and the city-wide staff) see it and add to it; an entry is edited by
# its department's staff.
EXPECTED.update(
    {
        "reporting:staff_annual_plan": PLAN_STAFF,
        "reporting:staff_plan_entry_create": PLAN_STAFF,
        "reporting:staff_plan_entry": PLAN_OWNERS,
        "reporting:staff_annual_plan_quarter": PLAN_STAFF,
        "reporting:staff_annual_plan_quarter_pdf": PLAN_STAFF,
        "reporting:staff_annual_plan_review": PLAN_STAFF,
        "reporting:staff_letters": PLAN_OWNERS,
    }
)
# the download of letters (no run in the world): 404 for those let in, refused otherwise
EXPECTED["reporting:staff_letters_pdf"] = {**PLAN_OWNERS, "admin": 404, "coordination": 404, "department_own": 404}
# The two roles of the staff administration in every other row: the lead of the plan's unit acts for it as its
# department staff do, the deputy acts for the district as its manager does.
for _row in EXPECTED.values():
    _row.setdefault("unit_lead", _row["department_own"])
    _row.setdefault("district_deputy", _row["district_manager"])


def _invitation(world):
    """An open invitation of a new member of the world's unit (made once)."""
    if "invitation" not in world:
        from stadtdialog.accounts import services as account_services

        result = account_services.invite_staff(
            world["users"]["admin"],
            email="eingeladen@hannover-stadt.example",
            full_name="Nina Eingeladen",
            org_unit=world["plan"].lead_unit,
            roles=[{"kind": Role.Kind.DEPARTMENT, "org_unit": world["plan"].lead_unit}],
            base_url="http://testserver/",
        )
        world["invitation"] = result.invitation
    return world["invitation"]


def _report_objects(world) -> dict:
    """A report with an attachment and a comment on the concept of the world's process (made once)."""
    if "report" not in world:
        from stadtdialog.reports.models import ReportAttachment
        from tests.reports.report_factories import ConceptCommentFactory, ReportFactory

        world["report"] = ReportFactory(process=world["process"])
        world["report_attachment"] = ReportAttachment.objects.create(
            report=world["report"], title="Protokoll", file="reports/protokoll.pdf", size=10
        )
        world["concept_comment"] = ConceptCommentFactory(concept=world["process"].concept)
    return world


def _initiative(world):
    if "initiative" not in world:
        from tests.initiatives.factories import InitiativeFactory

        world["initiative"] = InitiativeFactory(department=world["plan"].lead_unit)
    return world["initiative"]


def _event(world):
    if "event" not in world:
        from tests.events.factories import EventFactory

        world["event"] = EventFactory(process=world["process"], org_unit=None, registration_required=True, capacity=5)
    return world["event"]


def _district(world):
    from stadtdialog.organisation.models import District

    return District.objects.order_by("number").first()


def _milestone(world):
    if "milestone" not in world:
        from tests.outcomes.factories import MilestoneFactory

        world["milestone"] = MilestoneFactory(process=world["process"])
    return world["milestone"]


def _barrier_report(world):
    if "barrier_report" not in world:
        from stadtdialog.core.services import submit_barrier_report

        world["barrier_report"] = submit_barrier_report(text="Kontrast zu gering", page_url="/vorhaben/")
    return world["barrier_report"]


# Routes whose parameters are not the plan, process or sortition of the world: name -> kwargs from the world.
def _plan_entry(world):
    from stadtdialog.reporting.models import AnnualPlanEntry

    if "plan_entry" not in world:
        world["plan_entry"] = AnnualPlanEntry.objects.create(
            year=2027,
            org_unit=world["plan"].lead_unit,
            plan=world["plan"],
            process_kind="consultation",
            quarter=2,
            lead_contact="Erika Mustermann",
            committee="Stadtentwicklungs- und Bauausschuss",
        )
    return world["plan_entry"]


EXTRA_KWARGS = {
    "reporting:staff_plan_entry": lambda w: {"pk": _plan_entry(w).pk},
    "reporting:staff_annual_plan_quarter": lambda w: {"year": 2027, "quarter": 2},
    "reporting:staff_annual_plan_quarter_pdf": lambda w: {"year": 2027, "quarter": 2},
    "reporting:staff_annual_plan_review": lambda w: {"year": 2027},
    "core:barrier_report": lambda w: {"pk": _barrier_report(w).pk},
    "core:barrier_report_close": lambda w: {"pk": _barrier_report(w).pk},
    **{
        f"reports:{name}": lambda w: {
            "process_pk": w["process"].pk,
            "pk": _report_objects(w)["report"].pk,
            "attachment_pk": w["report_attachment"].pk,
        }
        for name in [
            "staff_report_edit",
            "staff_report_publish",
            "staff_report_attachments",
            "staff_report_attachment_delete",
        ]
    },
    "reports:staff_concept_comment": lambda w: {
        "process_pk": w["process"].pk,
        "pk": _report_objects(w)["concept_comment"].pk,
    },
    "dialog:enter_onsite": lambda w: {"pk": w["process"].pk},
    **{
        f"events:{name}": lambda w: {"pk": _event(w).pk}
        for name in ["staff_detail", "staff_edit", "staff_publish", "staff_cancel", "staff_documentation"]
    },
    "initiatives:staff_review": lambda w: {"pk": _initiative(w).pk},
    "outcomes:staff_milestone": lambda w: {"milestone_pk": _milestone(w).pk},
    "initiatives:staff_assign": lambda w: {"pk": _initiative(w).pk},
    "core:history": lambda w: {"model": "plans.plan", "object_id": str(w["plan"].pk)},
    **{
        f"organisation:{name}": lambda w: {"pk": w["plan"].lead_unit_id}
        for name in ["unit", "unit_edit", "unit_move", "unit_dissolve"]
    },
    **{f"organisation:{name}": lambda w: {"pk": _district(w).pk} for name in ["district", "council_edit"]},
    **{
        f"accounts:{name}": lambda w: {
            "pk": w["users"]["department_own"].pk,
            "role_pk": w["users"]["department_own"].role_set.get().pk,
        }
        for name in [
            "staff_detail",
            "staff_role_add",
            "staff_role_edit",
            "staff_role_revoke",
            "staff_deactivate",
            "staff_reactivate",
        ]
    },
    **{
        f"accounts:{name}": lambda w: {"invitation_pk": _invitation(w).pk}
        for name in ["staff_invitation_resend", "staff_invitation_withdraw"]
    },
}


# District management (helper "dista"): the world's district manager and deputy act for district 01 Mitte; its work
# area is theirs and the admins'; the directory is kept by city-wide staff and district managers; the city-wide
# indicator upload is for the admins and the coordination office.
def _district_objects(world) -> dict:
    """A network, a monitoring note and a directory entry of district 01 (made once)."""
    if "district_network" not in world:
        from tests.districts.factories import contact_point, network, note

        mitte = _district(world)
        world["district_network"] = network(mitte)
        world["district_note"] = note(mitte)
        world["district_contact_point"] = contact_point(mitte)
    return world


DISTRICT_KEEPERS = {
    **CITY_WIDE_ONLY,
    "coordination": NO,
    "district_manager": OK,
    "district_deputy": OK,
    "unit_lead": NO,
}
DIRECTORY_KEEPERS = {**DISTRICT_KEEPERS, "coordination": OK}
EXPECTED.update(
    {
        "districts:staff_districts": DIRECTORY_KEEPERS,
        "districts:staff_directory": DIRECTORY_KEEPERS,
        "districts:staff_contact_point_create": DIRECTORY_KEEPERS,
        "districts:staff_contact_point_edit": DIRECTORY_KEEPERS,
        "districts:staff_contact_point_delete": DIRECTORY_KEEPERS,
        "districts:staff_indicator_import": {**CITY_WIDE_ONLY, "unit_lead": NO, "district_deputy": NO},
        **{
            f"districts:{name}": DISTRICT_KEEPERS
            for name in [
                "staff_district",
                "staff_profile",
                "staff_network_create",
                "staff_network_edit",
                "staff_network_delete",
                "staff_note_create",
                "staff_note_edit",
                "staff_note_delete",
                "staff_district_import",
            ]
        },
    }
)
EXTRA_KWARGS.update(
    {
        **{
            f"districts:{name}": lambda w: {"slug": _district(w).slug}
            for name in [
                "staff_district",
                "staff_profile",
                "staff_network_create",
                "staff_note_create",
                "staff_district_import",
            ]
        },
        **{
            f"districts:{name}": lambda w: {
                "slug": _district(w).slug,
                "pk": _district_objects(w)["district_network"].pk,
            }
            for name in ["staff_network_edit", "staff_network_delete"]
        },
        **{
            f"districts:{name}": lambda w: {"slug": _district(w).slug, "pk": _district_objects(w)["district_note"].pk}
            for name in ["staff_note_edit", "staff_note_delete"]
        },
        **{
            f"districts:{name}": lambda w: {"pk": _district_objects(w)["district_contact_point"].pk}
            for name in ["staff_contact_point_edit", "staff_contact_point_delete"]
        },
    }
)


def _concern(world):
    """A concern in the district managers' district with a photo and a step handed to the world's unit (made once)."""
    if "concern" not in world:
        from stadtdialog.dialog.images import checked_image
        from stadtdialog.districts import services_concerns as concern_services
        from stadtdialog.districts.models import ConcernCategory
        from tests.images import phone_photo

        category = ConcernCategory.objects.create(code="gruen", name="Grünflächen", due_days=14)
        concern = concern_services.submit_concern(
            None,
            category=category,
            text="Bank kaputt",
            email="anwohner@example.org",
            district=_district(world),
            photo=checked_image(phone_photo()),
            photo_alt="Bank",
        ).concern
        manager = world["users"]["district_manager"]
        concern_services.take_care(manager, concern)
        concern_services.add_step(manager, concern, what="Prüfen", unit=world["plan"].lead_unit, due_on=concern.due_on)
        world["concern"] = concern
    return world["concern"]


EXTRA_KWARGS.update(
    {
        "districts:staff_concern": lambda w: {"pk": _concern(w).pk},
        "districts:staff_concern_photo": lambda w: {"pk": _concern(w).pk},
        "districts:staff_concern_category_edit": lambda w: {"pk": _concern(w).category_id},
    }
)


def staff_routes(patterns=None, prefix="", namespace=""):
    """(qualified name, route, parameter names) of every named URL pattern under verwaltung/."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += staff_routes(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern) and entry.name and route.startswith("verwaltung/"):
            found.append((namespace + entry.name, route, sorted(entry.pattern.converters)))
    return found


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Twelve users a test: a fast hasher keeps this test quick (login is tested elsewhere)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    """A plan of one department with a published process and an attachment, and one user per role."""
    unit = OrgUnitFactory()
    plan = PlanFactory(lead_unit=unit)
    process = published_process(plan=plan)
    admin = staff_user(kind=Role.Kind.ADMIN)
    attachment = plan_services.add_attachment(
        admin, plan, file=SimpleUploadedFile("plan.pdf", one_page_pdf()), title="Plan"
    )
    users = {
        "anonymous": None,
        "resident": UserFactory(),
        "admin": admin,
        "coordination": staff_user(kind=Role.Kind.COORDINATION),
        "department_own": staff_user(org_unit=unit),
        "department_other": staff_user(org_unit=OrgUnitFactory()),
        "district_manager": staff_user(kind=Role.Kind.DISTRICT_MANAGER),
        "moderator": staff_user(kind=Role.Kind.MODERATOR),
        "council_member": staff_user(kind=Role.Kind.COUNCIL_MEMBER),
        "unit_lead": staff_user(kind=Role.Kind.UNIT_LEAD, org_unit=unit),
        "district_deputy": staff_user(kind=Role.Kind.DISTRICT_DEPUTY),
    }
    sortition = sortition_with_invitations(users["coordination"])
    return {"plan": plan, "process": process, "attachment": attachment, "users": users, "sortition": sortition}


def url_kwargs(name, params, world):
    """Fill a route's parameters with real objects."""
    values = {
        "slug": "impressum",
        "plan_pk": world["plan"].pk,
        "attachment_pk": world["attachment"].pk,
        "feature_pk": world["sortition"].features.first().pk,
        "process_pk": world["process"].pk,
    }
    owner = {"processes": world["process"], "sortition": world["sortition"]}.get(name.split(":")[0], world["plan"])
    values["pk"] = owner.pk
    if name in EXTRA_KWARGS:
        values.update(EXTRA_KWARGS[name](world))
    return {param: values[param] for param in params}


def test_every_staff_url_has_an_expectation():
    names = {name for name, _route, _params in staff_routes()}
    assert names, "no staff URLs found"
    missing = sorted(names - EXPECTED.keys())
    assert not missing, f"staff URLs without a row in EXPECTED: {missing}"


@pytest.mark.parametrize("role", ROLES)
def test_who_gets_into_each_staff_url(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    login_url = reverse("accounts:login")
    wrong = []
    for name, _route, params in staff_routes():
        if name not in EXPECTED:
            continue
        url = reverse(name, kwargs=url_kwargs(name, params, world))
        response = client.get(url)
        expected = EXPECTED[name][role]
        to_login = response.status_code == 302 and response["Location"].startswith(login_url)
        if expected == LOGIN:
            ok = to_login
        elif expected == IN:
            ok = not to_login and response.status_code not in (403, 404) and response.status_code < 500
        else:
            ok = response.status_code == expected
        if not ok:
            wrong.append(f"{name} ({url}): expected {expected}, got {response.status_code}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


# Office (helper "office", issue 14): rooms, equipment and bookings for the admin and the coordination office; office
# hours for them and the district management; an office hour of the district manager's district for its manager and
# deputy too.
OFFICE_CITY_WIDE = {**CITY_WIDE_ONLY, "unit_lead": NO, "district_deputy": NO}
OFFICE_HOURS = {**OFFICE_CITY_WIDE, "district_manager": OK, "district_deputy": OK}
EXPECTED.update(
    {
        f"office:{name}": OFFICE_CITY_WIDE
        for name in [
            "staff_home",
            "staff_booking",
            "staff_handover",
            "staff_return",
            "staff_calendar",
            "staff_export",
            "staff_utilisation",
            "staff_blackouts",
            "staff_blackout_delete",
        ]
    }
)
EXPECTED.update({f"office:{name}": OFFICE_HOURS for name in ["staff_office_hours", "staff_office_hour_create"]})
EXPECTED["office:staff_office_hour"] = OFFICE_HOURS


def _office(world):
    """A booking with a projector, a blackout and an office hour of the district manager (made once)."""
    if "office_booking" not in world:
        import datetime

        from django.utils import timezone

        from stadtdialog.office import services as office_services
        from stadtdialog.office.models import Equipment, Room
        from tests.office.factories import office_hour

        hall = Room.objects.create(name="Raum", slug="raum-rollen", capacity=10, address="Trammplatz 2")
        projector = Equipment.objects.create(name="Beamer", slug="beamer-rollen", stock=2, pickup="Raum 112")
        start = timezone.now() + datetime.timedelta(days=3)
        world["office_booking"] = office_services.request_booking(
            world["users"]["resident"],
            room=hall,
            quantities={projector: 1},
            start=start,
            end=start + datetime.timedelta(hours=2),
            purpose="Werkstatt",
            expected_people=5,
        )
        world["office_blackout"], _told = office_services.create_blackout(
            world["users"]["admin"],
            room=hall,
            equipment=None,
            start=start + datetime.timedelta(days=30),
            end=start + datetime.timedelta(days=31),
            reason="Ferien",
        )
        manager = world["users"]["district_manager"]
        world["office_hour"] = office_hour(manager, district=manager.roles[0].district)
    return world


EXTRA_KWARGS.update(
    {
        "office:staff_booking": lambda w: {"pk": _office(w)["office_booking"].pk},
        "office:staff_handover": lambda w: {"pk": _office(w)["office_booking"].occurrences.first().pk},
        "office:staff_return": lambda w: {"pk": _office(w)["office_booking"].occurrences.first().pk},
        "office:staff_blackout_delete": lambda w: {"pk": _office(w)["office_blackout"].pk},
        "office:staff_office_hour": lambda w: {"pk": _office(w)["office_hour"].pk},
    }
)


# Office catalogue (helper "office2", issue 14): the coordination office and the admins keep rooms, equipment and
# photos of rooms.
EXPECTED.update(
    {
        f"office:{name}": OFFICE_CITY_WIDE
        for name in [
            "staff_catalogue",
            "staff_room_create",
            "staff_room_edit",
            "staff_room_photos",
            "staff_room_remove",
            "staff_equipment_create",
            "staff_equipment_edit",
            "staff_equipment_remove",
        ]
    }
)
EXTRA_KWARGS.update(
    {
        **{
            f"office:{name}": lambda w: {"pk": _office(w)["office_booking"].room_id}
            for name in ["staff_room_edit", "staff_room_photos", "staff_room_remove"]
        },
        **{
            f"office:{name}": lambda w: {"pk": _office(w)["office_booking"].items.get().equipment_id}
            for name in ["staff_equipment_edit", "staff_equipment_remove"]
        },
    }
)


# District conferences (helper "conf", issue 13): the district's managers and the admins keep conferences,
# agreements, items and projects; the coordination office sees them all and the escalations; the world's unit is
# invited and has an item (it sees the conference, the agreement and its item); the minutes are not published yet.
# (CITY_WIDE_ONLY already carries "unit_lead" and "district_deputy" from the loop above: set them here.)
CONFERENCE_KEEPERS = {**CITY_WIDE_ONLY, "coordination": NO, "district_manager": OK, "district_deputy": OK}
CONFERENCE_READERS = {**CONFERENCE_KEEPERS, "coordination": OK}
CONFERENCE_WITH_UNIT = {**CONFERENCE_READERS, "department_own": OK, "unit_lead": OK}


def _conference_objects(world) -> dict:
    """A past conference of district 01 inviting the world's unit, an agreement with an overdue item of that unit,
    an escalation and a district project (made once)."""
    if "conference" not in world:
        import datetime

        from django.utils import timezone

        from stadtdialog.districts import services_conferences as conference_services

        manager = world["users"]["district_manager"]
        unit = world["plan"].lead_unit
        start = (timezone.now() - datetime.timedelta(days=2)).replace(second=0, microsecond=0)
        conference = conference_services.plan_conference(
            manager,
            _district(world),
            title="Stadtbezirkskonferenz Mitte",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            place="Neues Rathaus",
            units=[unit],
        )
        agreement = conference_services.create_agreement(
            manager, conference, title="Platz am Steintor beleben", reason="Nutzungskonflikte", units=[unit]
        )
        today = timezone.localdate()
        item = conference_services.add_item(
            manager,
            agreement,
            unit=unit,
            measure="Sitzbänke aufstellen",
            starts_on=today - datetime.timedelta(days=10),
            due_on=today - datetime.timedelta(days=1),
        )
        world["conference"] = conference
        world["agreement"] = agreement
        world["action_item"] = item
        world["escalation"] = conference_services.escalate(manager, agreement, body="directors", reason="Verzug")
        world["district_project"] = conference_services.save_project(
            manager, _district(world), year=today.year, title="Steintor", description="Belebung"
        )
    return world


EXPECTED.update(
    {
        "districts:staff_conferences": CONFERENCE_READERS,
        "districts:staff_conference_create": CONFERENCE_KEEPERS,
        "districts:staff_project_create": CONFERENCE_KEEPERS,
        "districts:staff_conference": CONFERENCE_WITH_UNIT,
        "districts:staff_conference_edit": CONFERENCE_KEEPERS,
        "districts:staff_conference_invite": CONFERENCE_KEEPERS,
        "districts:staff_conference_minutes": CONFERENCE_KEEPERS,
        "districts:staff_conference_publish": CONFERENCE_KEEPERS,
        "districts:staff_conference_pdf": CONFERENCE_KEEPERS,
        "districts:staff_agreement_create": CONFERENCE_KEEPERS,
        "districts:staff_agreement": CONFERENCE_WITH_UNIT,
        "districts:staff_item_create": CONFERENCE_KEEPERS,
        "districts:staff_escalate_agreement": CONFERENCE_KEEPERS,
        "districts:staff_action_items": {**PLAN_STAFF, "district_manager": OK, "district_deputy": OK, "unit_lead": OK},
        "districts:staff_action_item": CONFERENCE_WITH_UNIT,
        "districts:staff_action_item_confirm": CONFERENCE_KEEPERS,
        "districts:staff_action_item_dispute": {**CONFERENCE_KEEPERS, "department_own": OK, "unit_lead": OK},
        "districts:staff_escalate_item": CONFERENCE_KEEPERS,
        "districts:staff_escalations": CONFERENCE_READERS,
        "districts:staff_escalation": CONFERENCE_READERS,
        "districts:staff_project_edit": CONFERENCE_KEEPERS,
    }
)
EXTRA_KWARGS.update(
    {
        **{
            f"districts:{name}": lambda w: {"slug": _district(w).slug}
            for name in ["staff_conferences", "staff_conference_create", "staff_project_create"]
        },
        **{
            f"districts:{name}": lambda w: {"pk": _conference_objects(w)["conference"].pk}
            for name in [
                "staff_conference",
                "staff_conference_edit",
                "staff_conference_invite",
                "staff_conference_minutes",
                "staff_conference_publish",
                "staff_conference_pdf",
                "staff_agreement_create",
            ]
        },
        **{
            f"districts:{name}": lambda w: {"pk": _conference_objects(w)["agreement"].pk}
            for name in ["staff_agreement", "staff_item_create", "staff_escalate_agreement"]
        },
        **{
            f"districts:{name}": lambda w: {"pk": _conference_objects(w)["action_item"].pk}
            for name in [
                "staff_action_item",
                "staff_action_item_confirm",
                "staff_action_item_dispute",
                "staff_escalate_item",
            ]
        },
        "districts:staff_escalation": lambda w: {"pk": _conference_objects(w)["escalation"].pk},
        "districts:staff_project_edit": lambda w: {"pk": _conference_objects(w)["district_project"].pk},
    }
)


# Advice (helper "advice", issue 15 items 6-8): department staff (and unit leads) ask the coordination office and
# follow their unit's requests; the office and the admins handle them, see the workload and keep the work aids;
# the attendance of an event is for the event's staff.
ADVICE_ACCESS = {**OFFICE_CITY_WIDE, "department_own": OK, "department_other": OK, "unit_lead": OK}
ADVICE_ASK = {**ADVICE_ACCESS, "admin": NO, "coordination": NO}
# The request belongs to the world plan's unit: the other department does not learn that it exists.
ADVICE_REQUEST = {**ADVICE_ACCESS, "department_other": 404}
EXPECTED.update(
    {
        "office:advice_list": ADVICE_ACCESS,
        "office:advice_new": ADVICE_ASK,
        "office:advice_detail": ADVICE_REQUEST,
        **{
            f"office:{name}": OFFICE_CITY_WIDE
            for name in [
                "advice_overview",
                "advice_handle",
                "staff_work_aids",
                "staff_work_aid_create",
                "staff_work_aid_edit",
                "staff_work_aid_version",
            ]
        },
        "events:staff_attendance": PLAN_OWNERS,
    }
)


def _advice(world):
    """A consultation request of the world plan's unit and a staff-only work aid (made once)."""
    if "consultation" not in world:
        from stadtdialog.office.services import advice as advice_services

        asker = world["users"]["department_own"]
        world["consultation"] = advice_services.request_consultation(
            asker,
            topic="moderation",
            title="Moderation der Bürgerwerkstatt",
            description="Werkstatt mit 80 Personen.",
            org_unit=world["plan"].lead_unit,
        )
        world["work_aid"] = advice_services.create_work_aid(
            world["users"]["coordination"],
            title="Checkliste Beteiligungskonzept",
            description="Fragen für die Planung.",
            kind="checklist",
            for_staff=True,
            for_politics=False,
            for_residents=False,
            is_public=False,
            file=SimpleUploadedFile("checkliste.pdf", one_page_pdf()),
        )
    return world


EXTRA_KWARGS.update(
    {
        "office:advice_detail": lambda w: {"pk": _advice(w)["consultation"].pk},
        "office:advice_handle": lambda w: {"pk": _advice(w)["consultation"].pk},
        "office:staff_work_aid_edit": lambda w: {"pk": _advice(w)["work_aid"].pk},
        "office:staff_work_aid_version": lambda w: {"pk": _advice(w)["work_aid"].pk},
        "events:staff_attendance": lambda w: {"pk": _event(w).pk},
    }
)


# Action programmes (helper "prog", issue 13 item 5): the district's manager and deputy and the admins keep the
# programme of their district.
def _programme(world) -> dict:
    """The published programme of district 01 with a round, a need and a priority (made once)."""
    if "programme" not in world:
        import datetime

        from django.utils import timezone

        from stadtdialog.districts import services_programmes as programme_services
        from stadtdialog.districts.models.concerns import Concern
        from stadtdialog.organisation.models import FieldOfAction

        admin = staff_user(Role.Kind.ADMIN, full_name="Anna Admin")
        space = FieldOfAction.objects.order_by("position").first()
        programme = programme_services.save_programme(admin, _district(world), title="Aktionsprogramm Mitte")
        now = timezone.now()
        world["programme"] = programme
        world["programme_round"] = programme_services.save_round(
            admin,
            programme,
            title="Runde",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=7),
            points_per_resident=10,
        )
        world["programme_need"] = programme_services.add_conference_need(
            admin,
            programme,
            field_of_action=space,
            title="Mehr Bänke am Kröpcke",
            text="Aus der Konferenz.",
            source_on=datetime.date(2027, 3, 12),
            source_note="Stadtbezirkskonferenz 12.03.2027",
        )
        world["programme_priority"] = programme_services.save_priority(
            admin,
            programme,
            title="Plätze zum Verweilen",
            field_of_action=space,
            agreed_on=datetime.date(2027, 3, 12),
            agreed_at="Stadtbezirkskonferenz 12.03.2027",
        )
        concern = _concern(world)
        if concern.confirmed_at is None:
            Concern.objects.filter(pk=concern.pk).update(confirmed_at=now)
    return world


PROGRAMME_ROUTES = [
    "staff_programme",
    "staff_programme_comparison",
    "staff_round_create",
    "staff_round_edit",
    "staff_need_create",
    "staff_need_answer",
    "staff_concern_need",
    "staff_priority_create",
    "staff_priority_edit",
]
EXPECTED.update({f"districts:{name}": DISTRICT_KEEPERS for name in PROGRAMME_ROUTES})


def _programme_kwargs(name):
    key = {
        "staff_round_edit": "programme_round",
        "staff_need_answer": "programme_need",
        "staff_priority_edit": "programme_priority",
    }.get(name)

    def kwargs(world):
        found = _programme(world)
        values = {"slug": _district(world).slug}
        if key:
            values["pk"] = found[key].pk
        if name == "staff_concern_need":
            values["pk"] = _concern(world).pk
        return values

    return kwargs


EXTRA_KWARGS.update({f"districts:{name}": _programme_kwargs(name) for name in PROGRAMME_ROUTES})


# Funding rounds (helper "fund", issue 15): the office's staff pages are for the coordination office and the admins;
# applicants and committee members use the pages under /foerderung/ (not under verwaltung/).
FUNDING_STAFF_PAGES = [
    "staff_funding",
    "staff_funding_round_create",
    "staff_funding_round",
    "staff_funding_round_edit",
    "staff_funding_committee_create",
    "staff_funding_committee",
    "staff_funding_application",
    "staff_funding_session",
]
EXPECTED.update({f"office:{name}": OFFICE_CITY_WIDE for name in FUNDING_STAFF_PAGES})


def _funding(world):
    """A round with its committee, an application on the agenda of a session (made once)."""
    if "funding_item" not in world:
        from tests.office.funding_factories import council_member, on_agenda
        from tests.office.funding_factories import world as funding_world

        office, _committee, _members, funding_round = funding_world()
        _application, _session, item = on_agenda(office, council_member(), funding_round)
        world["funding_item"] = item
    return world["funding_item"]


EXTRA_KWARGS.update(
    {
        "office:staff_funding_round": lambda w: {"pk": _funding(w).session.round_id},
        "office:staff_funding_round_edit": lambda w: {"pk": _funding(w).session.round_id},
        "office:staff_funding_committee": lambda w: {"pk": _funding(w).session.round.committee_id},
        "office:staff_funding_application": lambda w: {"pk": _funding(w).application_id},
        "office:staff_funding_session": lambda w: {"pk": _funding(w).session_id},
    }
)


# --- branch "home" (issue 16, item 2): the staff home is open to every account with a role (the city council's
# members too: they read there that no area of their own is open to them), refused to residents.
EXPECTED.update({"core:staff_home": dict.fromkeys(ROLES, OK) | {"anonymous": LOGIN, "resident": NO}})
# --- end branch "home"


# --- branch "office" (gaps of the funding services): removing a member of a round's committee, office and admin only
EXPECTED.update({"office:staff_funding_member_remove": OFFICE_CITY_WIDE})
EXTRA_KWARGS.update(
    {
        "office:staff_funding_member_remove": lambda w: {
            "pk": _funding(w).session.round.committee.members.order_by("pk").first().pk
        },
    }
)
# --- end branch "office"

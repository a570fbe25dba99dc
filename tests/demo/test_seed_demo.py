"""The demo data: realistic, complete, repeatable, and fast enough to scale."""

import datetime
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.core.models import AuditEntry
from stadtdialog.demo import concepts
from stadtdialog.demo.catalogue import PLANS
from stadtdialog.demo.logins import DEMO_ACCOUNTS, DEMO_PASSWORD
from stadtdialog.dialog.models import Comment, Contribution, Response, Support
from stadtdialog.evaluation.models import Evaluation, Submission
from stadtdialog.events.models import Event
from stadtdialog.initiatives.models import Initiative
from stadtdialog.office.models import SlotBooking
from stadtdialog.organisation.models import District, OrgUnit
from stadtdialog.outcomes.models import Decision, Milestone, Result, Verdict
from stadtdialog.plans.models import Plan
from stadtdialog.plans.queries import running_now
from stadtdialog.plans.services import search_text
from stadtdialog.processes import services as process_services
from stadtdialog.processes import versioning
from stadtdialog.processes.models import ConceptVersion, Process
from stadtdialog.reports.models import ConceptComment, Report

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_makes_the_hannover_demo():
    output = seed("--seed", "1")
    assert f"{len(PLANS)} Vorhaben" in output
    assert Plan.objects.count() == len(PLANS)
    assert 35 <= len(PLANS) <= 50
    # all statuses, some drafts, some citywide, some without participation (with a reason)
    assert set(Plan.objects.values_list("status", flat=True)) == set(Plan.Status.values)
    assert Plan.objects.filter(published_at__isnull=True).exists()
    assert Plan.objects.filter(is_citywide=True).count() >= 2
    no_participation = Plan.objects.filter(participation_planned=False)
    assert no_participation.exists()
    assert all(p.no_participation_reason for p in no_participation)
    # map points lie inside Hannover
    points = Plan.objects.exclude(latitude=None)
    assert points.count() > 20
    assert all(52.32 < p.latitude < 52.44 for p in points)
    assert all(9.64 < p.longitude < 9.90 for p in points)
    assert Plan.objects.filter(council_papers__number="1736/2018").exists()
    assert Plan.objects.exclude(cost_estimate=None).count() > 20
    # the administration tree with the coordination office
    assert OrgUnit.objects.get(short_name="FB 61").parent.name == "Dezernat VI – Baudezernat"
    assert OrgUnit.objects.filter(is_coordination_office=True, name="Koordinierungsstelle für Beteiligung").exists()
    assert OrgUnit.objects.filter(kind=OrgUnit.Kind.SECTION).count() >= 5
    # participation is running now for some plans
    running = Plan.objects.published().annotate(running_now=running_now()).filter(running_now=True)
    assert running.count() >= 5
    assert running.filter(status=Plan.Status.PARTICIPATION).exists()
    # the base demo goes through the services, so the audit log has entries
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"plan.create", "plan.publish", "process.create", "process.publish", "concept.update"} <= actions
    plan = Plan.objects.get(title="Umgestaltung Küchengarten-Platz")
    assert plan.search_text == search_text(plan)
    assert "Küchengarten" in plan.search_text
    assert "Markt" in plan.search_text


def test_every_published_district_has_plans_and_processes_are_complete_and_versioned():
    seed("--seed", "2")
    published = Plan.objects.published()
    for district in District.objects.all():
        assert published.filter(districts=district).exists(), district
    processes = list(Process.objects.filter(published_at__isnull=False).select_related("concept", "plan"))
    assert len(processes) >= 25
    for process in processes:
        assert process_services.missing_parts(process) == [], process
        assert process.lead_contact.office_email.endswith("@hannover-stadt.example")
    assert ConceptVersion.objects.filter(number__gte=2).count() >= 10
    revised = ConceptVersion.objects.filter(number=2).select_related("concept").first()
    first = revised.concept.versions.get(number=1)
    changed = {c["key"] for c in versioning.diff_versions(first.snapshot, revised.snapshot)}
    assert {"subject", "phases"} <= changed
    assert revised.change_note
    assert first.published_at < revised.published_at <= timezone.now()


def test_demo_logins_exist_for_every_role_and_are_printed():
    seed("--seed", "5")
    users = [User.objects.get(email=account["email"]) for account in DEMO_ACCOUNTS]
    assert users[0].check_password(DEMO_PASSWORD)  # argon2 is slow: check one, the others share the hash
    assert len({user.password for user in users}) == 1
    kinds = set(Role.objects.filter(user__email__endswith="demo.stadtdialog.example").values_list("kind", flat=True))
    assert kinds == set(Role.Kind.values)
    assert Role.objects.get(user__email=DEMO_ACCOUNTS[4]["email"]).district.number == 10
    # The staff administration: a unit lead and a deputy among the logins, one open invitation.
    from stadtdialog.accounts.models import StaffInvitation

    assert (
        Role.objects.get(user__email=f"leitung-fb61@{DEMO_ACCOUNTS[0]['email'].split('@')[1]}").org_unit.short_name
        == "FB 61"
    )
    assert StaffInvitation.objects.filter(used_at__isnull=True, user__is_active=False).count() == 1
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert "Passwort" in text
    assert DEMO_PASSWORD in text
    for account in DEMO_ACCOUNTS:
        assert account["email"] in text


def test_demo_logins_before_seeding_says_what_to_do():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "seed_demo" in out.getvalue()


def test_if_empty_does_nothing_the_second_time_and_a_plain_second_run_refuses():
    seed("--seed", "6", "--if-empty")
    count, audit_count = Plan.objects.count(), AuditEntry.objects.count()
    assert "schon Vorhaben" in seed("--if-empty")
    assert (Plan.objects.count(), AuditEntry.objects.count()) == (count, audit_count)
    with pytest.raises(CommandError):
        seed()


def _fingerprint():
    plans = Plan.objects.order_by("title", "latitude").values_list(
        "title", "status", "latitude", "longitude", "cost_estimate", "participation_planned", "lead_unit__short_name"
    )
    contacts = Process.objects.order_by("plan__title", "title").values_list("title", "lead_contact__full_name")
    return list(plans), list(contacts)


def _wipe_plans():
    """Remove plans and processes; the administration and the users stay (seeding finds them again)."""
    Process.objects.all().delete()
    Plan.objects.all().delete()


def test_scale_multiplies_and_the_seed_makes_it_repeatable():
    seed("--seed", "42", "--scale", "2")
    assert Plan.objects.count() == 2 * len(PLANS)
    first = _fingerprint()
    _wipe_plans()
    seed("--seed", "42", "--scale", "2")
    assert _fingerprint() == first
    _wipe_plans()
    seed("--seed", "43", "--scale", "2")
    assert _fingerprint() != first


def test_bulk_data_matches_what_the_services_would_store(client):
    seed("--seed", "8", "--scale", "2")
    bulk_plans = Plan.objects.filter(title__regex=r" \d{4}$")
    assert bulk_plans.count() > 30
    for plan in bulk_plans[:20]:
        assert plan.search_text == search_text(plan)
        assert plan.is_citywide or plan.districts.exists()
    versions = ConceptVersion.objects.filter(concept__process__plan__in=bulk_plans).select_related("concept__process")[
        :20
    ]
    assert versions
    for version in versions:
        assert version.snapshot == versioning.snapshot(version.concept), version.concept.process
        assert process_services.missing_parts(version.concept.process) == []
    # bulk plans are found by the public search (PostgreSQL: the stored German search vector)
    plan = bulk_plans.filter(published_at__isnull=False).first()
    response = client.get("/vorhaben/", {"q": plan.title.split()[0], "sort": "title"})
    assert response.status_code == 200
    assert plan.title.split()[0] in response.content.decode()


def test_phase_tables_use_valid_choices():
    assert concepts.phase_kinds_valid()


def test_the_demo_shows_the_dialog_and_the_outcomes(client):
    output = seed("--seed", "3")
    assert "Beiträge" in output
    today = timezone.localdate()
    # contributions on every running process, by verified residents, some with a map point, some on site
    running = Process.objects.filter(plan__status=Plan.Status.PARTICIPATION, published_at__isnull=False)
    for process in running:
        assert 5 <= process.contributions.count() <= 15, process
    contributions = Contribution.objects.all()
    assert contributions.filter(author__email_verified=True).exclude(author__display_name="").exists()
    points = contributions.exclude(latitude=None)
    assert points.count() > 10
    assert all(52.33 <= p.latitude <= 52.43 for p in points)
    assert all(9.65 <= p.longitude <= 9.90 for p in points)
    assert contributions.exclude(source=Contribution.Source.ONLINE).exclude(source_note="").exists()
    assert set(contributions.values_list("kind", flat=True)) == set(Contribution.Kind.values)
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert Support.objects.count() > 50
    # answers with every status, and a reason where one is required
    assert set(Response.objects.values_list("status", flat=True)) == set(Response.Status.values)
    assert not Response.objects.exclude(status__in=Response.NO_REASON_NEEDED).filter(text="").exists()
    # reports, concept comments
    interim = Report.objects.get(kind=Report.Kind.INTERIM)
    assert interim.published_at
    assert interim.comments_until > today
    assert interim.comments.exists()
    assert Report.objects.filter(
        kind=Report.Kind.FINAL, published_at__isnull=False, process__plan__status="completed"
    ).exists()
    assert ConceptComment.objects.filter(status="adopted", adopted_in_version__isnull=False).exists()
    assert ConceptComment.objects.filter(status="declined").exclude(reason="").exists()
    # events: upcoming and past, accessible, one with registration, one documented
    events = Event.objects.filter(published_at__isnull=False)
    assert events.filter(start__gt=timezone.now()).exists()
    assert events.filter(registration_required=True, capacity__gt=0).exists()
    assert events.filter(step_free=True, hearing_loop=True).exists()
    assert events.filter(start__lt=timezone.now()).exclude(minutes="").filter(documented_at__isnull=False).exists()
    # initiatives in different states
    assert len(set(Initiative.objects.values_list("state", flat=True))) >= 3
    # results, decisions with a deviation and its reason, milestones with an overdue child
    assert Result.objects.filter(published_at__isnull=False).count() == 2
    assert Decision.objects.filter(published_at__isnull=False).count() == 2
    assert Verdict.objects.filter(outcome=Verdict.Outcome.NOT_FOLLOWED).exclude(reason="").exists()
    assert Milestone.objects.filter(parent__isnull=False).exists()
    assert any(m.is_overdue(today) for m in Milestone.objects.all())
    # a published evaluation with goal assessments and paper questionnaires
    evaluation = Evaluation.objects.get(status=Evaluation.Status.PUBLISHED)
    assert evaluation.lessons_learned
    assert evaluation.assessments.count() == 2
    assert Submission.objects.filter(evaluation=evaluation, source=Submission.Source.PAPER).count() >= 3
    # the audit log has the history
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "dialog.contribution.create",
        "dialog.response.publish",
        "report.publish",
        "event.publish",
        "initiative.submit",
        "outcomes.publish_decision",
        "evaluation.publish",
    } <= actions
    # the public pages answer
    process = running.filter(contributions__comment_count__gt=0).first()
    decided = Decision.objects.first().process
    pages = [
        f"/beteiligung/{process.pk}/",
        f"/beteiligung/{process.pk}/beitraege/",
        f"/beitraege/{process.contributions.filter(comment_count__gt=0).first().pk}/",
        f"/berichte/{interim.pk}/",
        f"/beteiligung/{process.pk}/konzept/kommentare/",
        "/veranstaltungen/",
        f"/veranstaltungen/{events.exclude(minutes='').first().pk}/",
        "/initiativen/",
        f"/initiativen/{Initiative.objects.first().pk}/",
        f"/beteiligung/{decided.pk}/",
        f"/beteiligung/{decided.pk}/ergebnisse/",
        f"/beteiligung/{decided.pk}/entscheidung/",
        f"/beteiligung/{decided.pk}/umsetzung/",
        f"/beteiligung/{evaluation.process_id}/evaluation/",
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_the_participation_demo_is_repeatable_with_the_seed():
    def fingerprint():
        return sorted(Contribution.objects.values_list("process__title", "title", "kind", "latitude", "support_count"))

    seed("--seed", "4")
    first = fingerprint()
    Event.objects.all().delete()
    Initiative.objects.all().delete()
    AuditEntry.objects.all().delete()  # the residents' posting limits count the audit log
    _wipe_plans()
    seed("--seed", "4")
    assert fingerprint() == first


def test_in_development_the_logins_say_where_the_e_mails_are(settings, tmp_path):
    """make run: e-mails go to files (var/mail/), so the logins are the last thing the console shows."""
    seed("--seed", "7")
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert str(tmp_path / "mail") in out.getvalue()
    from django.core import mail

    mail.get_connection().send_messages([mail.EmailMessage("Betreff", "Text", to=["a@example.org"])])
    assert any((tmp_path / "mail").iterdir())


@pytest.mark.parametrize(
    "moment",
    [
        "2026-12-02 10:15",  # a Wednesday inside the office's open office hour: its first slot today is past
        "2026-12-01 16:45",  # a Tuesday inside Linden-Limmer's office hour
        "2026-12-27 12:00",  # inside the office's Christmas closure
    ],
)
def test_the_demo_seeds_at_any_hour_of_the_week(moment):
    """The demo's dates follow the day it is seeded: it must not depend on the hour (it once failed between 10 and
    12 on Wednesdays, booking a slot of the open office hour that had begun that morning)."""
    at = timezone.make_aware(datetime.datetime.strptime(moment, "%Y-%m-%d %H:%M"))
    with mock.patch("django.utils.timezone.now", return_value=at):
        output = seed("--seed", "1")
    assert f"{len(PLANS)} Vorhaben" in output
    booked = SlotBooking.objects.get()
    assert booked.slot.start > at

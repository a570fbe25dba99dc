"""The dialog of the demo: residents who write, contributions (online and on site), comments, supports,
answers of the lead contact, reports and comments on the concept. Everything goes through the services,
so validation applies and the audit log shows the history. The outcomes (events, initiatives, results,
decisions, milestones, evaluation) are in participation_outcomes.py.
"""

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from stadtdialog.accounts.models import User
from stadtdialog.demo.logins import DEMO_ACCOUNTS
from stadtdialog.dialog import services as dialog_services
from stadtdialog.dialog.models import Contribution
from stadtdialog.processes import services as process_services
from stadtdialog.processes.models import Process
from stadtdialog.reports import services as report_services
from stadtdialog.reports.models import Report

from . import participation_outcomes, people
from .participation_texts import (
    ANSWER_ORDER,
    ANSWERS,
    COMMENTS,
    CONTRIBUTIONS,
    ONSITE,
    REPLIES,
    REPORT_COMMENTS,
    RESIDENT_NAMES,
    THEME_BY_PLAN,
)
from .places import QUARTER_POINTS

DAY = datetime.timedelta(days=1)
# Map points stay inside Hannover (and inside the brief's box).
LAT_RANGE, LON_RANGE = (52.331, 52.429), (9.651, 9.899)
INTERIM_PLAN = "Herrenhäuser Markt umgestalten"
FINAL_PLAN = "Dorfplatz Wülferode"
CONCEPT_COMMENT_PLAN = "Umgestaltung Küchengarten-Platz"


def seed_participation(rng) -> dict:
    """Add the dialog and the outcomes to the base demo; returns counts."""
    residents = make_residents()
    logins = {a["key"]: User.objects.filter(email=a["email"]).first() for a in DEMO_ACCOUNTS}
    processes = list(
        Process.objects.filter(published_at__isnull=False)
        .select_related("plan", "concept", "lead_contact")
        .order_by("plan__title")
    )
    by_plan = {p.plan.title: p for p in processes}
    counts = {"contributions": 0}
    today = timezone.localdate()
    for process in processes:
        if dialog_services.window_of(process, today).is_open:
            counts["contributions"] += _seed_dialog(rng, process, residents)
    _seed_reports(by_plan, residents, today)
    _seed_concept_comments(by_plan, residents)
    counts.update(participation_outcomes.seed_outcomes(rng, by_plan, residents, logins, today))
    counts["residents"] = len(residents)
    return counts


def make_residents() -> list[User]:
    """Residents with pseudonymous display names, a verified address and the shared demo password."""
    residents = []
    for number, name in enumerate(RESIDENT_NAMES, start=1):
        email = f"bewohner-{number:02d}@demo.stadtdialog.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, display_name=name, email_verified=True)
            user.password = people.demo_password_hash()
            user.save()
        residents.append(user)
    return residents


def _point(rng, process):
    quarters = list(process.plan.quarters.values_list("name", flat=True))
    name = rng.choice(quarters) if quarters else rng.choice(sorted(QUARTER_POINTS))
    lat, lon = QUARTER_POINTS.get(name, QUARTER_POINTS["Mitte"])
    lat = min(max(lat + rng.uniform(-0.002, 0.002), LAT_RANGE[0]), LAT_RANGE[1])
    lon = min(max(lon + rng.uniform(-0.003, 0.003), LON_RANGE[0]), LON_RANGE[1])
    return decimal.Decimal(f"{decimal.Decimal(lat):.6f}"), decimal.Decimal(f"{decimal.Decimal(lon):.6f}"), name


def _contribution_data(rng, process, kind, title, text, with_point) -> dict:
    lat, lon, name = _point(rng, process)
    data = {"kind": kind, "title": title, "text": text.replace("{ort}", name)}
    if with_point:
        data.update(latitude=lat, longitude=lon)
    return data


def _submit(call, data):
    """Submit through the service; a point that the city map does not know is left out."""
    try:
        return call(data)
    except ValidationError as error:
        if "latitude" not in getattr(error, "error_dict", {}):
            raise
        return call({k: v for k, v in data.items() if k not in {"latitude", "longitude"}})


def _seed_dialog(rng, process, residents) -> int:
    """5–15 contributions with comments, replies, supports and answers on a process with an open dialog."""
    theme = THEME_BY_PLAN.get(process.plan.title, "platz")
    pool = CONTRIBUTIONS[theme]
    chosen = rng.sample(pool, rng.randint(6, min(11, len(pool))))
    writers = rng.sample(residents, len(residents))
    lead = process.lead_contact
    contributions = []
    for index, (kind, title, text) in enumerate(chosen):
        author = writers[index % len(writers)]
        data = _contribution_data(rng, process, kind, title, text, with_point=rng.random() < 0.6)
        contributions.append(_submit(lambda d, a=author: dialog_services.submit_contribution(a, process, **d), data))
    for source, note, kind, title, text in rng.sample(ONSITE, rng.randint(1, 2)):
        data = _contribution_data(rng, process, kind, title, text, with_point=rng.random() < 0.5)
        data.update(source=source, source_note=note)
        contributions.append(_submit(lambda d: dialog_services.enter_onsite_contribution(lead, process, **d), data))
    for contribution in contributions:
        others = [r for r in writers if r.pk != contribution.author_id]
        supporters = rng.sample(others, rng.randint(0, 9))
        for supporter in supporters:
            dialog_services.support(supporter, contribution)
        for _number in range(rng.choice([0, 0, 1, 1, 2, 3])):
            commenter = rng.choice(others)
            comment = dialog_services.add_comment(commenter, contribution, rng.choice(COMMENTS))
            if rng.random() < 0.4:
                replier = rng.choice([r for r in writers if r.pk != commenter.pk])
                dialog_services.add_comment(replier, contribution, rng.choice(REPLIES), parent=comment)
    # The lead contact answers most contributions, with every status (and a reason where one is required).
    answered = contributions[: max(5, len(contributions) * 3 // 4)]
    for index, contribution in enumerate(answered):
        status = ANSWER_ORDER[index % len(ANSWER_ORDER)]
        dialog_services.answer_contribution(lead, contribution, status, ANSWERS[status])
    _spread(rng, contributions)
    return len(contributions)


def _spread(rng, contributions) -> None:
    """Demo history: contributions arrived over the last two weeks of the dialog."""
    now = timezone.now()
    for contribution in contributions:
        moment = now - datetime.timedelta(days=rng.randint(1, 13), hours=rng.randint(0, 12))
        Contribution.objects.filter(pk=contribution.pk).update(created_at=moment)


def _seed_reports(by_plan, residents, today) -> None:
    """An interim report that takes comments for two more weeks, and a final report of a completed process."""
    interim = by_plan.get(INTERIM_PLAN)
    if interim is not None:
        lead = interim.lead_contact
        report = report_services.create_report(
            lead,
            interim,
            kind=Report.Kind.INTERIM,
            title="Zwischenstand: der Entwurf für den Herrenhäuser Markt",
            text=(
                "<p>Im Dialog sind 86 Beiträge online und 41 Postkarten eingegangen. Am häufigsten wünschten "
                "sich die Beteiligten mehr Schatten, einen Trinkbrunnen und mehr Platz für den Wochenmarkt.</p>"
                "<p>Das Planungsbüro hat daraus einen Entwurf mit zwölf neuen Bäumen, einem Trinkbrunnen am "
                "Marktrand und einer verlegten Bushaltestelle erarbeitet. Bitte sagen Sie uns, was Ihnen am "
                "Entwurf gefällt und was fehlt.</p>"
            ),
            decision_where_when="Stadtbezirksrat Herrenhausen-Stöcken, Sitzung im Frühjahr",
            comments_until=today + 14 * DAY,
        )
        report_services.publish_report(lead, report)
        for author, text in zip(residents[3:5], REPORT_COMMENTS, strict=False):
            report_services.add_report_comment(author, report, text)
    final = by_plan.get(FINAL_PLAN)
    if final is not None:
        lead = final.lead_contact
        report = report_services.create_report(
            lead,
            final,
            kind=Report.Kind.FINAL,
            title="Abschlussbericht: der neue Dorfplatz Wülferode",
            text=(
                "<p>Der Dorfplatz ist fertig. Aus dem Dialog wurden die Linde als Mittelpunkt, die Bänke mit "
                "Lehnen und der Platz für das Osterfeuer umgesetzt. Der gewünschte Bücherschrank wird vom "
                "Ortsverein betreut.</p><p>Nicht umgesetzt wurde die Sperrung der Durchfahrt: Sie ist für "
                "den Linienbus nötig. Die Gründe stehen in der Entscheidung.</p>"
            ),
        )
        report_services.publish_report(lead, report)


def _seed_concept_comments(by_plan, residents) -> None:
    """Comments on the concept: one adopted in a new version, one declined with a reason, one open."""
    process = by_plan.get(CONCEPT_COMMENT_PLAN)
    if process is None:
        return
    lead, concept = process.lead_contact, process.concept
    adopted = report_services.add_concept_comment(
        residents[5],
        concept,
        "Bitte nehmen Sie auch den Seniorenbeirat und die Marktbeschicker in die Begleitgruppe auf – "
        "beide sind vom Umbau besonders betroffen.",
    )
    declined = report_services.add_concept_comment(
        residents[6],
        concept,
        "Die Dialogphase sollte bis nach den Sommerferien verlängert werden, damit auch Familien teilnehmen können.",
    )
    report_services.add_concept_comment(
        residents[7],
        concept,
        "Wird es die Informationen zum Konzept auch in Leichter Sprache geben?",
    )
    group = concept.advisory_group or "Vertretung des Stadtbezirksrats"
    process_services.update_concept(
        lead,
        process,
        advisory_group=f"{group}, Seniorenbeirat, Vertretung der Marktbeschicker",
        change_note="Begleitgruppe um Seniorenbeirat und Marktbeschicker erweitert (Kommentar zum Konzept).",
    )
    concept.refresh_from_db()
    report_services.adopt_concept_comment(
        lead, adopted, concept.current_version, "Beide sind jetzt in der Begleitgruppe vertreten."
    )
    report_services.decline_concept_comment(
        lead,
        declined,
        "Der Stadtbezirksrat entscheidet vor der Sommerpause; eine längere Dialogphase würde die Entscheidung um "
        "ein halbes Jahr verschieben. Wir bieten stattdessen eine zusätzliche Werkstatt an einem Samstag mit "
        "Kinderbetreuung an.",
    )

"""Demo of the reporting app: the annual plan of participation for next year, with entries of several departments
for the committees, one earlier-year entry postponed with its reason. The public report itself comes from the
rest of the demo data (plans, processes, contributions, answers, results …)."""

from decimal import Decimal

from django.utils import timezone

from stadtdialog.accounts.models import Role, User
from stadtdialog.organisation.models import OrgUnit
from stadtdialog.plans.models import Plan
from stadtdialog.reporting import services
from stadtdialog.reporting.models import AnnualPlanEntry

# (department, plan title starts with / new topic, kind, formats, quarter, budget, lead contact, committee)
ENTRIES = [
    (
        "FB 67",
        "",
        "Pflegekonzept Stadtpark Mitte: Ideen der Anwohner*innen",
        "codesign",
        ["workshop", "walk"],
        1,
        "18000.00",
        "Murat Yılmaz, 0511 168-46711",
        "Ausschuss für Umweltschutz und Grünflächen",
    ),
    (
        "FB 67",
        "",
        "Neue Baumstandorte in Linden-Süd",
        "consultation",
        ["online_dialog", "info_event"],
        2,
        "6500.00",
        "Murat Yılmaz, 0511 168-46711",
        "Ausschuss für Umweltschutz und Grünflächen",
    ),
    (
        "FB 66",
        "",
        "Fahrradstraße Limmerstraße: Gestaltung der Kreuzungen",
        "consultation",
        ["online_dialog", "walk"],
        2,
        "24000.00",
        "Tiefbau, 0511 168-46600",
        "Stadtentwicklungs- und Bauausschuss",
    ),
    (
        "FB 61",
        "",
        "Rahmenplan Bahnhofsumfeld Nord",
        "codesign",
        ["workshop", "exhibition", "online_dialog"],
        3,
        "42000.00",
        "Jana Petersen, 0511 168-46121",
        "Stadtentwicklungs- und Bauausschuss",
    ),
    (
        "FB 51",
        "",
        "Jugendbeteiligung an der Spielflächenplanung Vahrenheide",
        "codesign",
        ["workshop", "survey"],
        3,
        "9000.00",
        "Jugend und Familie, 0511 168-45100",
        "Jugendhilfeausschuss",
    ),
    (
        "FB 52",
        "",
        "Bürgerrat Sport und Bewegung im Quartier",
        "panel",
        ["panel"],
        4,
        "35000.00",
        "Sport und Bäder, 0511 168-45200",
        "Sportausschuss",
    ),
    (
        "FB 41",
        "",
        "Kulturtreffs in den Stadtteilen: Programm 2028",
        "information",
        ["info_event"],
        4,
        None,
        "Kultur, 0511 168-44100",
        "Kulturausschuss",
    ),
]


def seed() -> int:
    """Add the annual plan for next year (and one entry of this year postponed); returns the number of entries."""
    office = User.objects.filter(role_set__kind=Role.Kind.COORDINATION).order_by("pk").first()
    if office is None or AnnualPlanEntry.objects.exists():
        return 0
    units = {unit.short_name: unit for unit in OrgUnit.objects.filter(dissolved_at__isnull=True)}
    year = timezone.localdate().year + 1
    made = 0
    for short, plan_start, topic, kind, formats, quarter, budget, contact, committee in ENTRIES:
        unit = units.get(short)
        if unit is None:
            continue
        plan = Plan.objects.filter(lead_unit=unit, title__startswith=plan_start).first() if plan_start else None
        services.add_annual_plan_entry(
            office,
            year=year,
            org_unit=unit,
            plan=plan,
            topic=topic,
            process_kind=kind,
            formats=formats,
            quarter=quarter,
            budget=Decimal(budget) if budget else None,
            lead_contact=contact,
            committee=committee,
        )
        made += 1
    unit = units.get("FB 66")
    if unit is not None:
        entry = services.add_annual_plan_entry(
            office,
            year=year - 1,
            org_unit=unit,
            plan=None,
            topic="Umbau Küchengartenplatz: Verkehrsführung",
            process_kind="consultation",
            formats=["info_event"],
            quarter=3,
            budget=Decimal("8000.00"),
            lead_contact="Tiefbau, 0511 168-46600",
            committee="Stadtentwicklungs- und Bauausschuss",
        )
        services.record_annual_plan_outcome(
            office,
            entry,
            outcome=AnnualPlanEntry.Outcome.POSTPONED,
            outcome_reason="Die Förderzusage des Landes kam erst im November; die Beteiligung beginnt im Frühjahr.",
        )
        made += 1
    return made

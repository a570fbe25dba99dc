"""The demo of an action programme with needs, a prioritisation round and agreed priorities (issue 13).

Linden-Limmer's programme, made through the services as the people would: the district manager creates it and a
first round; residents propose needs and distribute their points; the round closes; the manager takes a concern over
and enters a need from the district conference; the conference agrees three priorities and the directors'
conference approves the programme; a second round is open now for the demo logins to take part."""

import datetime

from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.districts import services_programmes as services
from stadtdialog.districts.models.concerns import Concern
from stadtdialog.districts.models.programmes import ActionProgramme, Need
from stadtdialog.organisation.models import District, FieldOfAction

from . import participation

# (field of action, title, text, proposing resident's index)
FIRST_ROUND = [
    (
        "Öffentlicher Raum und Wohnumfeld",
        "Mehr Sitzbänke am Lindener Marktplatz",
        "Rund um den Marktplatz gibt es kaum Bänke im Schatten. Gerade ältere Menschen und Eltern mit kleinen "
        "Kindern brauchen Plätze zum Ausruhen, auch an Markttagen.",
        0,
    ),
    (
        "Öffentlicher Raum und Wohnumfeld",
        "Sichere Querung Fössestraße",
        "Zwischen Fössestraße und Spielplatz fehlt eine sichere Querung. Viele Kinder gehen hier zur Schule und "
        "müssen zwischen parkenden Autos über die Straße.",
        1,
    ),
    (
        "Familien, Kinder und Jugendliche",
        "Treffpunkt für Jugendliche in Limmer",
        "Für Jugendliche zwischen 14 und 18 gibt es in Limmer keinen Ort am Abend. Ein Jugendtreff oder ein "
        "überdachter Platz an der Wasserstadt würde helfen.",
        2,
    ),
    (
        "Gesundheit und Umwelt",
        "Mehr Bäume in der Limmerstraße",
        "Die Limmerstraße heizt sich im Sommer stark auf. Mehr Straßenbäume und Trinkbrunnen würden die Straße "
        "angenehmer machen.",
        3,
    ),
    (
        "Lokale Ökonomie",
        "Leerstand in der Davenstedter Straße beleben",
        "Mehrere Läden stehen leer. Zwischennutzungen für Kunst, Reparatur-Cafés oder Gründerinnen könnten die "
        "Straße beleben.",
        4,
    ),
]

# each resident's points in the first round: (index of the need, points)
POINTS = [
    [(0, 4), (1, 6)],
    [(1, 5), (2, 3), (3, 2)],
    [(0, 2), (1, 4), (3, 4)],
    [(2, 6), (4, 4)],
    [(0, 5), (1, 5)],
    [(3, 7), (0, 3)],
    [(1, 3), (2, 3), (4, 2)],
    [(0, 6), (3, 4)],
]

OPEN_ROUND = [
    (
        "Kultur und Freizeit",
        "Freiluftkino am Küchengarten",
        "Im Sommer könnte am Küchengarten ein Freiluftkino stattfinden, organisiert mit den Vereinen im Stadtteil.",
        5,
    ),
    (
        "Seniorinnen und Senioren",
        "Begleitdienst zum Einkaufen in Badenstedt",
        "Ältere Menschen in Badenstedt wünschen sich einen ehrenamtlichen Begleitdienst für Einkäufe und Arztwege.",
        6,
    ),
]


def _manager(district: District):
    role = (
        Role.objects.filter(kind=Role.Kind.DISTRICT_MANAGER, district=district).select_related("user").first()
        or Role.objects.filter(kind=Role.Kind.ADMIN).select_related("user").first()
    )
    return role.user if role else None


def _field(name: str) -> FieldOfAction:
    return FieldOfAction.objects.get(name=name)


def seed() -> int:
    """Linden-Limmer's action programme (idempotent: nothing when one exists). Returns the number of needs."""
    linden = District.objects.filter(number=10).first()
    if linden is None or ActionProgramme.objects.filter(district=linden).exists():
        return 0
    manager = _manager(linden)
    if manager is None:
        return 0
    residents = participation.make_residents()
    now = timezone.now()
    programme = services.save_programme(
        manager,
        linden,
        title="Aktionsprogramm Linden-Limmer 2027–2030",
        summary="Was Linden-Limmer in den nächsten Jahren am dringendsten braucht: ermittelt und priorisiert mit den "
        "Menschen im Stadtbezirk, abgeglichen mit den Planungen der Fachbereiche.",
        is_published=True,
    )
    autumn = services.save_round(
        manager,
        programme,
        title="Erste Priorisierungsrunde",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now + datetime.timedelta(hours=1),
        points_per_resident=10,
    )
    needs = [
        services.propose_need(
            residents[index % len(residents)], autumn, field_of_action=_field(area), title=title, text=text
        )
        for area, title, text, index in FIRST_ROUND
    ]
    for resident, points in zip(residents, POINTS, strict=False):
        services.allocate(resident, autumn, {needs[i].pk: value for i, value in points})
    # the round closed three weeks ago; the district conference met ten days ago
    autumn = services.save_round(
        manager,
        programme,
        autumn,
        title=autumn.title,
        opens_at=autumn.opens_at,
        closes_at=now - datetime.timedelta(days=21),
        points_per_resident=autumn.points_per_resident,
    )
    services.answer_need(
        manager,
        needs[0],
        status="partly",
        text="Der Fachbereich Umwelt und Stadtgrün stellt im Frühjahr vier Bänke am Marktplatz auf; weitere Plätze "
        "prüft er mit dem Marktverein.",
    )
    services.answer_need(
        manager,
        needs[1],
        status="taken",
        text="Die Querung ist als Handlungsschwerpunkt vereinbart; der Fachbereich Tiefbau plant sie für 2027.",
    )
    concern = (
        Concern.objects.filter(district=linden, confirmed_at__isnull=False, category__code="strassen").first()
        or Concern.objects.filter(district=linden, confirmed_at__isnull=False).first()
    )
    if concern is not None:
        services.take_over_concern(
            manager,
            programme,
            concern,
            field_of_action=_field("Öffentlicher Raum und Wohnumfeld"),
            title="Schulwege in Linden-Nord sicherer machen",
            text="Mehrere Anliegen nennen unübersichtliche Querungen auf den Schulwegen in Linden-Nord.",
        )
    conference = timezone.localdate() - datetime.timedelta(days=10)
    senior_meeting = services.add_conference_need(
        manager,
        programme,
        field_of_action=_field("Seniorinnen und Senioren"),
        title="Treffpunkt für Seniorinnen und Senioren in Limmer",
        text="Der Fachbereich Senioren berichtet, dass in Limmer ein barrierefreier Treffpunkt fehlt.",
        source_on=conference,
        source_note=f"Stadtbezirkskonferenz {conference:%d.%m.%Y}",
    )
    at = f"Stadtbezirkskonferenz {conference:%d.%m.%Y}"
    services.save_priority(
        manager,
        programme,
        title="Sichere Wege und Plätze zum Verweilen in Linden-Nord",
        field_of_action=_field("Öffentlicher Raum und Wohnumfeld"),
        description="Eine sichere Querung an der Fössestraße und mehr Sitzgelegenheiten am Lindener Marktplatz.",
        needs=[needs[0], needs[1]],
        agreed_on=conference,
        agreed_at=at,
        state="in_progress",
        state_note="FB 66 plant die Querung, FB 67 stellt die ersten Bänke auf.",
    )
    services.save_priority(
        manager,
        programme,
        title="Kühlere Limmerstraße",
        field_of_action=_field("Gesundheit und Umwelt"),
        description="Straßenbäume und ein Trinkbrunnen in der Limmerstraße.",
        needs=[needs[3]],
        agreed_on=conference,
        agreed_at=at,
    )
    services.save_priority(
        manager,
        programme,
        title="Ein Ort für Ältere in Limmer",
        field_of_action=_field("Seniorinnen und Senioren"),
        needs=[senior_meeting],
        agreed_on=conference,
        agreed_at=at,
    )
    services.save_programme(
        manager,
        linden,
        title=programme.title,
        summary=programme.summary,
        is_published=True,
        decided_on=conference + datetime.timedelta(days=7),
        outcome="approved",
        decision_text="Die Dezernentenkonferenz beschließt die drei Handlungsschwerpunkte; die Fachbereiche melden "
        "den Stand halbjährlich dem Stadtbezirksmanagement.",
    )
    spring = services.save_round(
        manager,
        programme,
        title="Zweite Priorisierungsrunde",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=25),
        points_per_resident=10,
    )
    for area, title, text, index in OPEN_ROUND:
        services.propose_need(
            residents[index % len(residents)], spring, field_of_action=_field(area), title=title, text=text
        )
    return Need.objects.filter(programme=programme).count()

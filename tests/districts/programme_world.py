"""Data of the action programmes' tests (helper "prog"): Linden-Limmer with its manager, an open prioritisation
round, verified and unverified residents, a moderator and the manager of another district."""

import datetime

from django.utils import timezone

from stadtdialog.accounts.models import Role
from stadtdialog.districts import services_programmes as services
from stadtdialog.organisation.models import District, FieldOfAction
from tests.factories import UserFactory, staff_user


def field(name: str) -> FieldOfAction:
    return FieldOfAction.objects.get(name=name)


def programme_world(published: bool = True, residents: int = 3) -> dict:
    linden = District.objects.get(slug="linden-limmer")
    mitte = District.objects.get(number=1)
    manager = staff_user(Role.Kind.DISTRICT_MANAGER, district=linden, full_name="Lena Linden")
    programme = services.save_programme(
        manager,
        linden,
        title="Aktionsprogramm Linden-Limmer 2027–2030",
        summary="Was Linden-Limmer in den nächsten Jahren am dringendsten braucht.",
        is_published=published,
    )
    now = timezone.now()
    round_ = services.save_round(
        manager,
        programme,
        title="Priorisierungsrunde Frühjahr 2027",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=14),
        points_per_resident=10,
    )
    return {
        "linden": linden,
        "mitte": mitte,
        "manager": manager,
        "other_manager": staff_user(Role.Kind.DISTRICT_MANAGER, district=mitte, full_name="Mia Mitte"),
        "moderator": staff_user(Role.Kind.MODERATOR, full_name="Moritz Moderation"),
        "admin": staff_user(Role.Kind.ADMIN),
        "programme": programme,
        "round": round_,
        "residents": [UserFactory(display_name=f"Lindenerin {i}") for i in range(residents)],
        "unverified": UserFactory(display_name="Noch nicht bestätigt", email_verified=False),
        "space": field("Öffentlicher Raum und Wohnumfeld"),
        "seniors": field("Seniorinnen und Senioren"),
    }


def propose(w, title="Mehr Sitzbänke am Lindener Marktplatz", resident=0, area="space", text=None):
    return services.propose_need(
        w["residents"][resident],
        w["round"],
        field_of_action=w[area],
        title=title,
        text=text or "Auf dem Marktplatz fehlen Bänke im Schatten, besonders für ältere Menschen.",
    )

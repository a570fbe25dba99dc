"""Data for the process page benchmark: one published process with an open online dialog,
2 000 contributions and 10 000 comments (a third of them replies), supports and answers.

Run inside Django: `python manage.py shell -c "exec(open('bench/process_page/generate.py').read())"`
or through bench/process_page/run.sh. Uses bulk_create; prints the process id.
Environment: CONTRIBUTIONS (2000), COMMENTS (10000), SEED (1).
"""

import datetime
import os
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from stadtdialog.accounts.models import User
from stadtdialog.dialog.models import Comment, Contribution, Response
from stadtdialog.organisation.models import OrgUnit, Quarter
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Concept, Phase, Process

CONTRIBUTIONS = int(os.environ.get("CONTRIBUTIONS", 2000))
COMMENTS = int(os.environ.get("COMMENTS", 10000))
rng = random.Random(int(os.environ.get("SEED", 1)))
now = timezone.now()
today = timezone.localdate()
WORDS = [
    "Bank",
    "Baum",
    "Schatten",
    "Brunnen",
    "Spielplatz",
    "Radweg",
    "Licht",
    "Wiese",
    "Beet",
    "Tisch",
    "Treffpunkt",
    "Kinder",
    "Senioren",
    "Lärm",
    "Parken",
    "Grün",
    "Wasser",
    "Sicherheit",
    "Weg",
    "Platz",
    "Hecke",
    "Mülleimer",
    "Toilette",
    "Bühne",
    "Markt",
]


def sentence(n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


with transaction.atomic():
    unit, _ = OrgUnit.objects.get_or_create(
        short_name="FB 67 Bench", defaults={"kind": "department", "name": "Bench-Fachbereich"}
    )
    plan = Plan.objects.create(
        title="Bench: Neugestaltung Küchengarten-Platz",
        summary="Benchmark-Vorhaben",
        lead_unit=unit,
        status="participation",
        published_at=now,
        participation_planned=True,
    )
    process = Process.objects.create(plan=plan, title="Bench: Online-Dialog Küchengarten-Platz", published_at=now)
    Concept.objects.create(process=process, subject="Gestaltung des Platzes", current_version=1)
    Phase.objects.create(
        process=process,
        title="Online-Dialog",
        kind="dialog",
        format="online_dialog",
        channel="online",
        start=today - datetime.timedelta(days=30),
        end=today + datetime.timedelta(days=30),
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(email=f"bench-{n}@example.org", display_name=f"Bench {n}", password=password, email_verified=True)
            for n in range(300)
        ]
    )
    quarters = list(Quarter.objects.all()) + [None] * 20
    kinds = [k for k, _label in Contribution.Kind.choices]
    statuses = [s for s, _label in Response.Status.choices] + [""] * 4
    contributions = Contribution.objects.bulk_create(
        [
            Contribution(
                process=process,
                kind=rng.choice(kinds),
                title=sentence(rng.randint(3, 7))[:120],
                text=sentence(rng.randint(20, 80)),
                author=rng.choice(users),
                quarter=rng.choice(quarters),
                support_count=rng.randint(0, 60),
                answer_status=rng.choice(statuses),
                latitude=round(rng.uniform(52.33, 52.42), 6) if rng.random() < 0.5 else None,
            )
            for _ in range(CONTRIBUTIONS)
        ],
        batch_size=1000,
    )
    for c in contributions:
        if c.latitude is None:
            continue
        c.longitude = round(rng.uniform(9.65, 9.85), 6)
    Contribution.objects.bulk_update(
        [c for c in contributions if c.latitude is not None], ["longitude"], batch_size=1000
    )
    # created_at is auto_now_add: spread the dates afterwards for a realistic "newest first"
    for n, c in enumerate(contributions):
        c.created_at = now - datetime.timedelta(minutes=17 * (CONTRIBUTIONS - n))
    Contribution.objects.bulk_update(contributions, ["created_at"], batch_size=1000)
    Response.objects.bulk_create(
        [
            Response(contribution=c, status=c.answer_status, text=sentence(30), org_unit=unit)
            for c in contributions
            if c.answer_status
        ],
        batch_size=1000,
    )
    tops = Comment.objects.bulk_create(
        [
            Comment(contribution=rng.choice(contributions), author=rng.choice(users), text=sentence(rng.randint(8, 40)))
            for _ in range(COMMENTS * 2 // 3)
        ],
        batch_size=2000,
    )
    Comment.objects.bulk_create(
        [
            Comment(
                contribution_id=top.contribution_id,
                parent=top,
                author=rng.choice(users),
                text=sentence(rng.randint(5, 20)),
            )
            for top in (rng.choice(tops) for _ in range(COMMENTS - len(tops)))
        ],
        batch_size=2000,
    )
    counts = {}
    for comment in Comment.objects.filter(contribution__process=process).values_list("contribution_id", flat=True):
        counts[comment] = counts.get(comment, 0) + 1
    for c in contributions:
        c.comment_count = counts.get(c.pk, 0)
    Contribution.objects.bulk_update(contributions, ["comment_count"], batch_size=1000)

busiest = max(contributions, key=lambda c: c.comment_count)
print("PROCESS", process.pk, busiest.pk, busiest.comment_count)

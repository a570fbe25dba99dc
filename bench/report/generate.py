"""Data for the report benchmark: on top of `seed_demo --scale N` (about 10 000 plans at N=250), PROCESSES
published processes (2 000) over the published plans, with phases, events and registrations, CONTRIBUTIONS
contributions (200 000) spread over the years before, half of them answered, comments, results with
recommendations and verdicts, milestones and evaluations.

Run inside Django: `python manage.py shell -c "exec(open('bench/report/generate.py').read())"` or through
bench/report/run.sh. bulk_create only; prints the counts. Environment: PROCESSES, CONTRIBUTIONS, SEED.
"""

import datetime
import os
import random

from django.db import transaction
from django.utils import timezone

from stadtdialog.dialog.models import Comment, Contribution, Response
from stadtdialog.events.models import Event, Registration
from stadtdialog.organisation.models import Quarter
from stadtdialog.outcomes.models import Decision, Milestone, Recommendation, Result, Verdict
from stadtdialog.plans.models import Plan
from stadtdialog.processes.models import Concept, Phase, Process

PROCESSES = int(os.environ.get("PROCESSES", 2000))
CONTRIBUTIONS = int(os.environ.get("CONTRIBUTIONS", 200000))
rng = random.Random(int(os.environ.get("SEED", 1)))
now = timezone.now()
YEARS = [now.year - 2, now.year - 1, now.year]


def moment(year):
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    return start + datetime.timedelta(seconds=rng.randint(0, 364 * 86400))


with transaction.atomic():
    plans = list(Plan.objects.published().order_by("?")[:PROCESSES])
    processes = Process.objects.bulk_create(
        [Process(plan=plan, title=f"Bench: Beteiligung {plan.title}"[:200], published_at=now) for plan in plans]
    )
    for process in processes:
        process.published_at = moment(rng.choice(YEARS))
    Process.objects.bulk_update(processes, ["published_at"], batch_size=2000)
    Concept.objects.bulk_create([Concept(process=p, subject="Gestaltung", current_version=1) for p in processes])
    formats, channels = Phase.Format.values, Phase.Channel.values
    phases = []
    for process in processes:
        for _n in range(3):
            start = moment(rng.choice(YEARS)).date()
            phases.append(
                Phase(
                    process=process,
                    title="Phase",
                    kind="dialog",
                    format=rng.choice(formats),
                    channel=rng.choice(channels),
                    start=start,
                    end=start + datetime.timedelta(days=30),
                )
            )
    Phase.objects.bulk_create(phases, batch_size=2000)
    events = Event.objects.bulk_create(
        [
            Event(
                title="Bench: Werkstatt",
                process=process,
                start=(start := moment(rng.choice(YEARS))),
                end=start + datetime.timedelta(hours=2),
                place_name="Freizeitheim",
                address="Hannover",
                format=rng.choice(Event.Format.values),
                published_at=now,
                registration_required=True,
            )
            for process in processes
        ],
        batch_size=2000,
    )
    Registration.objects.bulk_create(
        [Registration(event=event, status="confirmed") for event in events for _n in range(rng.randint(0, 30))],
        batch_size=5000,
    )
    quarters = list(Quarter.objects.all()) + [None] * 20
    sources, kinds = Contribution.Source.values, Contribution.Kind.values
    statuses = Response.Status.values
    done = 0
    while done < CONTRIBUTIONS:
        batch = min(10000, CONTRIBUTIONS - done)
        items = Contribution.objects.bulk_create(
            [
                Contribution(
                    process=rng.choice(processes),
                    kind=rng.choice(kinds),
                    title="Bench-Beitrag",
                    text="Mehr Bäume und Bänke.",
                    source=rng.choice(sources),
                    quarter=rng.choice(quarters),
                )
                for _n in range(batch)
            ]
        )
        for item in items:
            item.created_at = moment(rng.choice(YEARS))
        Contribution.objects.bulk_update(items, ["created_at"], batch_size=5000)
        responses = []
        for item in items:
            if rng.random() < 0.5:
                status = rng.choice(statuses)
                responses.append(Response(contribution=item, status=status, text="Begründung"))
        Response.objects.bulk_create(responses, batch_size=5000)
        for response in responses:
            response.created_at = response.contribution.created_at + datetime.timedelta(days=rng.randint(0, 90))
        Response.objects.bulk_update(responses, ["created_at"], batch_size=5000)
        Comment.objects.bulk_create(
            [Comment(contribution=rng.choice(items), text="Gute Idee") for _n in range(batch // 4)], batch_size=5000
        )
        done += batch
    results = Result.objects.bulk_create(
        [Result(process=process, published_at=moment(rng.choice(YEARS))) for process in processes[: PROCESSES // 2]]
    )
    recommendations = Recommendation.objects.bulk_create(
        [Recommendation(result=result, text="Empfehlung", position=n) for result in results for n in range(3)]
    )
    decisions = {
        decision.process_id: decision
        for decision in Decision.objects.bulk_create(
            [Decision(process_id=r.process_id, decision_maker="Rat", published_at=r.published_at) for r in results]
        )
    }
    by_result = {result.pk: result for result in results}
    Verdict.objects.bulk_create(
        [
            Verdict(
                decision=decisions[by_result[rec.result_id].process_id],
                recommendation=rec,
                outcome=(outcome := rng.choice(Verdict.Outcome.values)),
                reason="" if outcome == "followed" else "Begründung",
            )
            for rec in recommendations
        ],
        batch_size=5000,
    )
    milestones = []
    for process in processes:
        end = moment(rng.choice(YEARS)).date()
        milestones.append(
            Milestone(
                process=process,
                title="Bau",
                planned_start=end - datetime.timedelta(days=60),
                planned_end=end,
                status=rng.choice(Milestone.Status.values),
                progress=rng.randint(0, 100),
            )
        )
    Milestone.objects.bulk_create(milestones, batch_size=2000)

print("REPORT", len(processes), Contribution.objects.count(), Plan.objects.published().count())

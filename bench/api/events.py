"""Events for the API benchmark: `seed_demo --scale` seeds none, so the events list would be measured empty.
Adds EVENTS (5 000) published events to public processes, spread over two years around today, in Hannover's
meeting places, with bulk_create (no audit entries, no notifications).

Run inside Django: `python manage.py shell -c "exec(open('bench/api/events.py').read())"` (bench/api/run.sh does
it when the database has no events). Environment: EVENTS (5000), SEED (1).
"""

import datetime
import os
import random

from django.utils import timezone

from stadtdialog.events.models import Event
from stadtdialog.organisation.models import District
from stadtdialog.processes.models import Process

EVENTS = int(os.environ.get("EVENTS", 5000))
rng = random.Random(int(os.environ.get("SEED", 1)))
now = timezone.now()
DESCRIPTION = "Wir stellen den Stand der Planung vor und sammeln Ihre Hinweise. Eine Anmeldung ist nicht nötig."
PLACES = [
    ("Freizeitheim Linden, Saal 1", "Windheimstraße 4, 30451 Hannover", 52.3667, 9.7111),
    ("Kulturzentrum Pavillon", "Lister Meile 4, 30161 Hannover", 52.3792, 9.7447),
    ("Stadtteilzentrum Ricklingen", "Ricklinger Stadtweg 1, 30459 Hannover", 52.3419, 9.7356),
    ("Freizeitheim Vahrenwald", "Vahrenwalder Straße 92, 30165 Hannover", 52.3956, 9.7403),
    ("Neues Rathaus, Hodlersaal", "Trammplatz 2, 30159 Hannover", 52.3676, 9.7386),
    ("Stadtteilzentrum Krokus", "Thie 6, 30539 Hannover", 52.3261, 9.8089),
    ("Bürgerhaus Misburg", "Seckbruchstraße 20, 30629 Hannover", 52.3900, 9.8644),
]
FORMATS = [value for value, _ in Event.Format.choices]
processes = list(
    Process.objects.filter(published_at__isnull=False, plan__published_at__isnull=False)
    .select_related("plan")
    .values_list("id", "title", "plan__lead_unit_id")
)
districts = list(District.objects.values_list("id", flat=True))
events = []
for number in range(EVENTS):
    process_id, title, unit_id = rng.choice(processes)
    place, address, latitude, longitude = rng.choice(PLACES)
    start = (now + datetime.timedelta(days=rng.randint(-365, 365))).replace(
        hour=rng.choice([10, 15, 17, 18, 19]), minute=0, second=0, microsecond=0
    )
    events.append(
        Event(
            title=f"{rng.choice(['Werkstatt', 'Infoabend', 'Rundgang', 'Planungscafé'])}: {title}"[:200],
            description=DESCRIPTION,
            format=rng.choice(FORMATS),
            start=start,
            end=start + datetime.timedelta(hours=rng.choice([1, 2, 3])),
            place_name=place,
            address=address,
            latitude=latitude,
            longitude=longitude,
            process_id=process_id,
            org_unit_id=unit_id,
            district_id=rng.choice(districts),
            step_free=rng.random() < 0.8,
            hearing_loop=rng.random() < 0.3,
            for_residents=True,
            published_at=start - datetime.timedelta(days=30),
            cancelled_at=start - datetime.timedelta(days=2) if number % 40 == 0 else None,
            cancellation_reason="Der Raum steht nicht zur Verfügung." if number % 40 == 0 else "",
        )
    )
Event.objects.bulk_create(events, batch_size=1000)
print("EVENTS", Event.objects.count())

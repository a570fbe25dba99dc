"""Load realistic German demo data for Hannover (and, with --scale, many more plans for benchmarks)."""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from stadtdialog.demo import (
    build,
    bulk,
    pages,
    participation,
    seed_advice,
    seed_api,
    seed_concerns,
    seed_conferences,
    seed_districts,
    seed_funding,
    seed_office,
    seed_programmes,
    seed_reporting,
)
from stadtdialog.demo.catalogue import PLANS
from stadtdialog.organisation.city_data import CityDataError
from stadtdialog.organisation.services import load_city
from stadtdialog.plans.models import Plan
from stadtdialog.search import index as search_index

# The demo's plans, people and places are Hannover's: its districts by number, its quarters by name.
DEMO_CITY = "hannover"


class Command(BaseCommand):
    help = (
        "Create the Hannover demo: administration, one login per role, about 40 plans with processes and "
        "concept versions. --scale N multiplies the plans by N (N=250 gives about 10 000)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when plans exist already.")
        parser.add_argument("--scale", type=int, default=1, help="Multiply the number of plans by N (default 1).")
        parser.add_argument("--seed", type=int, default=None, help="Random seed, for repeatable data.")

    def handle(self, *args, **options):
        with override("de"):
            self.seed(options["if_empty"], options["scale"], options["seed"])

    def ensure_city(self) -> None:
        """The same as `manage.py load_city hannover` (which `make run` calls first): nothing to do when loaded."""
        try:
            result = load_city(source=DEMO_CITY)
        except CityDataError as error:
            raise CommandError("\n".join(error.messages)) from error
        if result.changed:
            self.stdout.write(_("City data loaded: %(name)s.") % {"name": result.city.name})

    def seed(self, if_empty: bool, scale: int, seed: int | None) -> None:
        if scale < 1:
            raise CommandError(_("--scale must be 1 or more."))
        self.ensure_city()
        if Plan.objects.exists():
            if if_empty:
                self.stdout.write(_("There are plans already; the demo data is not loaded again."))
                return
            raise CommandError(
                _("The database has plans already. Use --if-empty to skip, or start from an empty database.")
            )
        if seed is None:
            seed = random.SystemRandom().randrange(1_000_000)
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            counts = build.seed_base(rng)
            pages.seed_pages()
            seed_districts.seed()  # the district management: profiles, networks, directory, indicators
            seed_concerns.seed()  # residents' concerns (districts)
            seed_office.seed()  # the coordination office: rooms, equipment, bookings, office hours
            extra = len(PLANS) * (scale - 1)
            if extra:
                more = bulk.seed_scale(rng, extra)
                counts["plans"] += more["plans"]
                counts["processes"] += more["processes"]
            else:  # the dialog and outcomes only in the base demo; --scale stays a bulk benchmark
                dialog = participation.seed_participation(rng)
                seed_conferences.seed()  # district conferences, agreements, projects (districts)
                seed_programmes.seed()  # action programmes with residents' points (districts)
                seed_funding.seed()  # funding rounds and the committee (office)
                seed_advice.seed()  # consultation requests, work aids, trainings (office)
                seed_api.seed()  # the open-data download of what the demo published (api/opendata.py)
                seed_reporting.seed()  # the annual plan (reporting); the report reads the demo above
        search_index.rebuild()  # the bulk loads of --scale send no signals: the site search reads them all at once
        seconds = time.monotonic() - started
        message = _(
            "Demo data loaded (seed %(seed)s): %(plans)s plans, %(processes)s participation processes, "
            "%(logins)s demo logins, in %(seconds).1f s."
        ) % {**counts, "seed": seed, "seconds": seconds}
        self.stdout.write(self.style.SUCCESS(message))
        if not extra:
            self.stdout.write(
                _(
                    "Participation: %(contributions)s contributions by %(residents)s residents, %(events)s events, "
                    "%(initiatives)s initiatives, %(results)s processes with results and decision, %(evaluations)s "
                    "published evaluation."
                )
                % dialog
            )

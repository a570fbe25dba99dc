"""A city's master data comes from its data folder (`manage.py load_city`), not from a migration; a second city
(tests/data/cities/musterstadt) runs the public pages with nothing of Hannover left in them."""

import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from stadtdialog.core.models import AuditEntry
from stadtdialog.organisation.city_data import CITIES_DIR
from stadtdialog.organisation.models import City, District, DistrictCouncil, FieldOfAction, Quarter
from stadtdialog.organisation.points import in_city
from stadtdialog.organisation.queries import current_city
from stadtdialog.processes.models import ConceptVersion
from tests.events.factories import EventFactory
from tests.factories import (
    ConceptFactory,
    GoalFactory,
    OrgUnitFactory,
    PhaseFactory,
    PlanFactory,
    ProcessFactory,
    staff_user,
)

pytestmark = pytest.mark.django_db

MUSTERSTADT = Path(__file__).resolve().parent.parent / "data" / "cities" / "musterstadt"


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_city", *args, stdout=out)
    return out.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        load(*args)
    return str(error.value)


def master_data() -> dict:
    return {
        "city": list(City.objects.values_list("slug", "name", "site_name", "south", "west", "north", "east")),
        "districts": list(District.objects.values_list("number", "name", "slug", "boundary")),
        "councils": list(DistrictCouncil.objects.values_list("district__number", "name")),
        "quarters": list(Quarter.objects.values_list("slug", "name", "district__number").order_by("slug")),
        "fields": list(FieldOfAction.objects.values_list("slug", "name", "position")),
    }


def empty_database() -> None:
    """What a new installation has after `migrate`: no city at all (the session's Hannover comes back after the
    test, which runs in a transaction)."""
    DistrictCouncil.objects.all().delete()
    Quarter.objects.all().delete()
    District.objects.all().delete()
    FieldOfAction.objects.all().delete()
    City.objects.all().delete()


def copy_of(source: Path, tmp_path: Path, name: str = "stadt") -> tuple[Path, dict]:
    folder = tmp_path / name
    shutil.copytree(source, folder)
    return folder, json.loads((folder / "city.json").read_text(encoding="utf-8"))


def write(folder: Path, data: dict) -> None:
    (folder / "city.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# --- Hannover ------------------------------------------------------------------------------------------------


def test_load_city_hannover_on_an_empty_database_makes_13_districts_51_quarters_and_the_city():
    empty_database()
    audits = AuditEntry.objects.filter(action="organisation.city.load").count()
    output = load("hannover")
    assert "Landeshauptstadt Hannover geladen." in output
    assert "neu: 1 Stadt, 13 Stadtbezirke, 13 Stadtbezirksräte, 51 Stadtteile, 9 Handlungsfelder" in output
    assert District.objects.count() == 13
    assert Quarter.objects.count() == 51
    assert FieldOfAction.objects.count() == 9
    assert list(FieldOfAction.objects.values_list("name", flat=True)[:2]) == ["Integration", "Engagement und Ehrenamt"]
    assert District.objects.get(number=10).name == "Linden-Limmer"
    assert Quarter.objects.get(name="Döhren").slug == "doehren"
    assert DistrictCouncil.objects.get(district__number=10).name == "Stadtbezirksrat Linden-Limmer"
    city = City.objects.get()
    assert (city.slug, city.name, city.site_name) == ("hannover", "Landeshauptstadt Hannover", "Stadtdialog Hannover")
    assert city.bounds == (52.30, 9.60, 52.46, 9.92)
    assert city.logo.name == "city/hannover-logo.svg"
    assert city.logo.read() == (CITIES_DIR / "hannover" / "logo.svg").read_bytes()
    assert AuditEntry.objects.filter(action="organisation.city.load").count() == audits + 1


def test_the_test_database_has_hannover_from_load_city_not_from_the_migration():
    assert City.objects.get().slug == "hannover"
    assert District.objects.count() == 13
    assert Quarter.objects.count() == 51


def test_loading_twice_changes_nothing():
    empty_database()
    load("hannover")
    before, audits = master_data(), AuditEntry.objects.count()
    output = load("hannover")
    assert output.strip() == "Landeshauptstadt Hannover: Die Datenbank entspricht schon dem Datenordner."
    assert master_data() == before
    assert AuditEntry.objects.count() == audits


def test_a_database_of_the_old_migration_is_taken_over_by_number_and_address():
    """The rows migration 0002 used to make: the same districts and quarters, no City row, no councils."""
    City.objects.all().delete()
    DistrictCouncil.objects.all().delete()
    ids = set(District.objects.values_list("pk", flat=True)) | set(Quarter.objects.values_list("pk", flat=True))
    plan = PlanFactory(quarters=[Quarter.objects.get(slug="linden-nord")])
    output = load("hannover")
    assert "neu: 1 Stadt, 13 Stadtbezirksräte" in output
    assert "Stadtteile" not in output and "entfernt" not in output
    assert set(District.objects.values_list("pk", flat=True)) | set(Quarter.objects.values_list("pk", flat=True)) == ids
    assert list(plan.quarters.values_list("slug", flat=True)) == ["linden-nord"]
    assert current_city().name == "Landeshauptstadt Hannover"


def test_a_changed_folder_updates_names_and_bounds_and_the_pages_follow(tmp_path, client):
    folder, data = copy_of(CITIES_DIR / "hannover", tmp_path, "hannover")
    client.get(reverse("plans:list"))  # the city is now in the cache
    data["site_name"] = "Hannover redet mit"
    data["bounds"]["north"] = 52.5
    data["districts"][0]["name"] = "Zentrum"
    data["districts"][0]["quarters"][0] = {"name": "Altstadt", "slug": "mitte"}  # renamed, same address
    data["fields_of_action"] = list(reversed(data["fields_of_action"]))
    write(folder, data)
    output = load(str(folder))
    assert "geändert: 1 Stadt, 1 Stadtbezirke, 1 Stadtteile, 8 Handlungsfelder" in output
    assert City.objects.get().site_name == "Hannover redet mit"
    assert District.objects.get(number=1).name == "Zentrum"
    assert Quarter.objects.get(slug="mitte").name == "Altstadt"
    assert FieldOfAction.objects.first().name == "Lokale Ökonomie"
    assert current_city().bounds == (52.30, 9.60, 52.5, 9.92)
    assert in_city(52.48, 9.7)
    assert "Hannover redet mit" in client.get(reverse("plans:list")).content.decode()


def test_rows_missing_from_the_folder_go_unless_data_hangs_on_them(tmp_path):
    folder, data = copy_of(CITIES_DIR / "hannover", tmp_path, "hannover")
    PlanFactory(
        quarters=[Quarter.objects.get(name="Hainholz")], fields_of_action=[FieldOfAction.objects.get(position=1)]
    )
    data["districts"] = [d for d in data["districts"] if d["number"] not in (12, 13)]
    data["fields_of_action"] = data["fields_of_action"][:-2] + []  # "Kultur und Freizeit", "Lokale Ökonomie" go
    data["fields_of_action"].remove("Integration")  # ... and "Integration", on which a plan hangs
    write(folder, data)
    output = load(str(folder))
    # 12 goes with its 7 quarters; of 13 only Hainholz (a plan) and so its district stay
    assert "entfernt: 1 Stadtbezirke, 10 Stadtteile, 2 Handlungsfelder" in output
    assert "Stadtteil „Hainholz“ fehlt im Datenordner, bleibt aber, weil Daten daran hängen: Vorhaben: 1." in output
    assert "Stadtbezirk „13 Nord“ fehlt im Datenordner, bleibt aber, weil Daten daran hängen: Stadtteile: 1." in output
    assert "Handlungsfeld „Integration“ fehlt im Datenordner, bleibt aber" in output
    assert sorted(District.objects.filter(number__gte=12).values_list("number", flat=True)) == [13]
    assert list(Quarter.objects.filter(district__number=13).values_list("name", flat=True)) == ["Hainholz"]
    assert FieldOfAction.objects.filter(name="Integration").exists()
    assert not FieldOfAction.objects.filter(name="Lokale Ökonomie").exists()
    # run again: the same warnings, nothing else changes
    again = load(str(folder))
    assert "entspricht schon dem Datenordner" in again
    assert "Stadtteil „Hainholz“ fehlt im Datenordner" in again


# --- bad folders: every bad entry named, nothing loaded ----------------------------------------------------------


def bad_city(tmp_path, change) -> Path:
    folder, data = copy_of(MUSTERSTADT, tmp_path, "musterstadt")
    result = change(data, folder)
    if result is not False:
        write(folder, data)
    return folder


def _duplicates(data, folder):
    data["districts"][1]["number"] = 1
    data["districts"][2]["name"] = "Altstadt"
    data["quarters"].append({"name": "Marktviertel", "district": 3})


def _quarters_without_district(data, folder):
    data["quarters"].append({"name": "Oberdorf"})
    data["quarters"].append({"name": "Unterdorf", "district": 9})


def _bad_values(data, folder):
    data["name"] = ""
    data["bounds"] = {"south": 51.1, "west": "zehn", "north": 51.0, "east": 10.2}
    data["districts"][0]["number"] = "eins"
    data["fields_of_action"].append("Wohnen")


def _bad_json(data, folder):
    (folder / "city.json").write_text('{"name": "Stadt Musterstadt",\n "districts": [}', encoding="utf-8")
    return False


def _no_city_json(data, folder):
    (folder / "city.json").unlink()
    return False


def _script_in_the_logo(data, folder):
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')


def _unknown_boundary(data, folder):
    collection = json.loads((folder / "boundaries.geojson").read_text(encoding="utf-8"))
    collection["features"][2]["properties"] = {"name": "Industriegebiet", "number": ""}
    (folder / "boundaries.geojson").write_text(json.dumps(collection), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "messages"),
    [
        (
            _duplicates,
            [
                "city.json, Stadtbezirk 2 („Neustadt“): Nummer „1“ hat schon Stadtbezirk 1.",
                "city.json, Stadtbezirk 3 („Altstadt“): Name „Altstadt“ hat schon Stadtbezirk 1.",
                "city.json, „quarters“, Eintrag 4 („Marktviertel“): Den Namen gibt es schon "
                "(Stadtbezirk 1, Stadtteil 1).",
            ],
        ),
        (
            _quarters_without_district,
            [
                "city.json, „quarters“, Eintrag 4 („Oberdorf“): Der Stadtteil nennt keinen Stadtbezirk („district“).",
                "city.json, „quarters“, Eintrag 5 („Unterdorf“): Den Stadtbezirk 9 gibt es in city.json nicht.",
            ],
        ),
        (
            _bad_values,
            [
                "city.json, „name“ (Name der Stadt): Der Name fehlt oder ist kein Text.",
                "city.json, „bounds“: „west“ ist keine Zahl.",
                "city.json, Stadtbezirk 1 („Altstadt“): Die Nummer „eins“ ist keine ganze Zahl zwischen 1 und 32767.",
                "city.json, Handlungsfeld 4 („Wohnen“): kommt doppelt vor.",
            ],
        ),
        (_bad_json, ["city.json: kein gültiges JSON (Fehler in Zeile 2, Spalte 16)."]),
        (_no_city_json, ["Die Datei „city.json“ fehlt im Ordner"]),
        (_script_in_the_logo, ["logo.svg: Das SVG enthält Skripte oder Ereignis-Attribute; erlaubt ist nur ein Bild."]),
        (_unknown_boundary, ["boundaries.geojson: Objekt 3: „Industriegebiet“ ist kein bekannter Name."]),
    ],
)
def test_a_bad_folder_names_every_bad_entry_in_german_and_loads_nothing(tmp_path, change, messages):
    empty_database()
    folder = bad_city(tmp_path, change)
    audits = AuditEntry.objects.count()
    error = refused(str(folder))
    assert error.startswith("Nichts wurde geladen:")
    for message in messages:
        assert message in error
    assert master_data() == {"city": [], "districts": [], "councils": [], "quarters": [], "fields": []}
    assert AuditEntry.objects.count() == audits


def test_a_missing_folder_is_named():
    assert "Den Ordner „" in refused("atlantis")
    assert "/atlantis“ gibt es nicht." in refused("atlantis")


def test_a_bad_change_to_a_loaded_city_changes_nothing_at_all(tmp_path):
    """The boundary check comes after the districts were written: the one transaction takes them back."""
    folder, data = copy_of(CITIES_DIR / "hannover", tmp_path, "hannover")
    data["districts"][0]["name"] = "Zentrum"
    write(folder, data)
    (folder / "boundaries.geojson").write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Nirgendwo"}}]}
        ),
        encoding="utf-8",
    )
    before = master_data()
    assert "„Nirgendwo“ ist kein bekannter Name" in refused(str(folder))
    assert master_data() == before


# --- one installation, one city ---------------------------------------------------------------------------------


def test_a_second_city_is_refused_with_a_clear_message():
    before = master_data()
    error = refused(str(MUSTERSTADT))
    assert "Diese Installation dient schon der Stadt „Landeshauptstadt Hannover“ (hannover)" in error
    assert "„Stadt Musterstadt“ (musterstadt) wird nicht geladen. Mit --replace" in error
    assert master_data() == before


def test_replace_takes_another_city_only_while_nothing_hangs_on_the_present_one():
    output = load(str(MUSTERSTADT), "--replace")
    assert "Stadt Musterstadt geladen." in output
    assert City.objects.get().slug == "musterstadt"
    assert list(District.objects.values_list("name", flat=True)) == ["Altstadt", "Neustadt", "Flussufer"]
    PlanFactory(districts=[District.objects.get(number=2)])
    error = refused("hannover", "--replace")
    assert "„Stadt Musterstadt“ wird nicht ersetzt: Die Datenbank ist nicht leer." in error
    assert "Stadtbezirk „02 Neustadt“: Vorhaben: 1" in error
    assert City.objects.get().slug == "musterstadt"


# --- the cached city and the fallback before load_city ------------------------------------------------------------


def test_current_city_reads_the_row_once_and_then_from_the_cache(django_assert_num_queries):
    cache.clear()  # tests/conftest.py warms it
    with django_assert_num_queries(1):
        assert current_city().site_name == "Stadtdialog Hannover"
    with django_assert_num_queries(0):
        assert current_city().bounds == (52.30, 9.60, 52.46, 9.92)
    city = City.objects.get()
    city.site_name = "Beteiligung Hannover"
    city.save()  # an edit (the staff area, the admin) reaches the cache
    assert current_city().site_name == "Beteiligung Hannover"


def test_a_page_costs_no_query_for_the_city_with_a_warm_cache(client, django_assert_max_num_queries):
    client.get(reverse("accounts:login"))
    with django_assert_max_num_queries(0):
        response = client.get(reverse("accounts:login"))
    assert "Stadtdialog Hannover" in response.content.decode()


def test_before_load_city_the_site_serves_with_a_neutral_name_and_germany(client):
    empty_database()
    city = current_city()
    assert not city.is_loaded
    assert (city.name, city.site_name) == ("", "Stadtdialog")
    assert city.bounds == (47.27, 5.87, 55.06, 15.04)
    html = client.get(reverse("plans:list")).content.decode()
    assert "<title>Vorhaben – Stadtdialog</title>" in html or "– Stadtdialog</title>" in html
    assert "stadtdialog-logo.svg" in html
    assert "hannover" not in html.lower()
    assert client.get(reverse("plans:map")).status_code == 200


# --- a second city on an empty database: the public pages ----------------------------------------------------------


@pytest.fixture
def musterstadt():
    empty_database()
    output = load(str(MUSTERSTADT))
    assert "Stadt Musterstadt geladen." in output
    assert "Grenzen abgeglichen: 3" in output
    return City.objects.get()


def musterstadt_content() -> dict:
    """A plan with a point in Musterstadt, its published process with concept, goal and phase, and an event."""
    unit = OrgUnitFactory(short_name="Amt 61", name="Stadtplanungsamt", email="planung@musterstadt.example")
    altstadt = District.objects.get(number=1)
    plan = PlanFactory(
        title="Neugestaltung des Marktplatzes",
        lead_unit=unit,
        districts=[altstadt],
        quarters=[Quarter.objects.get(name="Marktviertel")],
        fields_of_action=[FieldOfAction.objects.get(slug="gruen")],
        latitude=Decimal("51.05"),
        longitude=Decimal("10.03"),
    )
    lead = staff_user(org_unit=unit, full_name="Petra Planer", office_email="petra.planer@musterstadt.example")
    deputy = staff_user(org_unit=unit, full_name="Paul Planer", office_email="paul.planer@musterstadt.example")
    process = ProcessFactory(plan=plan, title="Ideen für den Marktplatz", lead_contact=lead, deputy=deputy)
    concept = ConceptFactory(process=process, decision_maker="Ortsrat Altstadt", decision_where="Sitzung des Ortsrats")
    GoalFactory(concept=concept)
    PhaseFactory(process=process)
    ConceptVersion.objects.create(concept=concept, number=1, author=lead, org_unit=unit, snapshot={})
    event = EventFactory(
        title="Marktplatz-Werkstatt",
        org_unit=unit,
        process=process,
        place_name="Rathaus Musterstadt, Ratssaal",
        address="Am Markt 1, 99999 Musterstadt",
    )
    return {"plan": plan, "process": process, "event": event}


def test_musterstadt_on_an_empty_database_runs_the_public_pages_without_a_trace_of_hannover(musterstadt, client):
    assert master_data()["districts"][0][:3] == (1, "Altstadt", "altstadt")
    assert District.objects.get(number=2).contains(51.05, 10.10)
    assert list(FieldOfAction.objects.values_list("slug", flat=True)) == ["wohnen", "mobilitaet", "gruen"]
    assert Quarter.objects.get(slug="am-hafen").district.number == 3
    content = musterstadt_content()
    plan, process, event = content["plan"], content["process"], content["event"]
    pages = {
        "plan list": reverse("plans:list"),
        "plan list, filtered": reverse("plans:list") + f"?bezirk={plan.districts.get().slug}",
        "plan map": reverse("plans:map"),
        "plan map data": reverse("plans:map_data"),
        "plan feed": reverse("plans:feed"),
        "plan page": reverse("plans:detail", args=[plan.pk]),
        "process page": reverse("processes:detail", args=[process.pk]),
        "concept": reverse("processes:concept", args=[process.pk]),
        "events": reverse("events:list"),
        "event": reverse("events:detail", args=[event.pk]),
        "calendar": reverse("events:all_ics"),
        "login": reverse("accounts:login"),
        "registration": reverse("accounts:register"),
        **{
            f"page {slug}": reverse("core:page", args=[slug])
            for slug in ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache")
        },
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.content.decode()
        assert "hannover" not in text.lower(), f"{name}: {url}"
        if name not in ("plan map data", "plan feed"):  # neither names the city (the feed: "Vorhaben der Stadt")
            assert "Musterstadt" in text, f"{name}: {url}"
    html = client.get(reverse("plans:list")).content.decode()
    assert "Stadt Musterstadt" in html and "Mitreden in Musterstadt" in html
    assert f'src="{musterstadt.logo.url}"' in html
    map_page = client.get(reverse("plans:map")).content.decode()
    assert '"bounds": [51.0, 10.0, 51.1, 10.2]' in map_page
    data = client.get(reverse("plans:map_data")).json()
    assert [f["properties"]["title"] for f in data["features"]] == ["Neugestaltung des Marktplatzes"]
    # map points are checked against Musterstadt's bounds, not Hannover's
    assert in_city(51.05, 10.03)
    assert not in_city(52.3744, 9.7386)

"""The district information system (issue 12, item 3): the CSV import (command and staff upload), the page's
charts and tables, the CSV download."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.districts.models import Indicator, IndicatorValue
from stadtdialog.organisation.models import District
from tests.factories import staff_user

from .factories import GOOD_CSV, linden, manager_of

pytestmark = pytest.mark.django_db

BAD_CSV = """bezirk;stadtteil;kennzahl;bezeichnung;jahr;wert;einheit;quelle
10;;einwohner;Einwohner*innen;2024;46102;Personen;Statistikstelle
99;;einwohner;Einwohner*innen;2024;100;Personen;Statistikstelle
10;Linden-Nord;einwohner;Einwohner*innen;24;17385;Personen;Statistikstelle
1;Linden-Nord;einwohner;Einwohner*innen;2024;17385;Personen;Statistikstelle
10;;neu;;2024;viel;;
10;;einwohner;Einwohner*innen;2024;46103;Personen;Statistikstelle
"""


def _write(tmp_path, text, name="werte.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_command_refuses_a_file_with_bad_rows_names_each_line_and_imports_nothing(tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("import_indicators", _write(tmp_path, BAD_CSV))
    message = str(refused.value)
    assert "Zeile 3" in message and "99" in message
    assert "Zeile 4" in message and "Jahr" in message
    assert "Zeile 5" in message and "Linden-Nord" in message
    assert "Zeile 6" in message and "keine Zahl" in message and "Einheit" in message
    assert "Zeile 7" in message and "Zeile 2" in message  # the same value twice
    assert "Zeile 2:" not in message
    assert not IndicatorValue.objects.exists()
    assert not Indicator.objects.exists()


def test_the_command_imports_a_good_file_and_replaces_values_on_a_second_run(tmp_path, capsys):
    call_command("import_indicators", _write(tmp_path, GOOD_CSV))
    assert "6" in capsys.readouterr().out
    assert IndicatorValue.objects.count() == 6
    population = Indicator.objects.get(code="einwohner")
    assert population.unit == "Personen"
    call_command("import_indicators", _write(tmp_path, GOOD_CSV.replace("46102", "46200"), "zwei.csv"))
    assert IndicatorValue.objects.count() == 6
    assert IndicatorValue.objects.get(indicator=population, district=linden(), year=2024).value == 46200
    assert AuditEntry.objects.filter(action="indicator.import").count() == 4


def test_the_command_names_a_missing_file_and_missing_columns(tmp_path):
    with pytest.raises(CommandError, match="gibt es nicht|keine Datei"):
        call_command("import_indicators", str(tmp_path / "fehlt.csv"))
    with pytest.raises(CommandError, match="Zeile 1"):
        call_command("import_indicators", _write(tmp_path, "bezirk,jahr\n10,2024\n"))


def test_a_good_file_shows_on_the_page_in_the_chart_table_and_in_the_csv(client, tmp_path):
    call_command("import_indicators", _write(tmp_path, GOOD_CSV))
    html = client.get(reverse("districts:detail", args=["linden-limmer"])).content.decode()
    assert "Einwohner*innen" in html and "Arbeitslosenquote" in html
    assert "46.102" in html and "548.186" in html  # the district's and the city's value in the table
    assert "17.385" in html  # the quarter's value
    assert "9,4" in html and "7,9" in html
    assert "<svg" in html and 'role="img"' in html and "chart-bar--city" in html  # the share compares with the city
    response = client.get(reverse("districts:indicators_csv", args=["linden-limmer"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Linden-Limmer", "einwohner", "Einwohner*innen", "2024", "46102,00", "Personen", "Statistikstelle"] in rows
    assert any(row[0] == "Linden-Nord" and row[4] == "17385,00" for row in rows)
    assert any(row[0] == "Gesamtstädtisch" and row[1] == "arbeitslosenquote" for row in rows)


def test_the_staff_upload_of_a_district_takes_only_its_own_rows(client):
    district = linden()
    client.force_login(manager_of(district))
    url = reverse("districts:staff_district_import", args=[district.slug])
    response = client.post(url, {"file": SimpleUploadedFile("werte.csv", GOOD_CSV.encode())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zeile 5" in html and "Zeile 7" in html  # the city's values are not this district's
    assert not IndicatorValue.objects.exists()
    own = "\n".join(line for line in GOOD_CSV.splitlines() if line.startswith(("bezirk", "10")))
    response = client.post(url, {"file": SimpleUploadedFile("werte.csv", own.encode())})
    assert response.status_code == 302
    assert IndicatorValue.objects.count() == 4


def test_the_city_wide_upload_is_for_admins_and_the_coordination_office(client):
    url = reverse("districts:staff_indicator_import")
    client.force_login(manager_of(linden()))
    assert client.get(url).status_code == 403
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    response = client.post(url, {"file": SimpleUploadedFile("werte.csv", GOOD_CSV.encode("utf-8-sig"))})
    assert response.status_code == 302
    assert IndicatorValue.objects.count() == 6


def test_a_file_that_is_not_utf8_is_refused_in_german(client):
    client.force_login(staff_user(kind=Role.Kind.ADMIN))
    response = client.post(
        reverse("districts:staff_indicator_import"),
        {
            "file": SimpleUploadedFile(
                "werte.csv", "bezirk;stadtteil;kennzahl;jahr;wert;einheit\n10;;ä;2024;1;%".encode("latin-1")
            )
        },
    )
    assert "UTF-8" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_page_without_values_has_no_figures_section(client):
    html = client.get(reverse("districts:detail", args=[District.objects.get(number=1).slug])).content.decode()
    assert 'id="indicators-heading"' not in html

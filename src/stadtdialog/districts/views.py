"""Public pages of the district management: the district list, a district's page, its indicators as CSV, the
directory of contact points and its booklet as PDF (the concerns have views_concerns.py)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from stadtdialog.core.csv import safe_writer
from stadtdialog.core.forms import parse_query
from stadtdialog.core.pdf import render_pdf
from stadtdialog.organisation.maps import map_config
from stadtdialog.organisation.models import District

from . import queries
from .forms import DirectoryQuery


def district_list(request):
    rows = queries.district_list()
    features = queries.map_features(rows)
    config = map_config(features={"type": "FeatureCollection", "features": features}) if features else None
    return render(request, "districts/list.html", {"districts": rows, "map_config": config})


def district_detail(request, slug):
    district = queries.district_for_page(slug)
    page = queries.district_page(district)
    profile = getattr(district, "profile", None)
    council = getattr(district, "council", None)
    return render(
        request,
        "districts/detail.html",
        {"district": district, "profile": profile, "council": council, **page},
    )


def indicators_csv(request, slug):
    district = queries.district_for_page(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kennzahlen-{district.slug}.csv"'
    response.write("\ufeff")
    writer = safe_writer(response, delimiter=";")
    writer.writerow([_("Area"), _("Indicator code"), _("Indicator"), _("Year"), _("Value"), _("Unit"), _("Source")])
    for value in queries.indicator_rows(district).iterator(chunk_size=500):
        area = value.quarter.name if value.quarter else (value.district.name if value.district else _("Whole city"))
        writer.writerow(
            [
                area,
                value.indicator.code,
                value.indicator.name,
                value.year,
                str(value.value).replace(".", ","),
                value.indicator.unit,
                value.source,
            ]
        )
    return response


def _directory_district(slug: str | None) -> District | None:
    return District.objects.filter(slug=slug).first() if slug else None


def directory(request):
    """The directory of Lotsen, Kümmerer and information points: city-wide, per district, by topic; with the
    easy-language version of each entry."""
    query = parse_query(request.GET, DirectoryQuery)
    district = _directory_district(query.get("bezirk"))
    topic = query.get("thema") or ""
    points = list(queries.published_contact_points(district=district, topic=topic))
    return render(
        request,
        "districts/directory.html",
        {
            "groups": queries.directory_groups(points),
            "district": district,
            "topic": topic,
            "easy": query.get("sprache") == "leicht",
            "districts": District.objects.order_by("number").only("number", "name", "slug"),
            "topics": queries.topics_of(queries.published_contact_points(district=district)),
            "count": len(points),
        },
    )


def directory_pdf(request, slug):
    """The printed booklet of a district's directory (and the city-wide entries), with the easy-language texts."""
    district = queries.district_for_page(slug)
    points = list(queries.published_contact_points(district=district))
    pdf = render_pdf(
        "districts/directory_pdf.html",
        {"district": district, "groups": queries.directory_groups(points)},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="anlaufstellen-{district.slug}.pdf"'
    return response

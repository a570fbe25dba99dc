"""Public pages of residents' concerns: the form, the thank-you page, the private status page (with the photo and
the deletion of the personal data) and the list of published anonymised summaries."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from stadtdialog.core.forms import add_service_errors, parse_query
from stadtdialog.organisation.models import District

from . import queries_concerns as queries
from . import services_concerns as services
from .forms_concerns import ConcernCreateQuery, ConcernForm, PageQuery


def _initial(request) -> dict:
    initial = {}
    slug = parse_query(request.GET, ConcernCreateQuery).get("bezirk")
    if slug:
        district = District.objects.filter(slug=slug).first()
        if district is not None:
            initial["district"] = district.pk
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    return initial


@require_http_methods(["GET", "POST"])
def concern_create(request):
    form = ConcernForm(
        request.POST or None,
        request.FILES or None,
        initial=_initial(request),
        antibot=not request.user.is_authenticated,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_concern(request.user, **form.service_data(), base_url=request.build_absolute_uri("/"))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("districts:concern_thanks")
    return render(
        request,
        "districts/concerns/form.html",
        {"form": form, "categories": list(queries.active_categories())},
        status=400 if request.method == "POST" else 200,
    )


def concern_thanks(request):
    return render(request, "districts/concerns/thanks.html")


def _concern_or_404(token):
    concern = services.concern_for_token(token)
    if concern is None:
        raise Http404
    return concern


def concern_status(request, token):
    """The private status page: status, overdue mark, steps and updates, the referral; never internal notes."""
    concern = services.confirm_by_link(_concern_or_404(token))
    response = render(
        request,
        "districts/concerns/status.html",
        {"concern": concern, "token": token, **queries.concern_for_resident(concern)},
    )
    response["Referrer-Policy"] = "no-referrer"  # the link is the key: never hand it to another site
    response["X-Robots-Tag"] = "noindex"
    return response


def concern_status_photo(request, token):
    concern = _concern_or_404(token)
    if not concern.photo:
        raise Http404
    return _photo_response(concern)


def _photo_response(concern) -> HttpResponse:
    name = concern.photo.name
    content_type = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}.get(name.rsplit(".", 1)[-1])
    if content_type is None:
        raise Http404
    with concern.photo.storage.open(name, "rb") as handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def concern_delete(request, token):
    """The resident deletes their personal data (confirm page, then POST)."""
    concern = _concern_or_404(token)
    if request.method == "POST":
        services.delete_by_resident(token)
        messages.success(request, _("Your personal data of this concern has been deleted."))
        return redirect("districts:concern_deleted")
    response = render(request, "districts/concerns/delete.html", {"concern": concern, "token": token})
    response["Referrer-Policy"] = "no-referrer"
    return response


def concern_deleted(request):
    return render(request, "districts/concerns/deleted.html")


def published_list(request):
    page = Paginator(queries.published(), 30).get_page(parse_query(request.GET, PageQuery).get("page"))
    return render(
        request,
        "districts/concerns/published.html",
        {"page_obj": page, "page_range": page.paginator.get_elided_page_range(page.number)},
    )

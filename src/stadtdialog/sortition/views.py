"""Public pages of the sortition under /losverfahren/: overview, sign-up, published lottery, check.

Only pseudonyms are shown here; names and contact details stay on the staff pages.
"""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from . import queries
from .forms import SignUpForm, VerifyForm
from .models import Sortition
from .services.register import sign_up
from .services.selection import check_draw


def public_detail(request, pk):
    sortition = queries.public_sortition(pk)
    context = {
        "sortition": sortition,
        "lottery": getattr(sortition, "lottery", None),
        "draw": getattr(sortition, "draw", None),
        "replacements": queries.replacements(sortition),
    }
    return render(request, "sortition/public_detail.html", context)


def signup(request, pk):
    sortition = queries.public_sortition(pk)
    if sortition.state != Sortition.State.SIGNUP_OPEN:
        return render(request, "sortition/signup_closed.html", {"sortition": sortition}, status=410)
    features = queries.features_with_values(sortition)
    form = SignUpForm(request.POST or None, features=features, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            respondent = sign_up(sortition, data["code"], form.answers(), email=data["email"], phone=data["phone"])
        except ValidationError as error:
            form.add_error("code" if error.code in ("code", "household") else None, error)
        else:
            request.session[f"sortition-{pk}-pseudonym"] = respondent.pseudonym
            return redirect("sortition:signup_done", pk=pk)
    return render(request, "sortition/signup.html", {"sortition": sortition, "form": form})


def signup_done(request, pk):
    sortition = queries.public_sortition(pk)
    pseudonym = request.session.get(f"sortition-{pk}-pseudonym")
    return render(request, "sortition/signup_done.html", {"sortition": sortition, "pseudonym": pseudonym})


def lottery_json(request, pk):
    sortition = queries.public_sortition(pk)
    lottery = getattr(sortition, "lottery", None)
    if lottery is None:
        raise Http404
    response = HttpResponse(lottery.document, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="losverfahren-{pk}-lotterie.json"'
    return response


def verify(request, pk):
    sortition = queries.public_sortition(pk)
    lottery = getattr(sortition, "lottery", None)
    draw = getattr(sortition, "draw", None)
    initial = {"public_number": draw.public_number} if draw else {}
    form = VerifyForm(request.GET or None, initial=initial)
    result = None
    if form.is_valid() and (lottery or form.cleaned_data["document"]):
        document = form.cleaned_data["document"] or lottery.document
        try:
            result = check_draw(document, form.cleaned_data["public_number"], lottery, draw)
        except ValidationError as error:
            form.add_error(None, error)
    context = {"sortition": sortition, "lottery": lottery, "draw": draw, "form": form, "result": result}
    return render(request, "sortition/verify.html", context)

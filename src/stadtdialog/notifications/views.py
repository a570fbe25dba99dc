"""Follow and unfollow (POST forms), the settings page, and the one-click unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from stadtdialog.core.forms import parse_query

from . import queries, services, targets
from .forms import FollowTarget, SettingForm


def _back(request, fallback="notifications:settings"):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _target(request):
    model = targets.MODELS.get(request.POST.get("type", ""))
    object_id = parse_query(request.POST, FollowTarget).get("id")
    if model is None or not object_id:
        raise Http404
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        raise Http404
    return obj


@login_required
@require_POST
def follow(request):
    obj = _target(request)
    try:
        if request.POST.get("action") == "unfollow":
            services.unfollow(request.user, obj)
            messages.success(request, _("You no longer follow “%(name)s”.") % {"name": obj})
        else:
            services.follow(request.user, obj)
            messages.success(
                request, _("You now follow “%(name)s”. We tell you by e-mail when something happens.") % {"name": obj}
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    setting = services.setting_for(request.user)
    form = SettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        services.update_setting(request.user, form.cleaned_data)
        messages.success(request, _("Your notification settings have been saved."))
        return redirect("notifications:settings")
    follows = queries.follows_of(request.user)
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "follows": follows,
            "places": queries.places_to_follow(request.user, follows),
            "email_verified": request.user.email_verified,
        },
    )


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without a form of ours
@require_http_methods(["GET", "POST"])
def unsubscribe(request, code):
    """GET shows what the link does and a button; POST (the button or a mail program) unsubscribes. No login."""
    found = services.read_unsubscribe_code(code)
    if found is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    user, scope = found
    if request.method == "POST":
        done = services.unsubscribe(user, scope)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse(_("You have been unsubscribed."), content_type="text/plain; charset=utf-8")
        return render(request, "notifications/unsubscribe_done.html", {"done": done})
    follow_target = None
    if scope.isdigit():
        rows = [row for row in queries.follows_of(user) if row["follow"].pk == int(scope)]
        follow_target = rows[0]["object"] if rows else None
    return render(request, "notifications/unsubscribe_confirm.html", {"scope": scope, "target": follow_target})

"""Accounts pages: login, registration and e-mail confirmation, password reset, the start page after
login, and the residents' own profile, data export and deletion."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from stadtdialog.core.forms import run_service

from . import oidc, queries, services
from .forms import DeleteAccountForm, LoginForm, ProfileForm, RegistrationForm, ResetRequestForm, ResetSetPasswordForm
from .models import User
from .personal_data import profile_sections


class LoginView(auth_views.LoginView):
    """Password login for residents (and staff, unless STAFF_LOCAL_LOGIN=0); with single sign-on configured, the
    button "Log in with your work account" beside it."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=settings.OIDC_ENABLED, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Logout; after a sign-on with the work account also at the provider, when it has an end_session_endpoint."""

    def post(self, request, *args, **kwargs):
        at_provider = oidc.provider_logout_url(request)  # needs the session's ID token, so before the logout
        response = super().post(request, *args, **kwargs)
        if at_provider != resolve_url(settings.LOGOUT_REDIRECT_URL):
            return HttpResponseRedirect(at_provider)
        return response


def register(request):
    """A known address gets the same page as a new one (the service mails its owner instead)."""
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.register_resident(
            email=data["email"],
            display_name=data["display_name"],
            password=data["password"],
            base_url=request.build_absolute_uri("/"),
        )
        return render(request, "accounts/register_done.html", {"email": data["email"]})
    return render(request, "accounts/register.html", {"form": form})


def verify(request, uidb64, token):
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is not None and services.verify_email(user, token):
        messages.success(request, _("Thank you, your e-mail address is confirmed. You can log in now."))
        return redirect("accounts:login")
    return render(request, "accounts/verify_failed.html", status=400)


@login_required
def home(request):
    """The account page `/konto/`: what the user wrote, supports, follows, registered for and submitted (the
    sections of the apps above, personal_data.register_profile_section), and what staff can work on."""
    sections = [{"template": s.template, **s.context(request.user)} for s in profile_sections()]
    return render(request, "accounts/home.html", {**queries.home_context(request.user), "sections": sections})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ResetSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _optional_url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_required
def profile(request):
    """The resident's display name and the ways to take data along or leave (the lists are on `/konto/`)."""
    user = request.user
    form = ProfileForm(request.POST or None, initial={"display_name": user.display_name})
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.update_display_name(user, **form.cleaned_data),
        _("Your display name has been saved."),
    ):
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "notifications_url": _optional_url("notifications:settings"),
        },
    )


@login_required
@require_GET
def export(request):
    """All own data as a JSON file."""
    data = services.export_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="stadtdialog-meine-daten.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete(request):
    """Delete the own account after confirming with the password."""
    form = DeleteAccountForm(request.POST or None)
    user = request.user
    if request.method == "POST" and run_service(
        request,
        form,
        lambda: services.delete_account(user, password=form.cleaned_data["password"]),
        _("Your account has been deleted. Your contributions stay, shown as from a deleted account."),
    ):
        logout(request)
        return redirect("plans:list")
    return render(request, "accounts/delete.html", {"form": form, "is_staff_account": request.user.is_staff_member})

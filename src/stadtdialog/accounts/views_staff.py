"""Staff pages of the accounts app (verwaltung/mitarbeitende/): the staff list with its CSV export, inviting
staff, a person's roles (grant, change, revoke), deactivating and reactivating accounts, the invitation's
re-sending and withdrawal; and the page behind the invitation link (konto/einladung/<token>/), where the
invited person sets their password."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from stadtdialog.core.confirm import Refusal, confirm_and_run
from stadtdialog.core.csv import safe_writer
from stadtdialog.core.forms import add_service_errors, run_service
from stadtdialog.core.rules import require

from . import queries, services
from .forms import AcceptInvitationForm, InviteStaffForm, RoleForm, StaffFilterForm
from .models import Role, StaffInvitation

BREADCRUMBS = "accounts/_staff_breadcrumbs.html"
PAGE_SIZE = 50


@dataclass(frozen=True)
class _Titled:
    """What the shared confirm page shows as the object: a person's name."""

    title: str


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


# -- the list ---------------------------------------------------------------------------------------------


@login_required
def staff_list(request):
    require(request.user, "accounts.manage_staff")
    form = StaffFilterForm(request.GET or None, user=request.user)
    members = queries.staff_members(request.user, **form.criteria())
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "accounts/staff_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_invite": request.user.has_perm("accounts.invite_staff"),
        },
    )


CSV_COLUMNS = [
    gettext_lazy("Name"),
    gettext_lazy("Office e-mail"),
    gettext_lazy("Unit"),
    gettext_lazy("Roles"),
    gettext_lazy("Active"),
    gettext_lazy("Last login"),
]


def _csv_rows(members):
    yes, no, invited = _("yes"), _("no"), _("invited")
    yield "\ufeff"
    writer = safe_writer(delimiter=";")
    yield writer.writerow([str(label) for label in CSV_COLUMNS])
    for member in members:
        yield writer.writerow(
            [
                member.full_name or member.display_name,
                member.office_email or member.email,
                str(member.org_unit) if member.org_unit else "",
                ", ".join(str(role) for role in member.roles),
                invited if member.invited else (yes if member.is_active else no),
                date_format(timezone.localtime(member.last_login), "d.m.Y H:i") if member.last_login else "",
            ]
        )


@login_required
def staff_csv(request):
    """The filtered staff list for spreadsheet programs: UTF-8 with BOM, semicolons, German headers."""
    require(request.user, "accounts.manage_staff")
    form = StaffFilterForm(request.GET or None, user=request.user)
    members = queries.staff_members(request.user, **form.criteria())
    response = StreamingHttpResponse(_csv_rows(members), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mitarbeitende-{timezone.localdate():%Y-%m-%d}.csv"'
    return response


# -- inviting ---------------------------------------------------------------------------------------------


@login_required
def staff_invite(request):
    require(request.user, "accounts.invite_staff")
    form = InviteStaffForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invite_staff(request.user, **form.service_data(), base_url=_base_url(request))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if result.invitation is not None:
                messages.success(
                    request,
                    _("The invitation has been sent to %(email)s. The link works for %(days)s days.")
                    % {"email": result.user.email, "days": settings.STAFF_INVITATION_DAYS},
                )
            elif result.roles_added:
                messages.success(
                    request,
                    _(
                        "%(email)s has an account already: the roles were added to it, "
                        "and the person was told by e-mail."
                    )
                    % {"email": result.user.email},
                )
            else:
                messages.info(
                    request,
                    _("%(email)s has an account with these roles already; nothing was changed.")
                    % {"email": result.user.email},
                )
            return redirect("accounts:staff_detail", pk=result.user.pk)
    return render(
        request, "accounts/staff_invite.html", {"form": form, "invitation_days": settings.STAFF_INVITATION_DAYS}
    )


# -- a person ---------------------------------------------------------------------------------------------


def _member_for(request, pk, permission="accounts.view_staff_member"):
    member = queries.staff_member(pk)
    require(request.user, permission, member)
    return member


@login_required
def staff_detail(request, pk):
    member = _member_for(request, pk)
    user = request.user
    roles = [
        {
            "role": role,
            "may_change": user.has_perm("accounts.grant_role", role),
        }
        for role in member.roles
    ]
    open_invitation = next((i for i in member.invitations if i.is_open), None)
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "member": member,
            "roles": roles,
            "invitation": open_invitation,
            "last_invitation": member.invitations[0] if member.invitations else None,
            "may_add_role": user.has_perm("accounts.change_staff_member", member),
            "may_manage_invitation": open_invitation is not None
            and user.has_perm("accounts.manage_invitation", open_invitation),
            "may_deactivate": user.has_perm("accounts.deactivate_staff", member) and member.pk != user.pk,
        },
    )


@login_required
def staff_role_add(request, pk):
    member = _member_for(request, pk, "accounts.change_staff_member")
    form = RoleForm(request.POST or None, user=request.user)
    if run_service(
        request,
        form,
        lambda: services.grant_role(request.user, member, **form.service_data()),
        _("The role has been added. It takes effect at the person's next page view."),
    ):
        return redirect("accounts:staff_detail", pk=member.pk)
    return render(request, "accounts/staff_role_form.html", {"form": form, "member": member, "role": None})


def _role_for(request, pk, role_pk):
    role = get_object_or_404(Role.objects.select_related("user", "org_unit", "district"), pk=role_pk, user_id=pk)
    require(request.user, "accounts.view_staff_member", role.user)
    require(request.user, "accounts.grant_role", role)
    return role


@login_required
def staff_role_edit(request, pk, role_pk):
    role = _role_for(request, pk, role_pk)
    initial = {"kind": role.kind, "org_unit": role.org_unit, "district": role.district}
    form = RoleForm(request.POST or None, user=request.user, initial=initial, version_of=role)
    if run_service(
        request,
        form,
        lambda: services.change_role(request.user, role, version=form.version, **form.service_data()),
        _("The role has been changed. It takes effect at the person's next page view."),
    ):
        return redirect("accounts:staff_detail", pk=role.user_id)
    return render(request, "accounts/staff_role_form.html", {"form": form, "member": role.user, "role": role})


def _confirm(request, member, **kwargs):
    back = reverse("accounts:staff_detail", args=[member.pk])
    return confirm_and_run(
        request,
        obj=_Titled(str(member)),
        back_url=back,
        breadcrumbs=BREADCRUMBS,
        context={"member": member},
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_role_revoke(request, pk, role_pk):
    role = _role_for(request, pk, role_pk)
    return _confirm(
        request,
        role.user,
        service=lambda: services.revoke_role(request.user, role),
        title=_("Revoke role"),
        question=_("%(name)s loses the role “%(role)s” at their next page view.") % {"name": role.user, "role": role},
        button=_("Revoke"),
        done_message=_("The role has been revoked."),
        refusal=Refusal(title=_("The role cannot be revoked")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_deactivate(request, pk):
    member = _member_for(request, pk, "accounts.deactivate_staff")
    return _confirm(
        request,
        member,
        service=lambda: services.deactivate_user(request.user, member),
        title=_("Deactivate account"),
        question=_(
            "%(name)s can no longer log in; if they are logged in now, their next page view ends the session. "
            "Roles and history stay, and the account can be reactivated."
        )
        % {"name": member},
        button=_("Deactivate"),
        done_message=_("The account has been deactivated."),
        refusal=Refusal(title=_("The account cannot be deactivated")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_reactivate(request, pk):
    member = _member_for(request, pk, "accounts.deactivate_staff")
    return _confirm(
        request,
        member,
        service=lambda: services.reactivate_user(request.user, member),
        title=_("Reactivate account"),
        question=_("%(name)s can log in again with their password and roles.") % {"name": member},
        button=_("Reactivate"),
        done_message=_("The account is active again."),
        refusal=Refusal(title=_("The account cannot be reactivated")),
    )


def _invitation_for(request, invitation_pk):
    invitation = get_object_or_404(StaffInvitation.objects.select_related("user"), pk=invitation_pk)
    require(request.user, "accounts.manage_invitation", invitation)
    return invitation


@login_required
@require_http_methods(["GET", "POST"])
def staff_invitation_resend(request, invitation_pk):
    invitation = _invitation_for(request, invitation_pk)
    return _confirm(
        request,
        invitation.user,
        service=lambda: services.resend_invitation(request.user, invitation, base_url=_base_url(request)),
        title=_("Send the invitation again"),
        question=_("%(email)s gets a new link, valid for %(days)s days. The link sent before stops working.")
        % {"email": invitation.user.email, "days": settings.STAFF_INVITATION_DAYS},
        button=_("Send again"),
        done_message=_("The invitation has been sent again."),
        refusal=Refusal(title=_("The invitation cannot be sent again")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_invitation_withdraw(request, invitation_pk):
    invitation = _invitation_for(request, invitation_pk)
    return _confirm(
        request,
        invitation.user,
        service=lambda: services.withdraw_invitation(request.user, invitation),
        title=_("Withdraw the invitation"),
        question=_("The link sent to %(email)s stops working. The account stays inactive.")
        % {"email": invitation.user.email},
        button=_("Withdraw"),
        done_message=_("The invitation has been withdrawn."),
        refusal=Refusal(title=_("The invitation cannot be withdrawn")),
    )


# -- the invitation link (public: the invited person is not logged in yet) -------------------------------


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = queries.invitation_for_token(token)
    state = _invitation_state(invitation)
    if state != "open":
        return render(request, "accounts/staff_invitation_invalid.html", {"state": state}, status=410)
    user = invitation.user
    form = AcceptInvitationForm(user, request.POST or None, initial={"display_name": user.full_name[:60]})
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(
                token, display_name=form.cleaned_data["display_name"], password=form.cleaned_data["new_password1"]
            )
        except ValidationError as error:
            return render(
                request, "accounts/staff_invitation_invalid.html", {"state": error.error_list[0].code}, status=410
            )
        messages.success(request, _("Your account is ready. Please log in with your e-mail address and password."))
        return redirect("accounts:login")
    return render(request, "accounts/staff_invitation_accept.html", {"form": form, "invited": user})


def _invitation_state(invitation) -> str:
    if invitation is None or invitation.withdrawn_at is not None:
        return "invalid"
    if invitation.used_at is not None:
        return "used"
    if invitation.is_expired:
        return "expired"
    return "open"

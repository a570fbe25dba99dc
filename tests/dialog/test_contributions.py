"""Contributions through the services: who may submit, what is checked, the phase dates, on-site input."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from stadtdialog.accounts.models import Role
from stadtdialog.core.models import AuditEntry
from stadtdialog.dialog import services, signals
from stadtdialog.dialog.forms import CommentForm, ContributionForm, OnSiteContributionForm
from stadtdialog.dialog.images import checked_image
from stadtdialog.dialog.models import Comment, Contribution, Support
from stadtdialog.organisation.models import Quarter
from stadtdialog.processes.models import Phase
from tests.dialog.dialog_factories import (
    CommentFactory,
    ContributionFactory,
    contribution_data,
    image_file,
    moved_clock,
    not_an_image,
    open_process,
)
from tests.factories import PhaseFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return open_process()


@pytest.fixture
def resident():
    return UserFactory(display_name="Kastanie")


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_resident_submits_a_contribution_with_a_point(process, resident, django_capture_on_commit_callbacks):
    received = []
    signals.contribution_created.connect(
        lambda sender, contribution, **kw: received.append(contribution), weak=False, dispatch_uid="test-created"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            contribution = services.submit_contribution(resident, process, **contribution_data())
    finally:
        signals.contribution_created.disconnect(dispatch_uid="test-created")
    contribution.refresh_from_db()
    assert contribution.author == resident
    assert contribution.source == Contribution.Source.ONLINE
    assert str(contribution.latitude) == "52.368000"
    assert str(contribution.longitude) == "9.710000"
    assert contribution.phase == process.phases.get()
    assert received == [contribution]
    entry = AuditEntry.objects.get(action="dialog.contribution.create")
    assert entry.actor == resident
    assert entry.changes["title"] == [None, "Trinkbrunnen am Küchengarten"]


def test_a_chosen_quarter_is_kept(process, resident):
    linden = Quarter.objects.get(name="Linden-Mitte")
    contribution = services.submit_contribution(
        resident, process, **contribution_data(quarter=linden, latitude=None, longitude=None)
    )
    assert contribution.quarter == linden
    assert contribution.latitude is None


def test_the_quarter_of_the_point_is_found_when_boundaries_are_imported(process, resident):
    linden = Quarter.objects.get(name="Linden-Mitte")
    square = {
        "type": "Polygon",
        "coordinates": [[[9.70, 52.36], [9.72, 52.36], [9.72, 52.38], [9.70, 52.38], [9.70, 52.36]]],
    }
    linden.boundary = square
    linden.save()
    linden.district.boundary = square
    linden.district.save()
    contribution = services.submit_contribution(resident, process, **contribution_data())
    assert contribution.quarter == linden
    # with boundaries imported, a point inside the bounding box but outside every district is refused
    with pytest.raises(ValidationError) as error:
        services.submit_contribution(
            resident, process, **contribution_data(latitude=Decimal("52.44"), longitude=Decimal("9.90"))
        )
    assert "außerhalb der Stadt" in messages_of(error.value)


def form_data(**changes) -> dict:
    """What a resident types into the contribution form (as strings)."""
    data = {k: str(v) for k, v in contribution_data().items()}
    data.update(changes)
    return data


def form_files(image) -> dict:
    return {"image": image} if image is not None else {}


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"title": "   "}, "title", "Dieses Feld ist zwingend erforderlich."),
        ({"text": ""}, "text", "Dieses Feld ist zwingend erforderlich."),
        ({"text": "x" * 5001}, "text", "Höchstens 5000 Zeichen, Sie haben 5001 eingegeben."),
        ({"title": "T" * 121}, "title", "höchstens 120 Zeichen"),
        ({"kind": "rant"}, "kind", "Bitte eine gültige Auswahl treffen."),
        ({"latitude": "52.37", "longitude": ""}, "latitude", "oder keinen von beiden"),
        ({"latitude": "Norden"}, "latitude", "Zahl"),
    ],
)
def test_the_form_refuses_bad_input(changes, field, message):
    form = ContributionForm(form_data(**changes), antibot=False)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_the_form_gives_the_service_its_typed_fields():
    form = ContributionForm(form_data(title="  Trinkbrunnen   am\nKüchengarten ", latitude="52,368"), antibot=False)
    assert form.is_valid(), form.errors
    data = form.service_data()
    assert data["title"] == "Trinkbrunnen am Küchengarten"
    assert data["latitude"] == Decimal("52.368000")
    assert data["image"] is None


def test_a_point_outside_the_city_is_refused_and_nothing_is_saved(process, resident):
    with pytest.raises(ValidationError) as error:
        services.submit_contribution(
            resident, process, **contribution_data(latitude=Decimal("48.137"), longitude=Decimal("11.575"))
        )
    assert "außerhalb der Stadt" in " ".join(error.value.message_dict["latitude"])
    assert Contribution.objects.count() == 0
    assert AuditEntry.objects.filter(action__startswith="dialog.").count() == 0


def test_the_database_refuses_a_blank_title_or_text(process, resident):
    for field in ("title", "text"):
        with pytest.raises(IntegrityError), transaction.atomic():
            ContributionFactory(process=process, **{field: ""})
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentFactory(text="")


def test_a_file_that_is_not_an_image_is_refused(settings):
    form = ContributionForm(form_data(image_alt="Foto"), form_files(not_an_image()), antibot=False)
    assert not form.is_valid()
    assert "kein Bild" in " ".join(form.errors["image"])
    assert not (settings.MEDIA_ROOT / "contributions").exists()


def test_an_image_needs_a_description():
    form = ContributionForm(form_data(), form_files(image_file()), antibot=False)
    assert not form.is_valid()
    assert "was das Bild zeigt" in " ".join(form.errors["image_alt"])


def test_an_image_whose_name_lies_is_checked_by_content(process, resident):
    jpeg_named_png = image_file(fmt="JPEG", name="bild.png")
    contribution = services.submit_contribution(
        resident, process, **contribution_data(image_alt="Der leere Platz"), image=checked_image(jpeg_named_png)
    )
    assert contribution.image.name.endswith(".jpg")
    assert "bild" not in contribution.image.name
    assert contribution.image_alt == "Der leere Platz"


def test_a_truncated_image_is_refused(process, resident):
    good = image_file().read()
    broken = image_file()
    broken.file.seek(0)
    broken.file.truncate()
    broken.file.write(good[:30])
    broken.size = 30
    form = ContributionForm(form_data(image_alt="Foto"), form_files(broken), antibot=False)
    assert not form.is_valid()
    assert "image" in form.errors
    assert Contribution.objects.count() == 0


def test_an_image_over_5_mb_is_refused():
    big = image_file()
    big.size = 5 * 1024 * 1024 + 1
    form = ContributionForm(form_data(image_alt="Foto"), form_files(big), antibot=False)
    assert not form.is_valid()
    assert "5 MB" in " ".join(form.errors["image"])


def test_only_verified_active_accounts_take_part(process):
    unverified = UserFactory(email_verified=False)
    with pytest.raises(PermissionDenied):
        services.submit_contribution(unverified, process, **contribution_data())
    blocked = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.submit_contribution(blocked, process, **contribution_data())
    assert Contribution.objects.count() == 0


def test_a_contribution_after_the_phase_end_is_refused(process, resident):
    phase = process.phases.get()
    with moved_clock(days=(phase.end - datetime.date.today()).days + 1), pytest.raises(ValidationError) as error:
        services.submit_contribution(resident, process, **contribution_data())
    assert f"endete am {phase.end:%d.%m.%Y}" in messages_of(error.value)
    assert Contribution.objects.count() == 0
    # on the last day it is still open
    with moved_clock(days=(phase.end - datetime.date.today()).days):
        services.submit_contribution(resident, process, **contribution_data())
    assert Contribution.objects.count() == 1


def test_a_contribution_before_the_phase_start_says_when_it_opens(process, resident):
    phase = process.phases.get()
    with moved_clock(days=(phase.start - datetime.date.today()).days - 1), pytest.raises(ValidationError) as error:
        services.submit_contribution(resident, process, **contribution_data())
    assert f"startet am {phase.start:%d.%m.%Y}" in messages_of(error.value)


def test_only_online_dialog_phases_open_the_dialog(resident):
    process = open_process()
    process.phases.update(kind=Phase.Kind.ON_SITE, format=Phase.Format.WORKSHOP, channel=Phase.Channel.ON_SITE)
    with pytest.raises(ValidationError) as error:
        services.submit_contribution(resident, process, **contribution_data())
    assert "keinen Online-Dialog" in messages_of(error.value)
    PhaseFactory(
        process=process, kind=Phase.Kind.INFORMATION, format=Phase.Format.ONLINE_DIALOG, channel=Phase.Channel.BOTH
    )
    assert services.submit_contribution(resident, process, **contribution_data()).pk


def test_unpublished_processes_take_no_contributions(resident):
    process = open_process(published_at=None)
    with pytest.raises(PermissionDenied):
        services.submit_contribution(resident, process, **contribution_data())


def test_posting_is_rate_limited_per_account(process, resident):
    for n in range(10):
        services.submit_contribution(resident, process, **contribution_data(title=f"Idee {n}"))
    with pytest.raises(ValidationError) as error:
        services.submit_contribution(resident, process, **contribution_data(title="Idee 11"))
    assert "Bitte warten Sie" in messages_of(error.value)
    assert Contribution.objects.count() == 10
    # another account is not affected
    services.submit_contribution(UserFactory(), process, **contribution_data())


# --- on site


def test_staff_enter_a_contribution_collected_on_site(process):
    lead = process.lead_contact
    contribution = services.enter_onsite_contribution(
        lead, process, **contribution_data(source="postcard", source_note="Stadtteilfest Linden, 12. Mai")
    )
    assert contribution.author is None
    assert contribution.entered_by == lead
    assert contribution.source == "postcard"
    assert contribution.source_note == "Stadtteilfest Linden, 12. Mai"
    # on-site input may be entered after the dialog has closed
    with moved_clock(days=60):
        late = services.enter_onsite_contribution(lead, process, **contribution_data(source="workshop"))
    assert late.phase == process.phases.get()


def test_on_site_entry_needs_a_source_and_the_process_staff(process, resident):
    form = OnSiteContributionForm(form_data(source="online"), antibot=False)
    assert not form.is_valid()
    assert "source" in form.errors
    assert not OnSiteContributionForm(form_data(), antibot=False).is_valid()
    with pytest.raises(PermissionDenied):
        services.enter_onsite_contribution(resident, process, **contribution_data(source="postcard"))
    with pytest.raises(PermissionDenied):
        services.enter_onsite_contribution(
            staff_user(Role.Kind.DEPARTMENT), process, **contribution_data(source="postcard")
        )
    assert Contribution.objects.count() == 0


# --- comments


def test_comments_stay_one_level_deep(process, resident):
    contribution = ContributionFactory(process=process)
    top = services.add_comment(resident, contribution, "Das finde ich auch.")
    reply = services.add_comment(UserFactory(), contribution, "Ich nicht.", parent=top)
    reply_to_reply = services.add_comment(resident, contribution, "Warum nicht?", parent=reply)
    assert reply.parent == top
    assert reply_to_reply.parent == top
    contribution.refresh_from_db()
    assert contribution.comment_count == 3


def test_bad_comments_are_refused(process, resident):
    contribution = ContributionFactory(process=process)
    other = CommentFactory()
    blank = CommentForm({"text": "   "})
    assert not blank.is_valid()
    assert "Dieses Feld ist zwingend erforderlich." in blank.errors["text"]
    long = CommentForm({"text": "x" * 2001})
    assert not long.is_valid()
    assert "Höchstens 2000 Zeichen, Sie haben 2001 eingegeben." in long.errors["text"]
    with pytest.raises(ValidationError):
        services.add_comment(resident, contribution, "Antwort", parent=other)
    contribution.refresh_from_db()
    assert contribution.comment_count == 0
    assert Comment.objects.filter(contribution=contribution).count() == 0


def test_a_comment_after_the_phase_end_is_refused(process, resident):
    contribution = ContributionFactory(process=process)
    with moved_clock(days=30), pytest.raises(ValidationError):
        services.add_comment(resident, contribution, "Zu spät")
    assert contribution.comments.count() == 0


# --- support


def test_support_once_per_account_and_revocable(process, resident):
    contribution = ContributionFactory(process=process)
    services.support(resident, contribution)
    with pytest.raises(ValidationError) as error:
        services.support(resident, contribution)
    assert messages_of(error.value) == "Sie unterstützen diesen Beitrag bereits."
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    assert Support.objects.count() == 1
    services.support(UserFactory(), contribution)
    assert services.withdraw_support(resident, contribution) is True
    assert services.withdraw_support(resident, contribution) is False
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    assert list(AuditEntry.objects.filter(actor=resident).values_list("action", flat=True).order_by("id")) == [
        "dialog.support.add",
        "dialog.support.withdraw",
    ]


def test_the_database_backs_support_once(process, resident):
    contribution = ContributionFactory(process=process)
    Support.objects.create(contribution=contribution, user=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(contribution=contribution, user=resident)


def test_hidden_contributions_take_no_comments_or_support(process, resident):
    from django.utils import timezone

    contribution = ContributionFactory(process=process, hidden_at=timezone.now(), hidden_reason="Beleidigung")
    with pytest.raises(ValidationError):
        services.support(resident, contribution)
    with pytest.raises(ValidationError):
        services.add_comment(resident, contribution, "Hallo")


# --- the one predicate


def test_one_predicate_says_who_may_contribute_and_the_hint_names_what_is_missing(process, resident):
    from django.contrib.auth.models import AnonymousUser

    from stadtdialog.dialog.rules import participation_hint

    assert resident.has_perm("dialog.contribute", process)
    assert participation_hint(resident, process) == ""
    assert participation_hint(AnonymousUser(), process) == "login"
    unverified = UserFactory(email_verified=False)
    assert not unverified.has_perm("dialog.contribute", process)
    assert participation_hint(unverified, process) == "confirm"
    with moved_clock(days=60):
        assert not resident.has_perm("dialog.contribute", process)
        assert participation_hint(resident, process) == "closed"
    unpublished = open_process(published_at=None)
    assert not resident.has_perm("dialog.contribute", unpublished)
    assert participation_hint(resident, unpublished) == "not_public"

"""Milestones (dates in order, progress 0-100, parents whose progress follows their parts), updates with
photos, and the overdue flag on the plan page and in the staff overview."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from stadtdialog.accounts.models import Role
from stadtdialog.outcomes import queries
from stadtdialog.outcomes.forms import MilestoneForm, UpdateForm
from stadtdialog.outcomes.models import Milestone
from stadtdialog.outcomes.services import implementation as services
from tests.factories import OrgUnitFactory, UserFactory, published_process, staff_user
from tests.images import png_with_text
from tests.pdf import one_page_pdf

from .factories import MilestoneFactory, milestone_data

pytestmark = pytest.mark.django_db

PNG = png_with_text().read()


def milestone_form(process, **changes) -> MilestoneForm:
    data = {"description": "", "weight": "", **milestone_data(**changes)}
    return MilestoneForm({name: "" if value is None else value for name, value in data.items()}, process=process)


def test_a_milestone_that_ends_before_it_starts_is_refused():
    process = published_process()
    form = milestone_form(process, planned_start=datetime.date(2027, 6, 1), planned_end=datetime.date(2027, 5, 31))
    assert not form.is_valid()
    assert form.errors["planned_end"] == ["Das geplante Ende darf nicht vor dem geplanten Beginn liegen."]
    form = milestone_form(process, actual_start=datetime.date(2027, 6, 1), actual_end=datetime.date(2027, 5, 1))
    assert not form.is_valid()
    assert form.errors["actual_end"] == ["Das tatsächliche Ende darf nicht vor dem tatsächlichen Beginn liegen."]


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_progress_outside_0_to_100_is_refused(progress):
    form = milestone_form(published_process(), progress=progress)
    assert not form.is_valid()
    assert form.errors["progress"] == ["Der Fortschritt muss eine ganze Zahl zwischen 0 und 100 Prozent sein."]


def test_progress_that_is_no_number_gets_the_form_s_message():
    form = milestone_form(published_process(), progress="viel")
    assert not form.is_valid()
    assert form.errors["progress"] == ["Bitte eine ganze Zahl eingeben."]


def test_a_milestone_form_gives_the_checked_values_the_service_takes():
    process = published_process()
    form = milestone_form(process, title="  Bänke  ", progress="")
    assert form.is_valid(), form.errors
    milestone = services.create_milestone(process.lead_contact, process, **form.cleaned_data)
    assert (milestone.title, milestone.progress, milestone.weight) == ("Bänke", 0, None)
    form = milestone_form(process, title="", planned_start=None)
    assert not form.is_valid()
    assert form.errors["title"] == ["Bitte geben Sie dem Meilenstein einen Titel."]
    assert form.errors["planned_start"] == ["Bitte geben Sie den geplanten Beginn an."]


def test_progress_at_the_bounds_is_accepted_and_audited():
    process = published_process()
    for progress in (0, 100):
        milestone = services.create_milestone(process.lead_contact, process, **milestone_data(progress=progress))
        assert milestone.progress == progress
    from stadtdialog.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="outcomes.create_milestone").count() == 2


def test_a_parent_must_be_of_the_same_process_and_not_one_of_its_own_parts():
    process = published_process()
    other = MilestoneFactory(process=published_process())
    form = milestone_form(process, parent=other.pk)
    assert not form.is_valid()
    assert form.errors["parent"] == ["Der übergeordnete Meilenstein muss zum selben Verfahren gehören."]
    with pytest.raises(ValidationError) as error:
        services.create_milestone(process.lead_contact, process, **milestone_data(parent=other))
    assert "parent" in error.value.message_dict
    top = services.create_milestone(process.lead_contact, process, **milestone_data(title="Oben"))
    part = services.create_milestone(process.lead_contact, process, **milestone_data(title="Teil", parent=top))
    with pytest.raises(ValidationError) as error:
        services.update_milestone(process.lead_contact, top, **milestone_data(title="Oben", parent=part))
    assert error.value.message_dict["parent"] == [
        "Ein Meilenstein kann nicht Teil von sich selbst oder eines seiner eigenen Teile sein."
    ]


def test_only_the_process_s_staff_write_milestones():
    process = published_process()
    for user in [UserFactory(), staff_user(org_unit=OrgUnitFactory()), staff_user(kind=Role.Kind.MODERATOR)]:
        with pytest.raises(PermissionDenied):
            services.create_milestone(user, process, **milestone_data())
    coordination = staff_user(kind=Role.Kind.COORDINATION)
    assert services.create_milestone(coordination, process, **milestone_data())


def test_parent_progress_is_the_average_of_its_parts():
    process = published_process()
    parent = MilestoneFactory(process=process, progress=0)
    MilestoneFactory(process=process, parent=parent, progress=20)
    MilestoneFactory(process=process, parent=parent, progress=80)
    MilestoneFactory(process=process, parent=parent, progress=100, status=Milestone.Status.DROPPED)
    nodes = {n.milestone.pk: n for n in queries.milestone_tree(process)}
    assert nodes[parent.pk].progress == 50


def test_parent_progress_is_weighted_and_rolls_up_over_levels():
    process = published_process()
    top = MilestoneFactory(process=process, progress=0)
    middle = MilestoneFactory(process=process, parent=top, progress=0, weight=3)
    MilestoneFactory(process=process, parent=middle, progress=100, weight=1)
    MilestoneFactory(process=process, parent=middle, progress=0, weight=3)  # middle: 25
    MilestoneFactory(process=process, parent=top, progress=65, weight=1)  # top: (25*3 + 65) / 4 = 35
    tree = queries.milestone_tree(process)
    nodes = {n.milestone.pk: n for n in tree}
    assert nodes[middle.pk].progress == 25
    assert nodes[top.pk].progress == 35
    assert [n.depth for n in tree] == [0, 1, 2, 2, 1]


def test_overdue_means_planned_end_passed_and_neither_done_nor_dropped():
    process = published_process()
    late = MilestoneFactory(
        process=process, planned_end=datetime.date(2027, 5, 31), status=Milestone.Status.IN_PROGRESS
    )
    MilestoneFactory(process=process, planned_end=datetime.date(2027, 5, 31), status=Milestone.Status.DONE)
    MilestoneFactory(process=process, planned_end=datetime.date(2027, 5, 31), status=Milestone.Status.DROPPED)
    MilestoneFactory(process=process, planned_end=datetime.date(2027, 6, 1))
    assert list(queries.overdue_milestones(datetime.date(2027, 6, 1))) == [late]
    assert list(queries.overdue_milestones(datetime.date(2027, 5, 31))) == []


def test_plan_page_partial_flags_overdue_milestones_with_a_moved_clock():
    process = published_process()
    MilestoneFactory(process=process, title="Bänke aufstellen", planned_end=datetime.date(2027, 5, 31))
    template = Template('{% load core_tags %}{% extension_sections "plan_header" plan only="overdue" %}')
    moved = datetime.datetime(2027, 6, 2, 10, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=moved):
        html = template.render(Context({"plan": process.plan}))
    assert "Überfällige Meilensteine" in html
    assert "Bänke aufstellen" in html
    assert "31. Mai 2027" in html
    before = datetime.datetime(2027, 5, 30, 10, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=before):
        assert "Bänke aufstellen" not in template.render(Context({"plan": process.plan}))


def test_staff_overview_shows_overdue_milestones_of_the_user_s_processes(client):
    own = published_process()
    other = published_process()
    MilestoneFactory(
        process=own,
        title="Eigener Meilenstein",
        planned_start=datetime.date(2020, 1, 1),
        planned_end=datetime.date(2020, 1, 31),
    )
    MilestoneFactory(
        process=other,
        title="Fremder Meilenstein",
        planned_start=datetime.date(2020, 1, 1),
        planned_end=datetime.date(2020, 1, 31),
    )
    client.force_login(staff_user(org_unit=own.plan.lead_unit))
    page = client.get(reverse("outcomes:staff_overdue")).content.decode()
    assert "Eigener Meilenstein" in page
    assert "Fremder Meilenstein" not in page
    client.force_login(staff_user(kind=Role.Kind.COORDINATION))
    page = client.get(reverse("outcomes:staff_overdue")).content.decode()
    assert "Eigener Meilenstein" in page
    assert "Fremder Meilenstein" in page


def update_form(process, text: str, photo=None, alt: str = "") -> UpdateForm:
    return UpdateForm(
        {"text": text, "milestone": "", "alt_1": alt}, {"photo_1": photo} if photo else {}, process=process
    )


def test_updates_need_text_and_photos_need_a_description():
    process = published_process()
    form = update_form(process, "", SimpleUploadedFile("a.png", PNG))
    assert not form.is_valid()
    assert form.errors["text"] == ["Bitte schreiben Sie, was geschehen ist."]
    assert form.non_field_errors() == [
        "Foto 1: Bitte beschreiben Sie das Foto für Menschen, die es nicht sehen können."
    ]
    form = update_form(process, "Text", SimpleUploadedFile("a.pdf", one_page_pdf()), "x")
    assert not form.is_valid()
    assert form.non_field_errors() == ["Foto 1: Nur PNG-, JPEG- oder WebP-Bilder sind erlaubt."]
    form = update_form(process, "Die Bäume stehen.", SimpleUploadedFile("Baum Foto.PNG", PNG), "Drei junge Linden")
    assert form.is_valid(), form.errors
    update = services.add_update(process.lead_contact, process, **form.service_data())
    photo = update.photos.get()
    assert photo.alt_text == "Drei junge Linden"
    assert photo.file.name.endswith("baum-foto.png")


def test_an_update_s_milestone_must_belong_to_the_process():
    process = published_process()
    other = MilestoneFactory(process=published_process())
    with pytest.raises(ValidationError) as error:
        services.add_update(process.lead_contact, process, text="Text", milestone=other)
    assert error.value.message_dict["milestone"] == ["Der Meilenstein muss zum selben Verfahren gehören."]

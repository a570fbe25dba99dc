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
from stadtdialog.outcomes import services_implementation as services
from stadtdialog.outcomes.models import Milestone
from tests.factories import OrgUnitFactory, UserFactory, published_process, staff_user
from tests.images import png_with_text

from .factories import MilestoneFactory, milestone_data

pytestmark = pytest.mark.django_db

PNG = png_with_text().read()


def test_a_milestone_that_ends_before_it_starts_is_refused():
    process = published_process()
    with pytest.raises(ValidationError) as error:
        services.create_milestone(
            process.lead_contact,
            process,
            milestone_data(planned_start=datetime.date(2027, 6, 1), planned_end=datetime.date(2027, 5, 31)),
        )
    assert error.value.message_dict["planned_end"] == ["Das geplante Ende darf nicht vor dem geplanten Beginn liegen."]
    with pytest.raises(ValidationError) as error:
        services.create_milestone(
            process.lead_contact,
            process,
            milestone_data(actual_start=datetime.date(2027, 6, 1), actual_end=datetime.date(2027, 5, 1)),
        )
    assert error.value.message_dict["actual_end"] == [
        "Das tatsächliche Ende darf nicht vor dem tatsächlichen Beginn liegen."
    ]
    assert not Milestone.objects.exists()


@pytest.mark.parametrize("progress", [-1, 101, 250, "viel"])
def test_progress_outside_0_to_100_is_refused(progress):
    process = published_process()
    with pytest.raises(ValidationError) as error:
        services.create_milestone(process.lead_contact, process, milestone_data(progress=progress))
    assert error.value.message_dict["progress"] == [
        "Der Fortschritt muss eine ganze Zahl zwischen 0 und 100 Prozent sein."
    ]


def test_progress_at_the_bounds_is_accepted_and_audited():
    process = published_process()
    for progress in (0, 100):
        milestone = services.create_milestone(process.lead_contact, process, milestone_data(progress=progress))
        assert milestone.progress == progress
    from stadtdialog.core.models import AuditEntry

    assert AuditEntry.objects.filter(action="outcomes.create_milestone").count() == 2


def test_a_parent_must_be_of_the_same_process_and_not_one_of_its_own_parts():
    process = published_process()
    other = MilestoneFactory(process=published_process())
    with pytest.raises(ValidationError) as error:
        services.create_milestone(process.lead_contact, process, milestone_data(parent=other.pk))
    assert "parent" in error.value.message_dict
    top = services.create_milestone(process.lead_contact, process, milestone_data(title="Oben"))
    part = services.create_milestone(process.lead_contact, process, milestone_data(title="Teil", parent=top.pk))
    with pytest.raises(ValidationError) as error:
        services.update_milestone(process.lead_contact, top, milestone_data(title="Oben", parent=part.pk))
    assert error.value.message_dict["parent"] == [
        "Ein Meilenstein kann nicht Teil von sich selbst oder eines seiner eigenen Teile sein."
    ]


def test_only_the_process_s_staff_write_milestones():
    process = published_process()
    for user in [UserFactory(), staff_user(org_unit=OrgUnitFactory()), staff_user(kind=Role.Kind.MODERATOR)]:
        with pytest.raises(PermissionDenied):
            services.create_milestone(user, process, milestone_data())
    coordination = staff_user(kind=Role.Kind.COORDINATION)
    assert services.create_milestone(coordination, process, milestone_data())


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


def test_updates_need_text_and_photos_need_a_description():
    process = published_process()
    with pytest.raises(ValidationError) as error:
        services.add_update(process.lead_contact, process, "", photos=[(SimpleUploadedFile("a.png", PNG), "")])
    assert error.value.message_dict["text"] == ["Bitte schreiben Sie, was geschehen ist."]
    assert error.value.message_dict["photos"] == [
        "Foto 1: Bitte beschreiben Sie das Foto für Menschen, die es nicht sehen können."
    ]
    with pytest.raises(ValidationError) as error:
        services.add_update(
            process.lead_contact, process, "Text", photos=[(SimpleUploadedFile("a.pdf", b"%PDF-1.4"), "x")]
        )
    assert error.value.message_dict["photos"] == ["Foto 1: Nur PNG-, JPEG- oder WebP-Bilder sind erlaubt."]
    update = services.add_update(
        process.lead_contact,
        process,
        "Die Bäume stehen.",
        photos=[(SimpleUploadedFile("Baum Foto.PNG", PNG), "Drei junge Linden")],
    )
    photo = update.photos.get()
    assert photo.alt_text == "Drei junge Linden"
    assert photo.file.name.endswith("baum-foto.png")

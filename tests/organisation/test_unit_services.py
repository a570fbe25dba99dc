"""The OrgUnit tree's writes: create, rename, move (no circles), dissolve with a successor that takes over
everything that points at the unit; each audited; refusals in German."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stadtdialog.accounts.models import Role, User
from stadtdialog.core.models import AuditEntry
from stadtdialog.organisation import queries, services
from stadtdialog.organisation.models import DistrictCouncil, OrgUnit
from stadtdialog.plans.models import Plan
from tests.events.factories import EventFactory
from tests.factories import OrgUnitFactory, PlanFactory, districts, published_process, staff_user
from tests.initiatives.factories import InitiativeFactory

from .helpers import admin, tree, unit_lead

pytestmark = pytest.mark.django_db


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("id"))


def messages(error: ValidationError) -> list[str]:
    return (
        [m for texts in error.message_dict.values() for m in texts] if hasattr(error, "error_dict") else error.messages
    )


def test_create_a_unit_below_a_parent_is_audited():
    units = tree()
    unit = services.create_unit(
        admin(), parent=units["fb61"], short_name="61.3", name="Bauleitplanung", kind="section", email="613@example.org"
    )
    assert unit.parent == units["fb61"]
    [entry] = entries("organisation.unit.create")
    assert entry.object_id == str(unit.pk)
    assert entry.changes["short_name"] == [None, "61.3"]
    assert entry.changes["parent"] == [None, str(units["fb61"])]


def test_a_short_name_in_use_is_refused_in_german_also_in_another_case():
    tree()
    with pytest.raises(ValidationError) as error:
        services.create_unit(admin(), short_name="fb 61", name="Doppelt", kind="department")
    assert error.value.message_dict["short_name"] == [
        "Eine andere Einheit (vielleicht eine aufgelöste) hat schon das Kürzel „fb 61“."
    ]


def test_rename_records_only_what_changed():
    units = tree()
    services.update_unit(admin(), units["fb61"], name="Stadtplanung und Stadterneuerung", phone="0511 168-46100")
    units["fb61"].refresh_from_db()
    assert units["fb61"].name == "Stadtplanung und Stadterneuerung"
    [entry] = entries("organisation.unit.update")
    assert set(entry.changes) == {"name", "phone"}
    assert entry.changes["name"] == ["Planen und Stadtentwicklung", "Stadtplanung und Stadterneuerung"]


def test_move_a_unit_with_its_subtree():
    units = tree()
    services.move_unit(admin(), units["fb61"], parent=units["dez5"])
    assert OrgUnit.objects.get(pk=units["61.1"].pk).parent_id == units["fb61"].pk
    assert OrgUnit.objects.get(pk=units["fb61"].pk).parent_id == units["dez5"].pk
    [entry] = entries("organisation.unit.move")
    assert entry.changes == {"parent": [str(units["dez6"]), str(units["dez5"])]}
    services.move_unit(admin(), units["fb61"], parent=None)
    assert OrgUnit.objects.get(pk=units["fb61"].pk).parent_id is None


@pytest.mark.parametrize("target", ["dez6", "61.1"])
def test_a_unit_cannot_move_below_itself_or_its_descendants(target):
    units = tree()
    if target == "dez6":
        unit, target_unit = units["dez6"], units["61.1"]  # a grandchild
    else:
        unit, target_unit = units["61.1"], units["61.1"]  # itself
    with pytest.raises(ValidationError) as error:
        services.move_unit(admin(), unit, parent=target_unit)
    [message] = error.value.message_dict["parent"]
    assert "kann nicht unter sich selbst oder eine ihrer eigenen Einheiten" in message
    assert "Kreis" in message
    assert OrgUnit.objects.get(pk=unit.pk).parent_id == (units["fb61"].pk if target == "61.1" else None)
    assert not entries("organisation.unit.move")


def test_dissolve_hands_everything_to_the_successor():
    units = tree()
    old, heir = units["fb61"], units["fb67"]
    plan = PlanFactory(lead_unit=old)
    process = published_process(plan=plan)
    event = EventFactory(org_unit=old)
    initiative = InitiativeFactory(department=old)
    member = staff_user(org_unit=old)  # User.org_unit and a department role for FB 61
    lead = unit_lead(old)
    council = DistrictCouncil.objects.get(district=districts(1)[0])  # load_city made it with its name
    staff_before = User.objects.filter(org_unit=old).count()
    roles_before = Role.objects.filter(org_unit=old).count()
    assert staff_before >= 2 and roles_before >= 2  # the process's contacts work in FB 61 too

    taken_over = services.dissolve_unit(admin(), old, successor=heir)

    old.refresh_from_db()
    assert old.dissolved_at is not None and old.successor == heir
    assert Plan.objects.get(pk=plan.pk).lead_unit == heir
    assert Plan.objects.get(processes=process).lead_unit == heir  # the process goes with its plan
    event.refresh_from_db()
    assert event.org_unit == heir
    initiative.refresh_from_db()
    assert initiative.department == heir
    assert User.objects.get(pk=member.pk).org_unit == heir
    assert not Role.objects.filter(org_unit=old).exists()
    assert set(Role.objects.filter(user__in=[member, lead]).values_list("kind", "org_unit")) == {
        ("department", heir.pk),
        ("unit_lead", heir.pk),
    }
    # the sections below moved under the successor
    assert set(OrgUnit.objects.filter(parent=heir).values_list("short_name", flat=True)) == {"61.1", "61.2"}
    assert taken_over == {
        "plans.plan.lead_unit": 1,
        "events.event.org_unit": 1,
        "initiatives.initiative.department": 1,
        "initiatives.initiativestep.department": 1,  # the initiative's assignment step
        "accounts.user.org_unit": staff_before,
        "accounts.role.org_unit": roles_before,
        "organisation.orgunit.parent": 2,
    }
    [entry] = entries("organisation.unit.dissolve")
    assert entry.changes["successor"] == [None, str(heir)]
    assert entry.changes["taken_over"] == taken_over
    [take_over] = entries("organisation.unit.take_over")
    assert take_over.object_id == str(heir.pk)
    assert DistrictCouncil.objects.get(pk=council.pk)  # nothing else touched

    # a dissolved unit leaves the tree and every choice, but stays for the history
    assert old not in queries.active_units()
    assert old not in queries.departments()
    shown = [node.unit for node in queries.unit_tree()]
    assert old not in shown
    assert list(queries.dissolved_units()) == [old]


def test_dissolve_is_refused_into_itself_a_descendant_or_a_dissolved_unit():
    units = tree()
    user = admin()
    with pytest.raises(ValidationError) as error:
        services.dissolve_unit(user, units["fb61"], successor=units["fb61"])
    assert messages(error.value) == ["Eine Einheit kann nicht ihre eigene Nachfolgerin sein."]
    with pytest.raises(ValidationError) as error:
        services.dissolve_unit(user, units["fb61"], successor=units["61.1"])
    assert messages(error.value) == [
        "61.1 liegt unter FB 61 und würde mit aufgelöst; bitte eine Einheit außerhalb wählen."
    ]
    services.dissolve_unit(user, units["61.2"], successor=units["61.1"])
    with pytest.raises(ValidationError) as error:
        services.dissolve_unit(user, units["fb67"], successor=units["61.2"])
    assert messages(error.value) == ["61.2 ist selbst aufgelöst; bitte eine bestehende Einheit wählen."]
    with pytest.raises(ValidationError) as error:
        services.dissolve_unit(user, units["61.2"], successor=units["fb67"])
    assert "aufgelöst" in messages(error.value)[0]
    assert OrgUnit.objects.filter(dissolved_at__isnull=False).count() == 1


def test_a_dissolved_unit_cannot_be_edited_moved_or_get_new_units():
    units = tree()
    user = admin()
    services.dissolve_unit(user, units["61.2"], successor=units["61.1"])
    with pytest.raises(ValidationError):
        services.update_unit(user, units["61.2"], name="Neu")
    with pytest.raises(ValidationError):
        services.move_unit(user, units["61.2"], parent=units["dez5"])
    with pytest.raises(ValidationError) as error:
        services.create_unit(user, parent=units["61.2"], short_name="61.2.1", name="Neu", kind="office")
    assert "parent" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.move_unit(user, units["fb67"], parent=units["61.2"])
    assert "parent" in error.value.message_dict


def test_a_unit_lead_edits_contact_data_of_their_unit_and_below_but_nothing_else():
    units = tree()
    lead = unit_lead(units["fb61"])
    services.update_unit_contact(lead, units["61.1"], opening_hours="Mo–Do 9–15 Uhr", website="https://example.org/61")
    assert OrgUnit.objects.get(pk=units["61.1"].pk).opening_hours == "Mo–Do 9–15 Uhr"
    [entry] = entries("organisation.unit.update")
    assert entry.actor == lead
    with pytest.raises(PermissionDenied):
        services.update_unit_contact(lead, units["fb67"], phone="1")
    with pytest.raises(PermissionDenied):
        services.update_unit_contact(lead, units["dez6"], phone="1")  # above their unit
    with pytest.raises(PermissionDenied):
        services.update_unit(lead, units["61.1"], name="Umbenannt")
    with pytest.raises(PermissionDenied):
        services.move_unit(lead, units["61.1"], parent=units["fb67"])
    with pytest.raises(PermissionDenied):
        services.dissolve_unit(lead, units["61.1"], successor=units["61.2"])
    with pytest.raises(TypeError):
        services.update_unit_contact(lead, units["61.1"], name="Umbenannt")


def test_department_staff_and_district_managers_may_not_change_the_tree():
    units = tree()
    for user in (staff_user(org_unit=units["fb61"]), staff_user(kind=Role.Kind.DISTRICT_MANAGER)):
        with pytest.raises(PermissionDenied):
            services.create_unit(user, short_name="X", name="X", kind="office")
        with pytest.raises(PermissionDenied):
            services.update_unit_contact(user, units["fb61"], phone="1")


def test_update_a_district_council_creates_it_once_and_records_the_changes():
    district = districts(10)[0]
    DistrictCouncil.objects.filter(district=district).delete()  # as before load_city knew the councils
    user = admin()
    services.update_council(user, district, name="Stadtbezirksrat Linden-Limmer", chair="Petra Beispiel")
    services.update_council(user, district, name="Stadtbezirksrat Linden-Limmer", chair="Jan Muster", phone="0511 1")
    council = DistrictCouncil.objects.get(district=district)
    assert council.chair == "Jan Muster"
    first, second = entries("organisation.council.update")
    assert first.changes["name"] == [None, "Stadtbezirksrat Linden-Limmer"]
    assert second.changes == {"chair": ["Petra Beispiel", "Jan Muster"], "phone": ["", "0511 1"]}
    with pytest.raises(PermissionDenied):
        services.update_council(staff_user(kind=Role.Kind.DISTRICT_MANAGER), district, name="X")


def test_counts_per_unit_take_one_query_per_relation(django_assert_max_num_queries):
    units = tree()
    PlanFactory.create_batch(3, lead_unit=units["fb61"])
    staff_user(org_unit=units["fb61"])
    relations = len(queries.unit_relations())
    with django_assert_max_num_queries(relations):
        counts = queries.unit_counts()
    labels = dict(counts[units["fb61"].pk])
    assert labels["Vorhaben"] == 3
    assert OrgUnitFactory  # the factory stays importable for other tests


def test_foreign_keys_without_a_reverse_name_move_too_but_records_of_the_past_keep_the_old_unit():
    from tests.dialog.dialog_factories import ResponseFactory
    from tests.outcomes.factories import DecisionFactory

    units = tree()
    old, heir = units["fb61"], units["fb67"]
    decision = DecisionFactory(responsible_kind="unit", responsible_unit=old)  # who carries out the decision
    response = ResponseFactory(org_unit=old)  # who answered, in the past
    taken_over = services.dissolve_unit(admin(), old, successor=heir)
    decision.refresh_from_db()
    response.refresh_from_db()
    assert decision.responsible_unit == heir
    assert taken_over["outcomes.decision.responsible_unit"] == 1
    assert response.org_unit == old
    assert "dialog.response.org_unit" not in taken_over


def test_the_unit_choices_of_other_forms_offer_no_dissolved_unit():
    from stadtdialog.events.forms import EventForm
    from stadtdialog.plans.forms import PlanForm

    units = tree()
    user = admin()
    services.dissolve_unit(user, units["61.2"], successor=units["61.1"])
    assert units["61.2"] not in PlanForm(user=user).fields["lead_unit"].queryset
    assert units["61.1"] in PlanForm(user=user).fields["lead_unit"].queryset
    assert units["61.2"] not in EventForm(user=user).fields["org_unit"].queryset

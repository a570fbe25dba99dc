"""Accounts and a small tree for the organisation tests."""

from stadtdialog.accounts.models import Role
from tests.factories import OrgUnitFactory, UserFactory, staff_user


def admin():
    return staff_user(kind=Role.Kind.ADMIN, full_name="Alexandra Admin")


def unit_lead(unit):
    user = UserFactory(full_name="Lena Leitung", org_unit=unit)
    Role.objects.create(user=user, kind=Role.Kind.UNIT_LEAD, org_unit=unit)
    return user


def tree():
    """Dez. VI > FB 61 > 61.1, 61.2; Dez. V > FB 67."""
    dez6 = OrgUnitFactory(short_name="Dez. VI", name="Baudezernat", kind="directorate")
    fb61 = OrgUnitFactory(short_name="FB 61", name="Planen und Stadtentwicklung", parent=dez6)
    s611 = OrgUnitFactory(short_name="61.1", name="Stadtplanung", kind="section", parent=fb61)
    s612 = OrgUnitFactory(short_name="61.2", name="Stadterneuerung", kind="section", parent=fb61)
    dez5 = OrgUnitFactory(short_name="Dez. V", name="Wirtschaft und Umwelt", kind="directorate")
    fb67 = OrgUnitFactory(short_name="FB 67", name="Umwelt und Stadtgrün", parent=dez5)
    return {"dez6": dez6, "fb61": fb61, "61.1": s611, "61.2": s612, "dez5": dez5, "fb67": fb67}

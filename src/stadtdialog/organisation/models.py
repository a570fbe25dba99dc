"""The city (one per installation), its administration (one OrgUnit tree), its districts and quarters, the
district councils and the fields of action. The master data is loaded by `manage.py load_city NAME`."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import geo


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        DIRECTORATE = "directorate", _("Directorate")
        DEPARTMENT = "department", _("Department")
        SECTION = "section", _("Section")
        OFFICE = "office", _("Office")

    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    short_name = models.CharField(_("short name"), max_length=30, help_text=_("For example “FB 61” or “Dez. VI”."))
    name = models.CharField(_("name"), max_length=200)
    is_coordination_office = models.BooleanField(_("coordination office for participation"), default=False)
    email = models.EmailField(_("office e-mail"), blank=True)
    phone = models.CharField(_("office phone"), max_length=40, blank=True)
    address = models.CharField(_("office address"), max_length=200, blank=True)
    website = models.URLField(_("web page"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    # A dissolved unit stays for the history; its plans, processes, events and staff went to the successor.
    dissolved_at = models.DateTimeField(_("dissolved"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("successor"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["short_name"]
        constraints = [models.UniqueConstraint(fields=["short_name"], name="orgunit_short_name_unique")]

    def __str__(self):
        return f"{self.short_name} {self.name}"

    def ancestors(self) -> list["OrgUnit"]:
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain

    @classmethod
    def descendant_ids(cls, unit_ids) -> set[int]:
        """The given units and every unit below them (one query per tree level)."""
        found, frontier = set(unit_ids), set(unit_ids)
        while frontier:
            frontier = set(cls.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
            found |= frontier
        return found


class District(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("address"), unique=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number:02d} {self.name}"

    def contains(self, lat: float, lon: float) -> bool:
        return bool(self.boundary) and geo.geometry_contains(self.boundary, lon, lat)


class Quarter(models.Model):
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="quarters"
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("address"), unique=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)

    class Meta:
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        ordering = ["district__number", "name"]

    def __str__(self):
        return self.name

    def contains(self, lat: float, lon: float) -> bool:
        return bool(self.boundary) and geo.geometry_contains(self.boundary, lon, lat)


class FieldOfAction(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("address"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class City(models.Model):
    """The city this installation serves (one row): its names, the map's bounds and its logo."""

    slug = models.SlugField(_("code"), unique=True, help_text=_("The name of its data folder, e.g. “hannover”."))
    name = models.CharField(_("name"), max_length=100, help_text=_("For example “Landeshauptstadt Hannover”."))
    site_name = models.CharField(_("name of the portal"), max_length=100)
    south = models.FloatField(_("southern bound (latitude)"))
    west = models.FloatField(_("western bound (longitude)"))
    north = models.FloatField(_("northern bound (latitude)"))
    east = models.FloatField(_("eastern bound (longitude)"))
    logo = models.FileField(_("logo"), upload_to="city/", blank=True)
    logo_alt = models.CharField(_("text of the logo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return self.name

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        return (self.south, self.west, self.north, self.east)


class DistrictCouncil(models.Model):
    """The elected council of a district (in Hannover: Stadtbezirksrat), with its public contact."""

    district = models.OneToOneField(
        District, verbose_name=_("district"), on_delete=models.CASCADE, related_name="council"
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("For example “Stadtbezirksrat Mitte”."))
    chair = models.CharField(_("chair (public name)"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail of the council's office"), blank=True)
    phone = models.CharField(_("phone of the council's office"), max_length=40, blank=True)
    website = models.URLField(_("web page (meetings, minutes)"), blank=True)
    meetings = models.CharField(
        _("meetings"), max_length=200, blank=True, help_text=_("For example “monthly, Thursdays 18:00, public”.")
    )

    class Meta:
        verbose_name = _("district council")
        verbose_name_plural = _("district councils")
        ordering = ["district__number"]

    def __str__(self):
        return self.name

"""The district information system: indicators (figures the statistics office delivers) and their values per
district, quarter or the whole city and year."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from stadtdialog.core.models import TimeStampedModel


class Indicator(models.Model):
    """A figure such as population, unemployment or the share of households with children."""

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("As in the import file, e.g. “einwohner”.")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example “Personen” or “%”."))
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def is_share(self) -> bool:
        """A share (per cent, per thousand) compares with the city's value; a count does not."""
        return self.unit.strip() in {"%", "‰", "Prozent"}


class IndicatorValue(TimeStampedModel):
    """One value of an indicator for a district, a quarter or (neither) the whole city, in one year."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    district = models.ForeignKey(
        "organisation.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    quarter = models.ForeignKey(
        "organisation.Quarter",
        verbose_name=_("quarter"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator__position", "year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(district__isnull=True) | Q(quarter__isnull=True), name="indicatorvalue_one_area"
            ),
            models.UniqueConstraint(
                fields=["indicator", "district", "year"],
                condition=Q(district__isnull=False),
                name="indicatorvalue_once_per_district",
            ),
            models.UniqueConstraint(
                fields=["indicator", "quarter", "year"],
                condition=Q(quarter__isnull=False),
                name="indicatorvalue_once_per_quarter",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(district__isnull=True, quarter__isnull=True),
                name="indicatorvalue_once_for_the_city",
            ),
        ]
        indexes = [models.Index(fields=["district", "indicator", "year"])]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"

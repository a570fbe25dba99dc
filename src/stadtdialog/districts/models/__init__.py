"""The models of the district management, one module per part of the work: the directory of contact points
and the district profile (`directory`, `profile`), residents' concerns (`concerns`)."""

from .directory import ContactPoint
from .indicators import Indicator, IndicatorValue  # noqa: F401
from .profile import DistrictProfile, MonitoringNote, Network  # noqa: F401

__all__ = ["ContactPoint"]

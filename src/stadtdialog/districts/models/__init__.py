"""The models of the district management, one module per part of the work: the directory of contact points
and the district profile (`directory`, `profile`), residents' concerns (`concerns`)."""

from .concerns import (  # noqa: F401  (concerns)
    Concern,
    ConcernCategory,
    ConcernNote,
    ConcernStatus,
    ConcernStep,
    ConcernUpdate,
    Open311Client,
)
from .conferences import *  # noqa: F403  (conferences, agreements, action items, projects)
from .directory import ContactPoint
from .indicators import Indicator, IndicatorValue  # noqa: F401
from .profile import DistrictProfile, MonitoringNote, Network  # noqa: F401
from .programmes import *  # noqa: F403  (action programmes)

__all__ = ["ContactPoint"]

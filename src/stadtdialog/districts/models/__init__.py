"""The models of the district management, one module per part of the work: the directory of contact points
and the district profile (`directory`, `profile`), residents' concerns (`concerns`)."""

from .directory import ContactPoint

__all__ = ["ContactPoint"]

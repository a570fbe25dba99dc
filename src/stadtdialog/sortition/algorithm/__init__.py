"""Pure sortition algorithms (no Django): data model, LEXIMIN, LEGACY, lottery, helpers."""

from .csvio import load_instance, parse_categories, parse_respondents
from .errors import (
    InfeasibleQuotas,
    InputIssue,
    InvalidInput,
    InvalidLottery,
    NoReplacement,
    SortitionError,
)
from .feasibility import check_feasibility
from .legacy import estimate_legacy_probabilities, legacy_draw
from .leximin import Distribution, find_leximin
from .lottery import build_lottery, publish, recompute_draw
from .model import Instance, Panel, Quota, Respondent, make_instance, satisfies_quotas
from .replacement import pick_replacement, replacement_candidates
from .sampling import stage_one_sample
from .stats import gini, summarize

__all__ = [
    "Distribution",
    "InfeasibleQuotas",
    "InputIssue",
    "Instance",
    "InvalidInput",
    "InvalidLottery",
    "NoReplacement",
    "Panel",
    "Quota",
    "Respondent",
    "SortitionError",
    "build_lottery",
    "check_feasibility",
    "estimate_legacy_probabilities",
    "find_leximin",
    "gini",
    "legacy_draw",
    "load_instance",
    "make_instance",
    "parse_categories",
    "parse_respondents",
    "pick_replacement",
    "publish",
    "recompute_draw",
    "replacement_candidates",
    "satisfies_quotas",
    "stage_one_sample",
    "summarize",
]

"""The shapes of the API's answers and of its query parameters (pydantic through django-ninja): the OpenAPI document is
generated from them, and the contract tests (tests/api/test_contract.py) hold every answer to them. Keys are English;
values are German as the portal publishes them (titles, texts, the *_label of every code)."""

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from stadtdialog.core.forms import MAX_ID
from stadtdialog.dialog.models import Contribution, Response
from stadtdialog.outcomes.models import Milestone
from stadtdialog.plans.models import Plan as PlanModel
from stadtdialog.reports.models import Report

from .pagination import DEFAULT_LIMIT, MAX_LIMIT


def choice(choices: type, *extra: str) -> Any:
    """The codes of a model's choices as a Literal type (the OpenAPI document lists them as an enum)."""
    return Literal[(*choices.values, *extra)]


Id = int
OptionalId = int | None

# --- query parameters ------------------------------------------------------------------------------------------


def id_param(description: str) -> Any:
    return Field(None, ge=1, le=MAX_ID, description=description)


class PageParams(Schema):
    cursor: str | None = Field(
        None, max_length=200, description="The `next_cursor` of the previous page; leave out for the first page."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


class PlanParams(PageParams):
    district: int | None = id_param("Only plans in this district (id).")
    quarter: int | None = id_param("Only plans in this quarter (id).")
    field_of_action: int | None = id_param("Only plans of this field of action (id).")
    unit: int | None = id_param("Only plans led by this unit or a unit below it (id).")
    status: choice(PlanModel.Status) | None = Field(None, description="Only plans with this status.")
    participation: Literal["planned", "running", "none"] | None = Field(
        None, description="Participation planned, running now, or none planned."
    )
    q: str | None = Field(None, max_length=200, description="Search words (title, summary, description).")


class ProcessParams(PageParams):
    plan: int | None = id_param("Only the processes of this plan (id).")


class ContributionParams(PageParams):
    process: int | None = id_param("Only the contributions to this process (id).")
    kind: choice(Contribution.Kind) | None = None
    quarter: int | None = id_param("Only contributions placed in this quarter (id).")
    answer: choice(Response.Status, "none") | None = Field(
        None, description="Only contributions with this answer; `none`: not yet answered."
    )


class CommentParams(PageParams):
    contribution: int | None = id_param("Only the comments on this contribution (id).")
    process: int | None = id_param("Only the comments in this process (id).")


class ResponseParams(PageParams):
    process: int | None = id_param("Only the answers in this process (id).")
    status: choice(Response.Status) | None = None


class ReportParams(PageParams):
    process: int | None = id_param("Only the reports of this process (id).")
    kind: choice(Report.Kind) | None = None


class EventParams(PageParams):
    process: int | None = id_param("Only the events of this process (id).")
    district: int | None = id_param("Only the events in this district (id).")
    start_from: datetime.date | None = Field(None, description="Only events that end on or after this day.")
    start_until: datetime.date | None = Field(None, description="Only events that start on or before this day.")


class ProcessFilter(PageParams):
    process: int | None = id_param("Only for this process (id).")


class MilestoneParams(ProcessFilter):
    status: choice(Milestone.Status) | None = None


class QuarterParams(PageParams):
    district: int | None = id_param("Only the quarters of this district (id).")


class OrgUnitParams(PageParams):
    include_dissolved: bool = Field(False, description="Also units that were dissolved into a successor.")


# --- answers ---------------------------------------------------------------------------------------------------


class Error(Schema):
    detail: Any = Field(..., description="What was wrong, in German where the portal wrote it.")


class Page(Schema):
    next_cursor: str | None = Field(..., description="Cursor of the next page; null on the last page.")
    next: str | None = Field(..., description="Address of the next page; null on the last page.")


class Plan(Schema):
    id: Id
    title: str
    summary: str
    description: str
    status: str
    status_label: str
    is_citywide: bool
    participation_planned: bool
    participation_running: bool
    schedule_start: datetime.date | None
    schedule_end: datetime.date | None
    schedule_note: str
    cost_estimate: float | None = Field(..., description="Estimated costs in euros.")
    latitude: float | None
    longitude: float | None
    lead_unit_id: OptionalId
    district_ids: list[int]
    quarter_ids: list[int]
    field_of_action_ids: list[int]
    council_papers: list[str] = Field(..., description="Numbers of the council papers (Drucksachen).")
    published_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class PlanPage(Page):
    items: list[Plan]


class PhaseOut(Schema):
    id: Id
    title: str
    kind: str
    kind_label: str
    format: str
    format_label: str
    channel: str
    channel_label: str
    start: datetime.date
    end: datetime.date
    description: str


class GoalOut(Schema):
    id: Id
    description: str
    indicator: str
    target_value: str
    due_date: datetime.date


class ConceptVersionOut(Schema):
    number: int
    published_at: datetime.datetime
    change_note: str
    unit: str | None


# The concept's long texts are rich text, given as the portal stores and shows them, like a plan's description:
# sanitised HTML with only the tags of core.sanitize (paragraphs, lists, links, headings, tables; no scripts, no
# attributes but links' addresses). The one-liners (decision maker, where, when, staff time) are plain text.
RICH_TEXT = "Sanitised HTML: paragraphs, line breaks, bold and italic text, lists, links, headings and tables only."


def rich_text_field() -> Any:
    return Field(..., description=RICH_TEXT)


class ConceptOut(Schema):
    subject: str = rich_text_field()
    scope_open: str = rich_text_field()
    scope_fixed: str = rich_text_field()
    decision_maker: str
    decision_where: str
    decision_when: str
    results_handling: str = rich_text_field()
    implementation: str = rich_text_field()
    staff_time: str
    external_costs: float | None
    external_moderation: bool | None
    project_group: str = rich_text_field()
    advisory_group: str = rich_text_field()
    current_version: int
    goals: list[GoalOut]
    versions: list[ConceptVersionOut]


class ProcessOut(Schema):
    id: Id
    plan_id: Id
    title: str
    concept: ConceptOut | None
    phases: list[PhaseOut]
    published_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class ProcessPage(Page):
    items: list[ProcessOut]


class AnswerOut(Schema):
    status: str
    status_label: str
    text: str
    unit: str | None = Field(..., description="The unit that answered (never a person).")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ContributionOut(Schema):
    id: Id
    process_id: Id
    phase_id: OptionalId
    kind: str
    kind_label: str
    title: str
    text: str
    latitude: float | None
    longitude: float | None
    quarter_id: OptionalId
    source: str
    source_label: str
    author_name: str | None = Field(
        ..., description="The display name (a pseudonym is fine); null when collected on site or deleted."
    )
    support_count: int
    comment_count: int
    answer_status: str | None
    answer: AnswerOut | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class ContributionPage(Page):
    items: list[ContributionOut]


class CommentOut(Schema):
    id: Id
    contribution_id: Id
    parent_id: OptionalId
    text: str
    author_name: str | None = Field(..., description="The display name; null for a deleted account.")
    created_at: datetime.datetime
    updated_at: datetime.datetime


class CommentPage(Page):
    items: list[CommentOut]


class ResponseOut(Schema):
    id: Id
    contribution_id: Id
    status: str
    status_label: str
    text: str
    unit: str | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ResponsePage(Page):
    items: list[ResponseOut]


class ReportOut(Schema):
    id: Id
    process_id: Id
    kind: str
    kind_label: str
    title: str
    text: str
    comments_until: datetime.date | None
    decision_where_when: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class ReportPage(Page):
    items: list[ReportOut]


class EventOut(Schema):
    id: Id
    process_id: OptionalId
    district_id: OptionalId
    org_unit_id: OptionalId
    title: str
    description: str
    format: str
    format_label: str
    start: datetime.datetime
    end: datetime.datetime
    place_name: str
    address: str
    latitude: float | None
    longitude: float | None
    step_free: bool
    hearing_loop: bool
    easy_language: bool
    sign_language: bool
    childcare: bool
    accessibility_note: str
    registration_required: bool
    capacity: int | None
    cancelled: bool
    cancellation_reason: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class EventPage(Page):
    items: list[EventOut]


class RecommendationOut(Schema):
    id: Id
    text: str
    position: int


class ResultOut(Schema):
    id: Id
    process_id: Id
    summary: str
    recommendations: list[RecommendationOut]
    published_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class ResultPage(Page):
    items: list[ResultOut]


class VerdictOut(Schema):
    recommendation_id: Id
    recommendation: str
    outcome: str
    outcome_label: str
    reason: str


class DecisionOut(Schema):
    id: Id
    process_id: Id
    decision_maker: str
    date: datetime.date | None
    body: str
    text: str
    council_paper: str | None
    responsible_kind: str
    responsible_unit_id: OptionalId
    responsible_name: str
    verdicts: list[VerdictOut]
    published_at: datetime.datetime
    updated_at: datetime.datetime
    url: str


class DecisionPage(Page):
    items: list[DecisionOut]


class MilestoneOut(Schema):
    id: Id
    process_id: Id
    parent_id: OptionalId
    title: str
    description: str
    planned_start: datetime.date
    planned_end: datetime.date
    actual_start: datetime.date | None
    actual_end: datetime.date | None
    status: str
    status_label: str
    progress: int
    weight: int | None
    updated_at: datetime.datetime
    url: str


class MilestonePage(Page):
    items: list[MilestoneOut]


class AssessmentOut(Schema):
    goal_id: Id
    goal: str
    target_value: str
    measured_value: str
    rating: str
    rating_label: str
    comment: str


class ScaleCount(Schema):
    value: int = Field(..., description="1 to 5 on the scale; 0: no answer.")
    label: str
    count: int


class ScaleQuestion(Schema):
    id: Id
    text: str
    answers: list[ScaleCount]


class EvaluationOut(Schema):
    id: Id
    process_id: Id
    accompanied: bool
    lessons_learned: str
    assessments: list[AssessmentOut]
    questions: list[ScaleQuestion] = Field(..., description="The scale questions with the count of every value.")
    questionnaires_online: int
    questionnaires_paper: int
    published_at: datetime.datetime | None
    updated_at: datetime.datetime
    url: str


class EvaluationPage(Page):
    items: list[EvaluationOut]


class DrawOut(Schema):
    public_number: str
    panel_index: int
    members: list[Any] = Field(..., description="Pseudonyms of the drawn panel.")
    drawn_at: datetime.datetime


class SortitionOut(Schema):
    id: Id
    process_id: OptionalId
    title: str
    description: str
    panel_size: int
    state: str
    state_label: str
    lottery: dict[str, Any] | None = Field(
        ..., description="The published lottery: the same canonical document as lottery_url, as JSON."
    )
    lottery_published_at: datetime.datetime | None
    lottery_url: str | None
    draw: DrawOut | None
    updated_at: datetime.datetime
    url: str


class SortitionPage(Page):
    items: list[SortitionOut]


class DistrictOut(Schema):
    id: Id
    number: int
    name: str
    slug: str
    boundary: dict[str, Any] | None = Field(..., description="GeoJSON geometry (WGS 84).")


class DistrictPage(Page):
    items: list[DistrictOut]


class QuarterOut(Schema):
    id: Id
    district_id: OptionalId
    name: str
    slug: str
    boundary: dict[str, Any] | None


class QuarterPage(Page):
    items: list[QuarterOut]


class FieldOfActionOut(Schema):
    id: Id
    name: str
    slug: str
    position: int


class FieldOfActionPage(Page):
    items: list[FieldOfActionOut]


class OrgUnitOut(Schema):
    id: Id
    parent_id: OptionalId
    kind: str
    kind_label: str
    short_name: str
    name: str
    website: str
    address: str
    dissolved_at: datetime.datetime | None
    successor_id: OptionalId


class OrgUnitPage(Page):
    items: list[OrgUnitOut]

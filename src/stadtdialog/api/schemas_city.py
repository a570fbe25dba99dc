"""The shapes of the API's lists of the city's services (queries_city.py): district pages, published concern
summaries, rooms and their busy times, the figures of the public report."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from stadtdialog.districts.models import ConcernStatus

from .schemas import Id, OptionalId, Page, PageParams, choice, id_param

# --- query parameters ------------------------------------------------------------------------------------------


class DistrictFilter(PageParams):
    district: int | None = id_param("Only this district (id).")


class ConcernParams(DistrictFilter):
    status: choice(ConcernStatus) | None = Field(None, description="Only concerns with this status.")


class BusyTimeParams(PageParams):
    room: int | None = id_param("Only the dates of this room (id).")


class ReportFigureParams(Schema):
    year: int = Field(..., ge=2000, le=2100, description="The year of the report.")
    district: int | None = id_param("Only this district (id).")
    field_of_action: int | None = id_param("Only this field of action (id).")
    directorate: int | None = id_param("Only plans of this directorate (id of a unit of kind directorate).")
    department: int | None = id_param("Only plans of this department (id of a unit of kind department).")


# --- answers ---------------------------------------------------------------------------------------------------


class NetworkOut(Schema):
    id: Id
    kind: str
    kind_label: str
    name: str
    topics: str
    meeting_rhythm: str
    quarter_id: OptionalId


class DistrictProfileOut(Schema):
    id: Id
    district_id: Id
    district_name: str
    introduction: str
    office_address: str = Field(..., description="The office of the district management (an address, no person).")
    office_hours: str
    concern_how: str = Field(..., description="How residents bring a concern to the district management.")
    networks: list[NetworkOut] = Field(..., description="The published networks, round tables and forums.")
    url: str
    updated_at: datetime.datetime


class DistrictProfilePage(Page):
    items: list[DistrictProfileOut]


class ConcernSummaryOut(Schema):
    id: Id
    district_id: Id
    quarter_id: OptionalId
    category: str
    status: str
    status_label: str
    summary: str = Field(..., description="The anonymised summary written by staff, published with consent.")
    published_at: datetime.datetime
    closed_at: datetime.datetime | None
    updated_at: datetime.datetime


class ConcernSummaryPage(Page):
    items: list[ConcernSummaryOut]


class RoomOut(Schema):
    id: Id
    name: str
    slug: str
    description: str
    capacity: int
    step_free: bool
    accessible_toilet: bool
    hearing_loop: bool
    accessibility_note: str
    fixed_equipment: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    district_id: OptionalId
    opening_hours: str
    fee: str = Field(..., description="Empty: free of charge.")
    url: str
    busy_times_ics: str = Field(..., description="The room's busy times as an iCalendar feed.")
    updated_at: datetime.datetime


class RoomPage(Page):
    items: list[RoomOut]


class BusyTimeOut(Schema):
    id: Id
    room_id: Id
    start: datetime.datetime
    end: datetime.datetime


class BusyTimePage(Page):
    items: list[BusyTimeOut]


Cell = str | int | float | bool | None


class FigureTableOut(Schema):
    key: str = Field(..., description="The table's key; its CSV is /berichte/tabelle/{key}.csv with the same filters.")
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str


class FigureSectionOut(Schema):
    name: str
    title: str
    tables: list[FigureTableOut]


class ReportFiguresOut(Schema):
    year: int
    district_id: OptionalId
    field_of_action_id: OptionalId
    directorate_id: OptionalId
    department_id: OptionalId
    url: str
    sections: list[FigureSectionOut]


class FundedProjectParams(DistrictFilter):
    round: int | None = id_param("Only the projects of this funding round (id).")


class FundingRoundOut(Schema):
    id: Id
    title: str
    slug: str
    description: str = Field(..., description="What may be funded.")
    budget: Decimal = Field(..., description="The round's budget in euros.")
    approved: Decimal = Field(..., description="What the committee approved so far, in euros.")
    remaining: Decimal = Field(..., description="Budget minus approved, in euros (never below zero).")
    submission_deadline: datetime.datetime
    committee_date: datetime.date
    open_to_initiatives: bool
    url: str
    updated_at: datetime.datetime


class FundingRoundPage(Page):
    items: list[FundingRoundOut]


class FundedProjectOut(Schema):
    id: Id
    round_id: Id
    title: str
    purpose: str
    approved_amount: Decimal = Field(..., description="The amount approved by the committee, in euros.")
    district_id: OptionalId = Field(..., description="Null for a citywide project.")
    field_of_action_id: OptionalId
    decided_at: datetime.datetime | None
    updated_at: datetime.datetime


class FundedProjectPage(Page):
    items: list[FundedProjectOut]


# --- district conferences and action programmes ------------------------------------------------------------------

DISTRICT_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class DistrictWorkParams(PageParams):
    district: str | None = Field(
        None, max_length=100, pattern=DISTRICT_SLUG, description="Only this district (its slug, as in /stadtbezirke/)."
    )


class DistrictConferenceParams(DistrictWorkParams):
    year: int | None = Field(None, ge=2000, le=2100, description="Only conferences held in this year.")


class DistrictRefOut(Schema):
    number: int
    name: str
    slug: str


class ConferenceItemOut(Schema):
    unit: str = Field(..., description="The department that carries out the measure (its short name).")
    measure: str
    starts_on: datetime.date
    due_on: datetime.date
    status: str = Field(..., description="A disputed item is published as in progress, as the district page shows it.")
    status_label: str
    overdue: bool


class ConferenceAgreementOut(Schema):
    id: Id
    title: str
    agreed_on: datetime.date
    units: list[str] = Field(..., description="The departments that agreed (short names; no person).")
    items: list[ConferenceItemOut]
    done: int
    total: int


class DistrictConferenceSummaryOut(Schema):
    id: Id
    district: DistrictRefOut
    held_on: datetime.date
    minutes_published_on: datetime.date = Field(
        ..., description="From this day on the agreements are public (the minutes' text stays with the participants)."
    )
    agreements: list[ConferenceAgreementOut]
    done: int
    total: int
    updated_at: datetime.datetime


class DistrictConferenceSummaryPage(Page):
    items: list[DistrictConferenceSummaryOut]


class ProgrammeDecisionOut(Schema):
    decided_on: datetime.date
    outcome: str
    outcome_label: str
    text: str = Field(..., description="What the directors' conference decided.")


class ProgrammePriorityOut(Schema):
    id: Id
    title: str
    field_of_action: str
    description: str
    agreed_on: datetime.date
    agreed_at: str
    state: str
    state_label: str
    state_note: str
    needs: list[Id]


class ProgrammeNeedOut(Schema):
    id: Id
    title: str
    text: str
    field_of_action: str
    source: str
    source_label: str
    source_on: datetime.date | None
    source_note: str
    points: int
    residents: int = Field(..., description="How many residents gave the need points.")
    answer_status: str
    answer_label: str
    answer_text: str


class ProgrammeRoundOut(Schema):
    id: Id
    title: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    points_per_resident: int
    residents: int
    needs: list[ProgrammeNeedOut]


class ActionProgrammeOut(Schema):
    id: Id
    district: DistrictRefOut
    title: str
    summary: str
    url: str
    decision: ProgrammeDecisionOut | None
    priorities: list[ProgrammePriorityOut]
    rounds: list[ProgrammeRoundOut]
    other_needs: list[ProgrammeNeedOut] = Field(..., description="Needs outside a prioritisation round.")
    updated_at: datetime.datetime


class ActionProgrammePage(Page):
    items: list[ActionProgrammeOut]

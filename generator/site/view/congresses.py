"""Student congresses: delegates, elections and their results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"

from markupsafe import Markup

from . import optional
from .people import Organization, Person, Step
from .proposals import Proposal


@dataclass(frozen=True)
class Request:
    submitted: Day
    to: str  # short name of the federation asked


@dataclass(frozen=True)
class Approval:
    by: str  # short name of the federation that approved
    date: Day


@dataclass(frozen=True)
class Delegate:
    person: Person
    college: str
    grade: str
    grade_name: str
    club: str
    recommended_by: str
    elected_by: str


@dataclass(frozen=True)
class CoverageRow:
    college: str
    counts: list[int]  # delegates per grade, in Coverage.grades order


@dataclass(frozen=True)
class ClubCount:
    name: str
    count: int


@dataclass(frozen=True)
class Coverage:
    """Delegates by college and grade, and by main club."""

    grades: list[str]
    grade_names: list[str]
    rows: list[CoverageRow]
    clubs: list[ClubCount]


@dataclass(frozen=True)
class WorkReport:
    title: str
    presented_by: str
    date: Day
    summary: Markup


@dataclass(frozen=True)
class Candidate:
    person: Person
    source: str
    votes: int | None  # only once the result is announced
    elected: bool
    steps: list[Step]
    political_status: str | None = optional()  # only where settings publish it


@dataclass(frozen=True)
class Election:
    name: str
    date: Day
    seats: int
    candidates: list[Candidate]
    show_status: bool
    announced: bool


@dataclass(frozen=True)
class PartyApproval:
    by: str
    date: Day


@dataclass(frozen=True)
class Filing:
    to: str
    date: Day


@dataclass(frozen=True)
class Results:
    announced: Day | None
    approved: PartyApproval | None  # only once approved on or before today
    filed: Filing | None
    state: str  # pending, approved or filed
    badge: str


@dataclass(frozen=True)
class Congress:
    id: str
    name: str
    organization: Organization | None
    term: str
    date: Day
    year: int
    held: bool
    request: Request | None
    approval: Approval | None
    delegates: list[Delegate]
    students: int
    quota: int
    coverage: Coverage
    work_report: WorkReport | None
    elections: list[Election]
    results: Results
    proposals: list[Proposal]
    changed: Day | None

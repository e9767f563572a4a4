"""An organization's roster for one academic year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"

from .people import Adviser, Member, Organization, Person


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    function: str
    heads: list[Member]
    staff: list[Member]


@dataclass(frozen=True)
class Chair:
    """The executive chair of one semester."""

    semester: str
    semester_name: str
    start: Day | None
    person: Person


@dataclass(frozen=True)
class VolunteerProject:
    project: str
    start: Day | None
    end: Day | None
    count: int


@dataclass(frozen=True)
class Expansion:
    reason: str
    explanation: str


@dataclass(frozen=True)
class Roster:
    id: str
    organization: Organization | None
    term: str
    term_name: str
    start: Day | None
    end: Day | None
    presidium: list[Member]
    departments: list[Department]
    chairs: list[Chair]
    size: int
    volunteers: list[VolunteerProject]
    expansion: Expansion | None
    adviser: Adviser | None
    changed: Day | None

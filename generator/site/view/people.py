"""People and organizations as the site shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"

from . import optional


@dataclass(frozen=True)
class Person:
    """A person's public fields; an unknown ID (only in data that fails the check) has just a name."""

    id: str
    name: str
    college: str
    degree: str
    enrolled: int | None = optional()
    major: str | None = optional()


@dataclass(frozen=True)
class Channel:
    type: str
    name: str
    description: str


@dataclass(frozen=True)
class Adviser:
    name: str
    title: str
    full_time: bool


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    short_name: str
    type: str
    is_fed: bool
    college_name: str
    league_org: str
    party_org: str
    main_clubs: list[str]
    rights_mechanism: str
    channels: list[Channel]
    students: dict[str, int]  # term ID -> students
    advisers: dict[str, Adviser]  # term ID -> adviser
    changed: Day | None


@dataclass(frozen=True)
class Step:
    """One step of a selection procedure (recommended, approved, decided…)."""

    action: str
    body: str
    name: str
    date: Day


@dataclass(frozen=True)
class Member:
    person: Person
    title: str
    appointed: Day
    left: Day | None
    from_college_union: bool
    steps: list[Step]
    # as of today: serving / left (on or before today) / planned (拟任: appointed after today) / ended (term over)
    state: str = "serving"
    reason: str = ""  # the leaving reason, only where the record marks it public (a 罢免 stays private)
    replaces: str = ""  # the name of the member an 增补 replaces

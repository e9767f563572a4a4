"""Proposals and how each office handles them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"

from markupsafe import Markup

from .people import Organization


@dataclass(frozen=True)
class CongressLink:
    id: str
    name: str


@dataclass(frozen=True)
class Event:
    status: str
    status_name: str
    date: Day
    note: str


@dataclass(frozen=True)
class Answer:
    office: str
    date: Day | None
    text: Markup
    summary: str


@dataclass(frozen=True)
class Proposal:
    """A proposal as of today: events and answers dated later are not in it."""

    id: str
    title: str
    text: Markup
    summary: str
    submitters: list[str]
    office: str
    congress: CongressLink | None
    organization: Organization | None
    year: int
    submitted: Day
    status: str
    status_name: str
    history: list[Event]
    answers: list[Answer]
    accepted: Day | None
    answered: Day | None
    due: Day | None
    days: int | None
    overdue: bool
    changed: Day | None


@dataclass(frozen=True)
class Office:
    """How one office handles its proposals."""

    office: str
    total: int
    answered: int
    overdue: int
    median_days: float | None


@dataclass(frozen=True)
class Counts:
    """Proposals by state, for the home page."""

    total: int
    answered: int
    in_progress: int
    not_accepted: int
    overdue: int

"""Semester reviews (述职评议)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"

from .people import Organization, Person


@dataclass(frozen=True)
class BoardSeats:
    role: str
    count: int


@dataclass(frozen=True)
class Evaluation:
    person: Person
    post: str
    scores: list[str]  # one per dimension, in models.DIMENSIONS order ("—" when not scored)
    outcome: str


@dataclass(frozen=True)
class Review:
    id: str
    organization: Organization | None
    semester: str
    semester_name: str
    date: Day
    board: list[BoardSeats]
    board_size: int
    evaluations: list[Evaluation]
    outcomes: dict[str, int]
    changed: Day | None

"""The whole public view: what every page, feed and download is built from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"

from .announcements import Announcement
from .compliance import RuleStatus
from .congresses import Congress
from .kinds import Section
from .people import Organization
from .proposals import Counts, Office, Proposal
from .reviews import Review
from .rosters import Roster


@dataclass(frozen=True)
class Plan:
    """The governing plan, as the site names and links it."""

    title: str
    number: str | None
    url: str | None


@dataclass(frozen=True)
class Term:
    id: str
    name: str


@dataclass(frozen=True)
class Semester:
    id: str
    name: str
    start: Day
    end: Day


@dataclass(frozen=True)
class View:
    site_name: str
    plan: Plan
    today: Day
    federation: Organization | None
    term: Term | None
    semester: Semester | None
    organizations: list[Organization]
    rosters: dict[str, list[Roster]]  # organization id -> rosters, oldest first
    congresses: list[Congress]  # newest first
    reviews: list[Review]  # newest first
    proposals: list[Proposal]  # newest first
    announcements: list[Announcement]  # free-form and election results, newest first
    compliance: list[RuleStatus]
    kinds: list[Section]  # kinds published by their declaration (Kind.public_fields), in declaration order
    offices: list[Office]
    counts: Counts
    response_days: int

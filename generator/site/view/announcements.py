"""Announcements: notices written by staff, and election result notices made from congresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"

from markupsafe import Markup

from . import optional
from .congresses import Congress
from .people import Organization


@dataclass(frozen=True)
class PublicationReview:
    reviewer: str
    body: str
    date: Day


@dataclass(frozen=True)
class Announcement:
    id: str
    url: str
    kind: str  # notice or results
    title: str
    date: Day
    organization: Organization | None
    body: Markup
    summary: str
    review: PublicationReview | None
    badge: str
    changed: Day | None
    congress: Congress | None = optional()  # result notices only
    state: str | None = optional()  # result notices only

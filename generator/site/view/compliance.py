"""The compliance page: every rule, its status, and what may be published of its findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"


@dataclass(frozen=True)
class Pointer:
    """The published page a finding is about."""

    title: str
    url: str
    date: Day | None


@dataclass(frozen=True)
class Finding:
    message: str
    record: Pointer | None


@dataclass(frozen=True)
class Waiver:
    record: str  # empty for a rule over private data
    page: Pointer | None  # the waived record's page, if it has one (never for private data)
    reason: str  # empty for a rule over private data
    approved_by: str
    approved_on: Day
    expires: Day


@dataclass(frozen=True)
class RuleStatus:
    id: str
    severity: str
    clause: str
    phrase: str
    title: str
    explanation: str
    status: str  # pass, warning, waived or error
    status_name: str
    findings: list[Finding]  # none for a rule over private data
    hidden: int  # how many findings of a rule over private data are not shown
    waivers: list[Waiver]

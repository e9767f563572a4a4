"""Proposal deadlines and status, shared by the rules and the site so both say the same thing."""

from __future__ import annotations

from datetime import date, timedelta

from ..records.models import Proposal


def event_date(proposal: Proposal, status: str) -> date | None:
    """Date of the first history event with ``status``."""
    return next((e.date for e in proposal.history if e.status == status), None)


def due_date(proposal: Proposal, response_days: int) -> date | None:
    """An accepted proposal must be answered within ``response_days`` of acceptance."""
    accepted = event_date(proposal, "accepted")
    return accepted + timedelta(days=response_days) if accepted else None


def answered_on(proposal: Proposal) -> date | None:
    return event_date(proposal, "answered")


def is_overdue(proposal: Proposal, response_days: int, today: date) -> bool:
    """Accepted, past its due date, and still without an answer (as of ``today``)."""
    due = due_date(proposal, response_days)
    if due is None or today <= due:
        return False
    answered = answered_on(proposal)
    return answered is None or answered > today


def days_taken(proposal: Proposal) -> int | None:
    """Days from submission to the first answer."""
    answered = answered_on(proposal)
    return (answered - proposal.history[0].date).days if answered else None


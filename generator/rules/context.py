"""What a rule sees: the dataset, "today", and lookups that many rules share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..records import models
from ..records.dataset import Dataset
from .registry import Violation

PRESIDIUM = "presidium"
HEAD = "head"
STAFF = "staff"


@dataclass(frozen=True)
class Seat:
    """One person's place in a roster: presidium member, department head or department staff."""

    role: str
    member: models.Member
    department: models.Department | None = None


@dataclass
class Context:
    data: Dataset
    today: date
    _memo: dict = field(default_factory=dict)

    # ------------------------------------------------------------ settings
    @cached_property
    def settings(self) -> models.Settings:
        if self.data.settings is not None:
            return self.data.settings
        return models.Settings.fallback()

    @property
    def federation_id(self) -> str:
        if self.settings.federation:
            return self.settings.federation
        feds = [o.id for o in self.data.of(models.Organization).values() if o.type == "federation"]
        return feds[0] if feds else ""

    def org(self, org_id: str) -> models.Organization | None:
        return self.data.of(models.Organization).get(org_id)

    def on_side(self, org_id: str, fed: bool) -> bool:
        """Whether ``org_id`` is the federation (``fed``) or a college union (not ``fed``).

        An unknown organization is on neither side: the integrity rules report the reference.
        """
        org = self.data.of(models.Organization).get(org_id)
        return org is not None and (org.type == "federation") == fed

    # ------------------------------------------------------------ time
    def past(self, day: date | None) -> bool:
        """True when ``day`` has come (rules never judge what is dated after today)."""
        return day is not None and day <= self.today

    def term_semesters(self, term_id: str) -> list[models.Semester]:
        term = self.data.of(models.Term).get(term_id)
        return sorted(term.semesters, key=lambda s: s.start) if term else []

    def started_semesters(self, term_id: str) -> list[models.Semester]:
        return [s for s in self.term_semesters(term_id) if self.past(s.start)]

    def ended_semesters(self, term_id: str) -> list[models.Semester]:
        return [s for s in self.term_semesters(term_id) if s.end < self.today]

    def semester_on(self, day: date) -> models.Semester | None:
        by_day = self._memo.setdefault("semester on", {})
        if day not in by_day:
            by_day[day] = next((s for s in self.data.semesters.values() if s.start <= day <= s.end), None)
        return by_day[day]

    # ------------------------------------------------------------ rosters
    # Many rules walk the rosters and their seats: each list is made once per check (the data
    # does not change while rules run), and rules only read them.
    def rosters(self, fed: bool | None = None) -> tuple[models.Roster, ...]:
        """Rosters whose term has started, in term order: all, or only the federation's or the colleges'."""
        found = self._memo.get(("rosters", fed))
        if found is None:
            out = []
            terms = self.data.of(models.Term)
            for roster in self.data.of(models.Roster).values():
                term = terms.get(roster.term)
                if term is not None and self.past(term.start) and (fed is None or self.on_side(roster.organization, fed)):
                    out.append(roster)
            found = self._memo[("rosters", fed)] = tuple(sorted(out, key=lambda r: (terms[r.term].start, r.organization)))
        return found

    def rosters_of(self, org_id: str) -> tuple[models.Roster, ...]:
        by_org = self._memo.get("rosters by organization")
        if by_org is None:
            by_org = self._memo["rosters by organization"] = {}
            for roster in self.rosters():
                by_org[roster.organization] = by_org.get(roster.organization, ()) + (roster,)
        return by_org.get(org_id, ())

    def seats(self, roster: models.Roster) -> tuple[Seat, ...]:
        memo = self._memo.setdefault("seats", {})
        found = memo.get(id(roster))
        if found is None or found[0] is not roster:
            out = [Seat(PRESIDIUM, member) for member in roster.presidium]
            for department in roster.departments:
                out.extend(Seat(HEAD, member, department) for member in department.heads)
                out.extend(Seat(STAFF, member, department) for member in department.staff)
            found = memo[id(roster)] = (roster, tuple(out))
        return found[1]

    def snapshots(self, roster: models.Roster, members: list[models.Member]) -> list[tuple[date, list[models.Member]]]:
        """Who of ``members`` serves on each day the roster changes, from the term's start to today
        (or its end): counts are of people serving on the same day, never of everyone ever listed."""
        term = self.data.of(models.Term).get(roster.term)
        if term is None or not members:
            return []
        start, end = term.start, min(term.end, self.today)
        days = {start} | {d for m in members for d in (m.appointed, m.left) if d is not None and start <= d <= end}
        return [(day, [m for m in members if serves_on(m, day)]) for day in sorted(days)]

    def most_at_once(self, roster: models.Roster, members: list[models.Member],
                     distinct: bool = False) -> tuple[int, date | None]:
        """The largest number of ``members`` serving on one day, and the first such day (``distinct``:
        count people, not posts)."""
        best, when = 0, None
        for day, serving in self.snapshots(roster, members):
            count = len({m.person for m in serving}) if distinct else len(serving)
            if count > best:
                best, when = count, day
        return best, when

    def staff_count(self, roster: models.Roster) -> tuple[int, date | None]:
        """Most people holding a post (presidium + department heads + staff) on one day; volunteers never count."""
        return self.most_at_once(roster, [seat.member for seat in self.seats(roster)], distinct=True)

    def serves_in(self, member: models.Member, semester: models.Semester) -> bool:
        """A member serves in a semester when appointed by its end and not gone by its start."""
        return member.appointed <= semester.end and (member.left is None or member.left > semester.start)

    # ------------------------------------------------------------ people
    def name(self, person_id: str) -> str:
        person = self.data.of(models.Person).get(person_id)
        return person.name if person else person_id

    # ------------------------------------------------------------ reporting
    @staticmethod
    def violation(node: models.Node, message: str, fix: str, *fields: Any) -> Violation:
        return Violation(node, message, fix, tuple(fields))


def serves_on(member: models.Member, day: date) -> bool:
    """Serving from ``appointed`` up to the day before ``left`` (the leaving day is the first day
    without the post, so a replacement appointed that day is never counted with them)."""
    return member.appointed <= day and (member.left is None or day < member.left)


def on_day(day: date | None) -> str:
    return f"（{day} 当天同时在任）" if day else ""


def latest(entries: list, field: str, day: date):
    """The last entry whose ``field`` date is on or before ``day`` (entries in any order; of equal
    dates, the first)."""
    found, when = None, None
    for entry in entries:
        value = getattr(entry, field)
        if value <= day and (when is None or value > when):
            found, when = entry, value
    return found

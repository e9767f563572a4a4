"""A year in the life: the sample's federation and one college union, replayed day by day.

Starting from the sample (2026-11-24), records are added on the day things happen, as staff
would add them: proposals answered on time and late, a staff resignation and its replacement,
the semester change and its new 执行主席, reviews and Party reports, a presidium resignation
and the by-election at the planned congress session, a new term with its congress and roster,
and a waiver expiring. Every day is checked in-process: no error on any day, and each status
change (逾期 on day 91 after acceptance, a waived warning returning the day after the waiver
expires) appears on exactly its day. The other colleges' records are left out to keep it fast.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Callable

import pytest
from pydantic import BaseModel

from generator.records import models
from generator.records.dataset import Dataset, load
from generator.rules.check import check_dataset
from tests.conftest import SAMPLE, TODAY

KEEP = {"fed", "jichu"}
END = TODAY + timedelta(days=364)
YEAR = timedelta(days=364)  # 2026-10-18 (Sunday) → 2027-10-17 (Sunday)


def _owner(record: models.Record, data: Dataset) -> str | None:
    if isinstance(record, models.Proposal):
        return data.of(models.Congress)[record.congress].organization
    if isinstance(record, models.Waiver):
        return record.record.split("-")[0]
    if isinstance(record, models.Misconduct):
        return record.private.organization
    return getattr(record, "organization", None)


def the_sample() -> Dataset:
    data = load(SAMPLE)
    drop = [(bucket, i) for bucket in data.records.values() for i, r in bucket.items()
            if _owner(r, data) not in (None, *KEEP)]
    for bucket, record_id in drop:
        del bucket[record_id]
    return data


def shifted(node: BaseModel, by: timedelta) -> BaseModel:
    """A deep copy with every date moved by ``by`` (a record of next year from this year's)."""
    copy = node.model_copy(deep=True)

    def walk(value):
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                setattr(value, name, walk(getattr(value, name)))
            return value
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value + by if isinstance(value, date) else value
    return walk(copy)


def answer(proposal_id: str, day: date) -> Callable[[Dataset], None]:
    def run(data: Dataset) -> None:
        proposal = data.of(models.Proposal)[proposal_id]
        if proposal.history[-1].status == "accepted":
            proposal.history.append(models.Event(status="in_progress", date=day))
        proposal.history.append(models.Event(status="answered", date=day))
        proposal.answers.append(models.Answer(office=proposal.office, date=day, text="已办理，情况如下。"))
    return run


def add(kind: type[models.Record], record: models.Record) -> Callable[[Dataset], None]:
    def run(data: Dataset) -> None:
        data.of(kind)[record.id] = record
        if isinstance(record, models.Term):
            for semester in record.semesters:
                data.semesters[semester.id] = semester
    return run


def the_year() -> dict[date, list[Callable[[Dataset], None]]]:
    """Events by day, written against the sample's records."""
    data = load(SAMPLE)
    of = data.of
    fed, jichu = of(models.Roster)["fed-2026-2027"], of(models.Roster)["jichu-2026-2027"]
    events: dict[date, list] = defaultdict(list)

    def on(day: date, event: Callable[[Dataset], None]) -> None:
        events[day].append(event)

    def roster(data: Dataset, record_id: str) -> models.Roster:
        return data.of(models.Roster)[record_id]

    # proposals: the old overdue one answered; some answered on time; fed-2026-003 left until late
    on(date(2026, 12, 10), answer("fed-2025-001", date(2026, 12, 10)))
    for pid in ("fed-2026-004", "fed-2026-009", "fed-2026-010", "jichu-2026-003", "jichu-2026-004"):
        on(date(2026, 12, 15), answer(pid, date(2026, 12, 15)))
    on(date(2027, 2, 10), answer("fed-2026-003", date(2027, 2, 10)))

    # the planned congress session is approved by the federation
    on(date(2026, 12, 5), lambda d: setattr(d.of(models.Congress)["jichu-2026-2"], "approval",
                                           models.Approval(by="fed", date=date(2026, 12, 5))))

    # Party reports each semester, reviews at each semester's end
    for day in (date(2026, 12, 20), date(2027, 4, 20)):
        for org in ("fed", "jichu"):
            party = of(models.Organization)[org].party_org
            report = models.PartyReport(schema="gongshi/v1", id=f"{org}-{day}-report", organization=org, to=party,
                                        date=day, summary="汇报工作进展。")
            on(day, add(models.PartyReport, report))
    board = of(models.Review)["fed-2025-2026-1"].board
    for semester, day in (("2026-2027-1", date(2027, 1, 15)), ("2026-2027-2", date(2027, 8, 20))):
        def review(data: Dataset, semester=semester, day=day) -> None:
            r = roster(data, "fed-2026-2027")
            term = data.semesters[semester]
            people = [(m.person, "主席团成员") for m in r.presidium
                      if m.appointed <= term.end and (m.left is None or m.left > term.start)]
            people += [(m.person, "部门负责人") for dep in r.departments for m in dep.heads]
            scores = models.Scores(**{d: "良好" for d in models.DIMENSIONS})
            data.of(models.Review)[f"fed-{semester}"] = models.Review(
                schema="gongshi/v1", id=f"fed-{semester}", organization="fed", semester=semester, date=day,
                board=board, evaluations=[models.Evaluation(person=p, post=post, scores=scores, outcome="良好")
                                          for p, post in people])
        on(day, review)

    # a federation staff member resigns; a replacement is recommended, audited and appointed
    leaver = fed.departments[0].staff[0]
    newcomer = of(models.Person)[leaver.person].model_copy(update={"id": "2027-fed-quanyi-s9", "name": "汪新"})
    on(date(2027, 1, 5), lambda d: d.of(models.Roster)["fed-2026-2027"].departments[0].staff[0].__dict__.update(
        left=date(2027, 1, 5), left_reason="辞职", reason_public=True))
    on(date(2027, 1, 10), add(models.Person, newcomer))
    steps = [models.Step(action=s.action, body=s.body, name=s.name, date=day)
             for s, day in zip(leaver.selection, (date(2027, 1, 10), date(2027, 1, 17)))]
    replacement = models.Member(person=newcomer.id, appointed=date(2027, 1, 20), replaces=leaver.person,
                                from_college_union=True, selection=steps)
    on(date(2027, 1, 20), lambda d: d.of(models.Roster)["fed-2026-2027"].departments[0].staff.append(replacement))
    induction = of(models.Training)["fed-2026-2027-induction"].model_copy(
        update={"id": "fed-2026-2027-induction-3", "date": date(2027, 3, 5), "attendees": [newcomer.id]})
    on(date(2027, 3, 5), add(models.Training, induction))

    # the semester changes: a new 执行主席 in each union, on the first day
    for record_id, person in (("fed-2026-2027", fed.presidium[1].person), ("jichu-2026-2027", jichu.presidium[1].person)):
        on(date(2027, 2, 17), lambda d, record_id=record_id, person=person: roster(d, record_id).executive_chairs.append(
            models.ExecutiveChair(semester="2026-2027-2", person=person)))

    # a jichu presidium member resigns; the planned session of 2027-03-21 holds a by-election
    resigned, runner_up = jichu.presidium[2].person, "2026-jichu-c4"
    on(date(2027, 2, 20), lambda d: roster(d, "jichu-2026-2027").presidium[2].__dict__.update(
        left=date(2027, 2, 20), left_reason="辞职"))
    autumn = of(models.Congress)["jichu-2026"]
    candidate = next(c for c in autumn.elections[0].candidates if c.person == runner_up).model_copy(deep=True)
    for step, day in zip(candidate.selection, (date(2027, 3, 4), date(2027, 3, 11), date(2027, 3, 18))):
        step.date = day
    candidate.votes, candidate.elected = 88, True

    def by_election(data: Dataset) -> None:
        session = data.of(models.Congress)["jichu-2026-2"]
        session.delegates = [d.model_copy() for d in autumn.delegates]
        session.work_report = models.WorkReport(title="主席团上学期工作报告", presented_by="主席团", date=date(2027, 3, 21))
        session.elections = [models.Election(name="主席团成员补选", date=date(2027, 3, 21), seats=1, candidates=[candidate])]
        session.results = models.Results(announced=date(2027, 3, 21))
    on(date(2027, 3, 21), by_election)
    on(date(2027, 3, 28), lambda d: setattr(d.of(models.Congress)["jichu-2026-2"].results, "approved",
                                           models.ApprovalByParty(by="基础医学院党委", date=date(2027, 3, 28))))
    on(date(2027, 3, 28), lambda d: roster(d, "jichu-2026-2027").presidium.append(models.Member(
        person=runner_up, appointed=date(2027, 3, 28), replaces=resigned, from_college_union=True)))
    on(date(2027, 4, 8), lambda d: setattr(d.of(models.Congress)["jichu-2026-2"].results, "filed",
                                          models.Filing(to="上海交通大学医学院学生联合会", date=date(2027, 4, 8))))
    on(date(2027, 4, 15), add(models.Training, induction.model_copy(
        update={"id": "jichu-2026-2027-induction-3", "organization": "jichu", "date": date(2027, 4, 15),
                "attendees": [runner_up]})))

    # a new term: its record in June; the federation's congress and roster in October
    term = shifted(of(models.Term)["2026-2027"], timedelta(days=365))
    term = term.model_copy(update={"id": "2027-2028", "name": "2027—2028学年"})
    for n, semester in enumerate(term.semesters, start=1):
        semester.id, semester.name = f"2027-2028-{n}", f"2027—2028学年第{'一二'[n - 1]}学期"
    term.end = term.semesters[1].end = date(2028, 8, 31)  # 2028 is a leap year
    on(date(2027, 6, 1), add(models.Term, term))
    congress = shifted(of(models.Congress)["fed-2026"], YEAR).model_copy(
        update={"id": "fed-2027", "term": "2027-2028", "name": "上海交通大学医学院学生联合会2027年学生代表大会"})
    filed = congress.results.filed
    congress.results = congress.results.model_copy(update={"approved": None, "filed": None})
    on(congress.date, add(models.Congress, congress))
    approved = models.ApprovalByParty(by="医学院党委", date=congress.date + timedelta(days=7))
    on(approved.date, lambda d: setattr(d.of(models.Congress)["fed-2027"].results, "approved", approved))
    on(filed.date, lambda d: setattr(d.of(models.Congress)["fed-2027"].results, "filed", filed))
    new_roster = shifted(fed, YEAR).model_copy(update={"id": "fed-2027-2028", "term": "2027-2028", "volunteers": []})
    for member in new_roster.presidium:
        member.appointed = approved.date + timedelta(days=1)
    for department in new_roster.departments:  # everyone starts the new term together
        department.staff = [m for m in department.staff if m.left is None]
        for member in department.staff:
            if member.replaces:
                member.replaces, member.appointed = None, department.staff[0].appointed
                member.selection = [step.model_copy() for step in department.staff[0].selection]
    new_roster.executive_chairs = [models.ExecutiveChair(semester="2027-2028-1", person=fed.presidium[2].person)]

    def new_term(data: Dataset) -> None:
        org = data.of(models.Organization)["fed"]
        org.advisers.append(org.advisers[-1].model_copy(update={"term": "2027-2028"}))
        data.of(models.Roster)[new_roster.id] = new_roster
    on(approved.date + timedelta(days=1), new_term)
    return events


def test_a_year_in_the_life():
    data, events = the_sample(), the_year()
    overdue_days, waived_days, errors = [], [], {}
    day = TODAY
    while day <= END:
        for event in events.pop(day, []):
            event(data)
        outcome = check_dataset(data, day)
        if outcome.errors:
            errors[day] = [(f.rule, f.message) for f in outcome.errors]
        if any(f.rule == "rights.proposal-answered" and "2027-01-23 到期" in f.message for f in outcome.active):
            overdue_days.append(day)
        if any(f.rule == "size.college-total-range" and f.waived_by for f in outcome.findings):
            waived_days.append(day)
        elif any(f.rule == "size.college-total-range" and "jichu-2026-2027-size 已于 2027-08-31 到期" in f.message
                 for f in outcome.active):
            waived_days.append(("returned", day))
        day += timedelta(days=1)
    assert events == {}, "every event happened within the year"
    assert errors == {}, next(iter(errors.items()))
    # accepted 2026-10-25: due on day 90 (2027-01-23), 逾期 from day 91 until the late answer of 2027-02-10
    assert overdue_days == [date(2027, 1, 24) + timedelta(days=n) for n in range(17)]
    # the waiver covers its last day, 2027-08-31; the warning is back the day after
    waived = [d for d in waived_days if isinstance(d, date)]
    assert waived == [TODAY + timedelta(days=n) for n in range((date(2027, 8, 31) - TODAY).days + 1)]
    assert waived_days[len(waived)] == ("returned", date(2027, 9, 1))


@pytest.mark.parametrize("day, expected", [(date(2026, 12, 9), True), (date(2026, 12, 10), False)])
def test_the_old_overdue_proposal_stops_being_overdue_the_day_it_is_answered(day, expected):
    data, events = the_sample(), the_year()
    for when in sorted(events):
        if when <= day:
            for event in events[when]:
                event(data)
    outcome = check_dataset(data, day)
    overdue = any(f.rule == "rights.proposal-answered" and "2026-01-23 到期" in f.message for f in outcome.active)
    assert overdue is expected and outcome.errors == []


def test_a_forgotten_semester_change_is_an_error_from_its_first_day():
    """Failing twin: without the new 执行主席, structure.exec-chair-each-semester appears on 2027-02-17, not before."""
    data, events = the_sample(), the_year()
    events[date(2027, 2, 17)] = []
    first = None
    day = date(2027, 2, 10)
    for when in sorted(events):
        if when < day:
            for event in events[when]:
                event(data)
    while first is None and day <= date(2027, 2, 20):
        for event in events.get(day, []):
            event(data)
        if any(f.rule == "structure.exec-chair-each-semester" for f in check_dataset(data, day).errors):
            first = day
        day += timedelta(days=1)
    assert first == date(2027, 2, 17)

"""No future facts: a record cannot report as done something dated after "today".

Planned dates (a congress's scheduled day, a 重大活动 reported beforehand, a member's announced
leaving day, a volunteer project, a training) may lie ahead; the site shows them as planned.
"""

from __future__ import annotations

from datetime import date
from itertools import permutations
from typing import Iterator

from ..records import models
from .context import PRESIDIUM, Context
from .integrity import CLAUSE
from .registry import Violation, rule

RECENT_YEARS = 10  # a suggested correction lies at most this many years before today


def likely_typo(day: date, today: date) -> date | None:
    """The nearest date on or before ``today`` one slip away from ``day``: transposed year digits
    (2052 → 2025), one year digit off (2036 → 2026), or month and day swapped."""
    year = f"{day.year:04d}"
    years = {int("".join(p)) for p in permutations(year)}
    years |= {int(year[:i] + d + year[i + 1:]) for i in range(4) for d in "0123456789"}
    candidates = set()
    for y, month, dom in [(y, day.month, day.day) for y in years] + [(day.year, day.day, day.month)]:
        try:
            candidates.add(date(y, month, dom))
        except ValueError:
            continue
    candidates.discard(day)
    earliest = date(max(today.year - RECENT_YEARS, 1), 1, 1)
    fits = [c for c in candidates if earliest <= c <= today]
    return max(fits) if fits else None


def awaiting_approval(ctx: Context, roster: models.Roster) -> set[str]:
    """People elected to this roster's presidium by a congress whose results the Party organization
    has not approved yet (as of today): their appointment date is planned (拟任), not a fact."""
    out: set[str] = set()
    for congress in ctx.data.of(models.Congress).values():
        if congress.organization == roster.organization and congress.term == roster.term and ctx.past(congress.date):
            approved = congress.results.approved
            if approved is None or not ctx.past(approved.date):
                out |= {c.person for e in congress.elections for c in e.candidates if c.elected}
    return out


def _facts(ctx: Context) -> Iterator[tuple[models.Node, str, date, str]]:
    """(node, field, date, what) for every date that reports something as already done."""
    data = ctx.data
    for roster in data.of(models.Roster).values():
        planned = awaiting_approval(ctx, roster)
        for seat in ctx.seats(roster):
            if not (seat.role == PRESIDIUM and seat.member.person in planned):
                yield seat.member, "appointed", seat.member.appointed, "任职"
            for step in seat.member.selection:
                yield step, "date", step.date, f"遴选步骤“{step.body}{step.action}”"
    for congress in data.of(models.Congress).values():
        if congress.request is not None:
            yield congress.request, "submitted", congress.request.submitted, "提交请示"
        if congress.approval is not None:
            yield congress.approval, "date", congress.approval.date, "学联批复"
        if congress.work_report is not None and congress.date <= ctx.today:  # planned with a planned congress
            yield congress.work_report, "date", congress.work_report.date, "工作报告"
        for election in congress.elections:
            if any(c.elected or c.votes is not None for c in election.candidates):
                yield election, "date", election.date, "选举（已记录得票或当选）"
            for candidate in election.candidates:
                for step in candidate.selection:
                    yield step, "date", step.date, f"候选人遴选步骤“{step.body}{step.action}”"
        results = congress.results
        if results.announced is not None:
            yield results, "announced", results.announced, "选举结果公告"
        if results.approved is not None:
            yield results.approved, "date", results.approved.date, "党组织批准"
        if results.filed is not None:
            yield results.filed, "date", results.filed.date, "报上级学联备案"
    for review in data.of(models.Review).values():
        yield review, "date", review.date, "述职评议"
    for report in data.of(models.PartyReport).values():
        yield report, "date", report.date, "向党组织汇报"
    for matter in data.of(models.Matter).values():
        if matter.reported is not None:
            yield matter.reported, "date", matter.reported.date, "重大事项报告"
    for proposal in data.of(models.Proposal).values():
        for event in proposal.history:
            yield event, "date", event.date, f"提案办理（{models.STATUS_NAMES[event.status]}）"
        for answer in proposal.answers:
            if answer.date is not None:
                yield answer, "date", answer.date, "提案答复"
    for notice in data.of(models.Announcement).values():
        yield notice, "date", notice.date, "公告发布"
        if notice.review is not None:
            yield notice.review, "date", notice.review.date, "公告审核"
    for honor in data.of(models.Honor).values():
        yield honor, "date", honor.date, "评奖评优"
    for waiver in data.of(models.Waiver).values():
        yield waiver, "approved_on", waiver.approved_on, "豁免批准"
    for case in data.of(models.Misconduct).values():
        for name, what in (("investigated_on", "调查"), ("reported_on", "报告党组织")):
            day = getattr(case.private, name)
            if day is not None:
                yield case.private, name, day, what


@rule("data.future-date", "error", CLAUSE, "", "不能记录将来的事",
      "记录里已经发生的事（任职、遴选步骤、请示、批复、选举、结果公告与批准、备案、述职评议、汇报、提案办理与答复、"
      "公告与审核、评奖、豁免批准）不能晚于“今天”。计划中的日期可以在将来：代表大会的会期、提前报告的重大活动、"
      "拟离任日期、志愿者项目、培训，以及选举结果待党组织批准的主席团成员的任职日期（拟任）；网站把它们显示为“计划”。",
      "答复日期写成 2052-11-18（应为 2025-11-18）。", private=True)  # reads misconduct dates
def future_date(ctx: Context) -> Iterator[Violation]:
    for node, field, day, what in _facts(ctx):
        if day > ctx.today:
            typo = likely_typo(day, ctx.today)
            hint = f"，是不是 {typo} 的笔误？" if typo else "。"
            yield ctx.violation(node, f"{what}日期 {day} 晚于今天（{ctx.today}）：已经发生的事不能记在将来{hint}",
                                f"改为实际日期{f'（如 {typo}）' if typo else ''}；尚未发生的事等发生后再记录", field)

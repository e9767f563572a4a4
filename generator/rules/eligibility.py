"""§2.4 遴选条件: political status and grades of every staff member, as of the appointment date.

Messages never state the private values themselves (rank, status, failed courses).
"""

from __future__ import annotations

from typing import Iterator

from ..records import models
from .context import Context, latest
from .registry import Violation, rule

ELIGIBLE_STATUS = {"中共党员", "中共预备党员", "共青团员"}


def _members(ctx: Context) -> list[tuple]:
    """Each (member, person, status, academic) once per roster and person, appointed by today."""
    if "eligibility" in ctx._memo:
        return ctx._memo["eligibility"]
    ctx._memo["eligibility"] = out = []
    people = ctx.data.of(models.Person)
    for roster in ctx.rosters():
        seen = set()
        for seat in ctx.seats(roster):
            member = seat.member
            person = people.get(member.person)
            if person is None or member.person in seen or not ctx.past(member.appointed):
                continue
            seen.add(member.person)
            status = latest(person.private.political_status, "since", member.appointed)
            academic = latest(person.private.academic, "as_of", member.appointed)
            out.append((member, person, status, academic))
    return out


def _complete(person, status, academic) -> bool:
    if status is None or academic is None:
        return False
    return person.degree != "undergraduate" or (academic.rank is not None and academic.cohort_size is not None)


@rule("eligibility.evidence", "error", "§2.4", "学联学生会工作人员应当……", "遴选条件有据可查",
      "每名工作人员都要在不公开的部分（private）中记录任职日前的政治面貌和学业情况（本科生含综合排名与专业人数），"
      "这些信息只用于检查，不会公开。缺少时其他遴选条件规则不再重复报告。",
      "人员文件没有 private.academic。修改：补上任职前最近一次的学业记录。", private=True)
def evidence(ctx: Context) -> Iterator[Violation]:
    for member, person, status, academic in _members(ctx):
        if not _complete(person, status, academic):
            yield ctx.violation(member, f"{person.name} 缺少任职日（{member.appointed}）前的遴选条件记录",
                                f"在 data/people/{person.id}.yaml 的 private 中补上政治面貌和学业情况", "person")


@rule("eligibility.political-status", "error", "§2.4", "应当为共产党员或共青团员", "政治面貌",
      "任职时须为中共党员、中共预备党员或共青团员（以任职日前最近一条记录为准）。",
      "任职时政治面貌为群众。修改：核实后更换人选。", private=True)
def political_status(ctx: Context) -> Iterator[Violation]:
    for member, person, status, academic in _members(ctx):
        if _complete(person, status, academic) and status.status not in ELIGIBLE_STATUS:
            yield ctx.violation(member, f"{person.name} 任职时的政治面貌不符合遴选条件", "核实政治面貌记录，或更换人选", "person")


@rule("eligibility.undergrad-rank", "error", "§2.4", "学习成绩综合排名在本专业前30%以内", "本科生综合排名",
      "本科生任职时综合排名须在本专业前 30% 以内（排名 ÷ 专业人数 ≤ 0.30，恰好 30% 合格）。",
      "任职前最近一次排名不在前 30%。修改：核实学业记录，或更换人选。", private=True)
def undergrad_rank(ctx: Context) -> Iterator[Violation]:
    for member, person, status, academic in _members(ctx):
        if _complete(person, status, academic) and person.degree == "undergraduate":
            if academic.rank * 100 > academic.cohort_size * 30:
                yield ctx.violation(member, f"{person.name} 任职时综合排名不在本专业前30%", "核实学业记录，或更换人选", "person")


@rule("eligibility.no-failed-courses", "error", "§2.4", "无课业不及格情况", "无不及格课程",
      "本科生和研究生任职时均不得有不及格课程。",
      "任职前学业记录有不及格课程。修改：核实学业记录，或更换人选。", private=True)
def no_failed_courses(ctx: Context) -> Iterator[Violation]:
    for member, person, status, academic in _members(ctx):
        if _complete(person, status, academic) and academic.failed_courses > 0:
            yield ctx.violation(member, f"{person.name} 任职时有课业不及格记录", "核实学业记录，或更换人选", "person")

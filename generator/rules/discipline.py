"""§2.7 从严治会: major matters reported beforehand, training, misconduct handled (never published)."""

from __future__ import annotations

from typing import Iterator

from ..records import models
from .context import Context
from .registry import Violation, rule


@rule("discipline.major-matter-reported", "error", "§2.7", "决定重要事项或开展重大活动，须事先……报告",
      "重大事项事先报告",
      "每条重大事项/重大活动都须在当天或之前报告指导它的团组织（学联 → 医学院团委；院系 → 本院系团组织，"
      "即组织记录里的 league_org）。",
      "重大活动没有 reported。修改：补上报告对象与日期。", private=True)
def major_matter_reported(ctx: Context) -> Iterator[Violation]:
    for matter in ctx.data.of(models.Matter).values():
        org = ctx.org(matter.organization)
        if org is None or not ctx.past(matter.date):
            continue
        reported = matter.reported
        if reported is None:
            yield ctx.violation(matter, f"“{matter.title}”没有事先向{org.league_org}报告的记录",
                                f"填写 reported（to: {org.league_org}，date）", "title")
        elif reported.date > matter.date or reported.to != org.league_org:
            yield ctx.violation(reported, f"“{matter.title}”须在 {matter.date} 或之前向{org.league_org}报告",
                                f"报告对象应为 {org.league_org}，日期不晚于事项日期", "to")


@rule("discipline.induction-training", "warning", "§2.7", "新任职工作人员入门教育制度", "新任工作人员入门教育",
      "每名首次在某组织任职的工作人员，都应在任职当学期内参加该组织的入门教育（trainings 中 type: 入门教育 的"
      "attendees）；该学期结束后才检查。",
      "新任干事没有出现在任何入门教育的 attendees 中。修改：补录培训记录。", private=True)
def induction_training(ctx: Context) -> Iterator[Violation]:
    for org_id in ctx.data.of(models.Organization):
        first: dict[str, models.Member] = {}
        for roster in ctx.rosters_of(org_id):
            for seat in ctx.seats(roster):
                current = first.get(seat.member.person)
                if current is None or seat.member.appointed < current.appointed:
                    first[seat.member.person] = seat.member
        trainings = [(set(t.attendees), t.date) for t in ctx.data.of(models.Training).values()
                     if t.organization == org_id and t.type == "入门教育"]
        for person, member in first.items():
            semester = ctx.semester_on(member.appointed) or min(
                (s for s in ctx.data.semesters.values() if s.start >= member.appointed), key=lambda s: s.start,
                default=None)
            if semester is None or semester.end >= ctx.today:
                continue
            if not any(person in attendees and member.appointed <= day <= semester.end for attendees, day in trainings):
                yield ctx.violation(member, f"{ctx.name(person)} 任职当学期（{semester.id}）没有入门教育记录",
                                    "补录入门教育（trainings，type: 入门教育，attendees 含此人）", "person")


@rule("discipline.duty-training", "warning", "§2.7", "建立学联学生会工作人员履职培训制度", "履职培训",
      "每个组织每个学年都应至少记录一次履职培训；学年结束后才检查。",
      "某学院 2024—2025 学年没有履职培训。修改：补录培训记录。")
def duty_training(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        term = ctx.data.of(models.Term)[roster.term]
        if term.end >= ctx.today:
            continue
        if not any(t.organization == roster.organization and t.type == "履职培训" and term.start <= t.date <= term.end
                   for t in ctx.data.of(models.Training).values()):
            yield ctx.violation(roster, f"{term.name}没有履职培训记录", "补录履职培训（trainings，type: 履职培训）", "term")


@rule("discipline.misconduct-handled", "warning", "§2.7", "迅速调查核实，按规定和程序及时予以处理，并上报",
      "违纪问题调查与上报",
      "每条违纪处理记录（完全保密，从不公开）都须记录负责的团组织调查（学联 → 医学院团委；院系 → 院系团组织）"
      "和向党组织上报（学联 → 医学院党委；院系 → 院系党组织），并有日期。提示信息不会引用记录内容。",
      "违纪处理记录没有 reported_on。修改：补上上报党组织的日期。", private=True)
def misconduct_handled(ctx: Context) -> Iterator[Violation]:
    for case in ctx.data.of(models.Misconduct).values():
        detail = case.private
        org = ctx.org(detail.organization)
        if org is None or not ctx.past(detail.occurred):
            continue
        complete = (detail.investigated_by == org.league_org and detail.investigated_on is not None
                    and detail.reported_to == org.party_org and detail.reported_on is not None)
        if not complete:
            yield ctx.violation(case, "违纪处理记录缺少调查或上报信息，或调查/上报单位不符",
                                f"在该记录的 private 中补全调查（{org.league_org}）与上报（{org.party_org}）及日期", "id")

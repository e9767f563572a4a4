"""§2.2 运行机制: presidium + departments, no presidents, a rotating 执行主席 each semester."""

from __future__ import annotations

import re
from typing import Iterator

from ..records import models
from .context import Context
from .registry import Violation, rule

ALLOWED_CHAIR_TITLES = {"主席团成员", "执行主席"}
PRESIDENT = re.compile(r"主席|president|chair(wo)?man", re.IGNORECASE)


def president_title(title: str | None) -> bool:
    return bool(title) and title not in ALLOWED_CHAIR_TITLES and bool(PRESIDENT.search(title or ""))


@rule("structure.model", "warning", "§2.2", "“主席团+工作部门”模式", "主席团+工作部门",
      "每个组织每学年的名单都应有主席团和工作部门（方案用“一般为”，故为提示）。",
      "名单没有 departments。修改：按实际设置的工作部门补上 departments。")
def model(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        missing = [label for label, items in (("主席团", roster.presidium), ("工作部门", roster.departments)) if not items]
        if missing:
            field = "presidium" if not roster.presidium else "departments"
            yield ctx.violation(roster, f"名单缺少{'和'.join(missing)}", f"在名单中填写{'和'.join(missing)}", field)


@rule("structure.no-president-titles", "error", "§2.2", "不设主席、副主席", "不设主席、副主席",
      "任何人不得担任主席、副主席或其变体（常务副主席、名誉主席、president、vice-president 等）；"
      "只允许“主席团成员”和“执行主席”。",
      "主席团成员的 title 写成“副主席”。修改：删去 title，或改为“主席团成员”。")
def no_president_titles(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        for seat in ctx.seats(roster):
            if president_title(seat.member.title):
                yield ctx.violation(seat.member, f"职务“{seat.member.title}”属于方案明确不设的主席类职务",
                                    "删去 title，或改为“主席团成员”", "title")


@rule("structure.exec-chair-each-semester", "error", "§2.2", "设执行主席……以学期为一个轮值周期", "每学期一名执行主席",
      "学年的每个学期都必须有且只有一名执行主席；学期开始后即检查。",
      "executive_chairs 里没有第二学期。修改：补上 `- semester: 2025-2026-2` 和担任者。")
def exec_chair_each_semester(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        for semester in ctx.started_semesters(roster.term):
            chairs = [c for c in roster.executive_chairs if c.semester == semester.id]
            if not chairs:
                yield ctx.violation(roster, f"学期 {semester.id} 没有执行主席",
                                    f"在 executive_chairs 中为 {semester.id} 填写一名主席团成员", "executive_chairs")
            for extra in chairs[1:]:
                yield ctx.violation(extra, f"学期 {semester.id} 有 {len(chairs)} 名执行主席，只能有 1 名",
                                    "只保留该学期实际轮值的一名", "semester")


@rule("structure.exec-chair-from-presidium", "error", "§2.2", "执行主席由主席团成员轮值担任", "执行主席出自主席团",
      "执行主席必须是同一组织、该学期在任的主席团成员。",
      "执行主席填了一位部门负责人。修改：改为该学期在任的主席团成员。")
def exec_chair_from_presidium(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        for chair in roster.executive_chairs:
            semester = ctx.data.semesters.get(chair.semester)
            if semester is None or not ctx.past(semester.start):
                continue
            if not any(m.person == chair.person and ctx.serves_in(m, semester) for m in roster.presidium):
                yield ctx.violation(chair, f"{ctx.name(chair.person)} 不是该学期在任的主席团成员",
                                    "从本名单 presidium 中该学期在任的成员里选择执行主席", "person")


@rule("structure.exec-chair-rotates", "error", "§2.2", "执行主席由主席团成员轮值担任", "执行主席轮值",
      "该学期在任的主席团成员有两人及以上时，同一人不得连续两个学期担任执行主席（按时间顺序比较相邻学期，跨学年也算；离任的成员不计）。",
      "第一、第二学期的执行主席是同一人。修改：第二学期改由另一名主席团成员担任。")
def exec_chair_rotates(ctx: Context) -> Iterator[Violation]:
    for org_id in ctx.data.of(models.Organization):
        chairs = []
        for roster in ctx.rosters_of(org_id):
            for chair in roster.executive_chairs:
                semester = ctx.data.semesters.get(chair.semester)
                if semester is not None and ctx.past(semester.start):
                    serving = {m.person for m in roster.presidium if ctx.serves_in(m, semester)}
                    chairs.append((semester.start, chair, len(serving)))
        chairs.sort(key=lambda item: item[0])
        for (_, before, _), (_, after, size) in zip(chairs, chairs[1:]):
            if size >= 2 and before.person == after.person and before.semester != after.semester:
                yield ctx.violation(after, f"{ctx.name(after.person)} 连续两个学期（{before.semester}、{after.semester}）担任执行主席",
                                    "改由其他主席团成员轮值", "person")


@rule("structure.college-guided-by-fed", "error", "§2.2", "院系学生会属于医学院学联的基层组织", "接受医学院学联指导",
      "每个院系学生会都必须登记为医学院学联的基层组织（guided_by 填医学院学联的 ID）。",
      "院系学生会没有 guided_by。修改：填写 `guided_by: fed`。")
def college_guided_by_fed(ctx: Context) -> Iterator[Violation]:
    for org in ctx.data.of(models.Organization).values():
        if org.type == "college" and (not ctx.federation_id or org.guided_by != ctx.federation_id):
            yield ctx.violation(org, "院系学生会未登记为医学院学联的基层组织",
                                f"填写 `guided_by: {ctx.federation_id or 'fed'}`", "guided_by")

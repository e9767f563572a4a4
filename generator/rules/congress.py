"""§2.6 代表大会: annual congresses, delegates, college requests, reports and election results."""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta
from typing import Iterator

from ..records import models
from .context import Context
from .registry import Violation, rule

PENDING_DAYS = 30


def one_month_before(day: date) -> date:
    """The same day one calendar month earlier, clamped to the end of a shorter month."""
    year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _congresses(ctx: Context, fed: bool | None = None) -> Iterator[models.Congress]:
    for congress in ctx.data.of(models.Congress).values():
        if congress.organization in ctx.data.of(models.Organization) and ctx.past(congress.date):
            if fed is None or ctx.on_side(congress.organization, fed):
                yield congress


def _annual(ctx: Context, fed: bool) -> Iterator[Violation]:
    for org in ctx.data.of(models.Organization).values():
        if not ctx.on_side(org.id, fed):
            continue
        for roster in ctx.rosters_of(org.id):
            term = ctx.data.of(models.Term)[roster.term]
            if term.end >= ctx.today:
                continue
            if not any(c.organization == org.id and term.start <= c.date <= term.end
                       for c in ctx.data.of(models.Congress).values()):
                yield ctx.violation(org, f"{org.short_name}在 {term.name}没有召开学生代表大会",
                                    f"补录 {term.name}的代表大会记录（data/congresses/）", "id")


@rule("congress.fed-annual", "error", "§2.6", "医学院学生代表大会须每年召开一次", "学联代表大会每年召开",
      "学联每个学年（9 月至次年 8 月）都须召开学生代表大会；当前学年结束后才检查。",
      "2024—2025 学年没有学联代表大会记录。修改：补录大会记录。")
def fed_annual(ctx: Context) -> Iterator[Violation]:
    yield from _annual(ctx, fed=True)


@rule("congress.college-annual", "warning", "§2.6", "院系学生代表大会原则上每年召开一次", "院系代表大会每年召开",
      "每个院系学生会每个学年原则上召开一次学生代表大会（“原则上”，故为提示）；当前学年结束后才检查。",
      "某学院 2024—2025 学年没有代表大会记录。修改：补录大会记录，或说明原因并申请豁免。")
def college_annual(ctx: Context) -> Iterator[Violation]:
    yield from _annual(ctx, fed=False)


@rule("congress.delegate-quota", "warning", "§2.6", "代表名额一般不低于所联系学生人数的1%", "代表名额不低于1%",
      "代表人数应不少于该组织在该学年所联系学生人数（organizations 中 students 之和）的 1%（向上取整）。",
      "所联系学生 1,500 人，代表只有 14 人。修改：增补代表至 15 人。")
def delegate_quota(ctx: Context) -> Iterator[Violation]:
    for congress in _congresses(ctx):
        students = sum(ctx.data.of(models.Organization)[congress.organization].students.get(congress.term, {}).values())
        needed = math.ceil(students / 100)
        if len(congress.delegates) < needed:
            yield ctx.violation(congress, f"代表 {len(congress.delegates)} 人，低于所联系学生 {students:,} 人的 1%（{needed} 人）",
                                f"增补代表至至少 {needed} 人", "delegates")


@rule("congress.delegate-coverage", "error", "§2.6", "名额分配要覆盖各个院系、年级及主要学生社团", "代表覆盖面",
      "学联代表大会的代表须覆盖每个院系学生会、该学年有学生的每个年级和学联登记的每个主要学生社团；"
      "院系代表大会须覆盖本院系有学生的每个年级和本院系登记的主要学生社团。",
      "代表中没有博士一年级（D1）学生。修改：增补该年级代表。")
def delegate_coverage(ctx: Context) -> Iterator[Violation]:
    for congress in _congresses(ctx):
        org = ctx.data.of(models.Organization)[congress.organization]
        missing = []
        if org.type == "federation":
            colleges = {o.id: o for o in ctx.data.of(models.Organization).values() if o.type == "college"
                        and any(r.organization == o.id and r.term == congress.term for r in ctx.data.of(models.Roster).values())}
            lacking = sorted(set(colleges) - {d.college for d in congress.delegates})
            missing += [colleges[c].short_name for c in lacking]
        grades = {g for g, n in org.students.get(congress.term, {}).items() if n > 0}
        missing += sorted(grades - {d.grade for d in congress.delegates})
        missing += [club for club in org.main_clubs if club not in {d.club for d in congress.delegates}]
        if missing:
            yield ctx.violation(congress, f"代表未覆盖：{'、'.join(missing)}", "为未覆盖的院系、年级或社团增补代表", "delegates")


@rule("congress.delegate-procedure", "error", "§2.6", "代表经班级团支部推荐、院系学生会组织选举产生", "代表产生程序",
      "每名代表都须记录推荐的班级团支部（recommended_by）和选举产生代表的院系学生会（elected_by）。",
      "代表没有 recommended_by。修改：填写推荐的班级团支部名称。")
def delegate_procedure(ctx: Context) -> Iterator[Violation]:
    for congress in _congresses(ctx):
        for delegate in congress.delegates:
            by = ctx.data.of(models.Organization).get(delegate.elected_by or "")
            if not delegate.recommended_by or by is None or by.type != "college":
                yield ctx.violation(delegate, f"代表 {ctx.name(delegate.person)} 未记录班级团支部推荐或院系学生会选举",
                                    "填写 recommended_by（班级团支部）和 elected_by（院系学生会 ID）", "person")


def _college_congresses(ctx: Context) -> Iterator[models.Congress]:
    yield from _congresses(ctx, fed=False)


@rule("congress.college-request-lead", "error", "§2.6", "须提前至少一个月向医学院学联提交……请示", "提前一个月请示",
      "院系学生代表大会须在召开前至少一个日历月向医学院学联提交请示（to 须为医学院学联，不能是本院系学生会自己；"
      "如 4 月 20 日开会，请示不晚于 3 月 20 日；月末日期按较短月份的最后一天计算）。",
      "大会 2025-04-20 召开，请示 2025-03-25 才提交。修改：如实记录；未提前一个月的须改期召开。")
def college_request_lead(ctx: Context) -> Iterator[Violation]:
    for congress in _college_congresses(ctx):
        latest = one_month_before(congress.date)
        if congress.request is None:
            yield ctx.violation(congress, "没有向医学院学联提交召开请示的记录", f"填写 request（提交日期不晚于 {latest}）", "date")
        elif congress.request.to != ctx.federation_id:
            yield ctx.violation(congress.request, f"请示提交给了 {congress.request.to}，不是医学院学联（须“向医学院学联提交”）",
                                f"填写 `to: {ctx.federation_id or 'fed'}`：请示须提交医学院学联", "to")
        elif congress.request.submitted > latest:
            yield ctx.violation(congress.request, f"请示于 {congress.request.submitted} 提交，晚于最迟日期 {latest}",
                                "请示须在大会前至少一个月提交；如实记录并调整会期", "submitted")


@rule("congress.college-approval", "error", "§2.6", "经医学院学联批复通过后，方可召开学生代表大会", "学联批复后召开",
      "院系学生代表大会须在医学院学联批复通过之后召开（批复日期早于会议日期）。",
      "批复日期与会议同一天或更晚。修改：如实记录批复日期；未批复不得召开。")
def college_approval(ctx: Context) -> Iterator[Violation]:
    for congress in _college_congresses(ctx):
        approval = congress.approval
        if approval is None:
            yield ctx.violation(congress, "没有医学院学联批复的记录", "填写 approval（by: 学联 ID，date: 批复日期）", "date")
        elif approval.date >= congress.date or not ctx.on_side(approval.by, fed=True):
            yield ctx.violation(approval, f"批复日期 {approval.date} 不早于会议日期 {congress.date}，或批复单位不是医学院学联",
                                "批复须由医学院学联在会议之前作出", "date")


@rule("congress.work-report", "error", "§2.6", "工作向大会报告", "工作报告",
      "每次学生代表大会都须听取主席团的工作报告（work_report）。",
      "大会记录没有 work_report。修改：补上工作报告的标题、报告人和日期。")
def work_report(ctx: Context) -> Iterator[Violation]:
    for congress in _congresses(ctx):
        if congress.work_report is None:
            yield ctx.violation(congress, "大会没有工作报告记录", "补上 work_report（title、presented_by、date）", "date")


@rule("congress.results-announced", "error", "§2.6", "学代会选举结果应当向大会公告", "选举结果向大会公告",
      "有选举的大会须记录选举结果向大会公告的日期（results.announced）。",
      "大会有选举但 results 里没有 announced。修改：填写公告日期。")
def results_announced(ctx: Context) -> Iterator[Violation]:
    for congress in _congresses(ctx):
        if congress.elections and congress.results.announced is None:
            yield ctx.violation(congress, "选举结果没有向大会公告的记录", "填写 results.announced", "results")


@rule("congress.results-approved", "error", "§2.6", "经同级党组织批准", "选举结果经党组织批准",
      f"选举结果须经同级党组织（组织记录中的 party_org，如 基础医学院党委）批准，其他单位的批准不算；"
      f"批准日期不早于大会与选举（见 data.date-order）。批准前网站显示“待批准”；会后 {PENDING_DAYS} 天仍未批准，"
      "或有人在批准之前就按该结果任职，即报错。",
      "主席团成员任职日期早于党组织批准日期。修改：核实批准日期与任职日期。")
def results_approved(ctx: Context) -> Iterator[Violation]:
    for congress in _congresses(ctx):
        if not congress.elections:
            continue
        approved = congress.results.approved
        if approved is None and ctx.today > congress.date + timedelta(days=PENDING_DAYS):
            yield ctx.violation(congress, f"选举结果在大会后 {PENDING_DAYS} 天仍未经同级党组织批准",
                                "填写 results.approved（批准的党组织与日期）", "results")
        party = ctx.data.of(models.Organization)[congress.organization].party_org  # _congresses: it exists
        if approved is not None and approved.by != party:
            yield ctx.violation(approved, f"选举结果由“{approved.by}”批准，不是同级党组织{party}",
                                f"选举结果须经同级党组织批准：填写 `by: {party}`（如实记录；未经其批准的须报批）", "by")
            approved = None  # an approval by another body does not count
        elected = {c.person for e in congress.elections for c in e.candidates if c.elected}
        for roster in ctx.data.of(models.Roster).values():
            if roster.organization != congress.organization or roster.term != congress.term:
                continue
            for member in roster.presidium:
                if member.person in elected and ctx.past(member.appointed) and member.appointed >= congress.date and (
                        approved is None or member.appointed < approved.date):
                    yield ctx.violation(member, f"{ctx.name(member.person)} 在选举结果获批准之前就已任职",
                                        "任职日期不得早于党组织批准日期", "appointed")


def _upper_federation(ctx: Context, org_id: str) -> tuple[str, ...]:
    """Names of the upper-level federation: the fed for a college union, settings.upper_federation for the fed."""
    if ctx.on_side(org_id, True):
        return (ctx.settings.upper_federation,) if ctx.settings.upper_federation else ()
    fed = ctx.org(ctx.federation_id)
    return (fed.name, fed.short_name) if fed else ()


@rule("congress.results-filed", "warning", "§2.6", "报上级学联备案", "选举结果报上级学联备案",
      f"选举结果获批准后应在备案期限（settings.filing_days，默认 {models.Settings.fallback().filing_days} 天）内报上级学联备案；"
      "期限过后才检查。",
      "批准 40 天后仍无 filed。修改：备案后填写 results.filed。")
def results_filed(ctx: Context) -> Iterator[Violation]:
    days = ctx.settings.filing_days
    for congress in _congresses(ctx):
        approved = congress.results.approved
        if approved is None:
            continue
        due = approved.date + timedelta(days=days)
        filed = congress.results.filed
        upper = _upper_federation(ctx, congress.organization)
        if filed is not None and upper and filed.to not in upper:
            yield ctx.violation(filed, f"选举结果报“{filed.to}”备案，不是上级学联（{upper[0]}）",
                                f"填写 `to: {upper[0]}`", "to")
            continue
        if filed is None and ctx.today > due:
            yield ctx.violation(congress, f"选举结果批准后 {days} 天内未报上级学联备案（最迟 {due}）",
                                "备案后填写 results.filed（to、date）", "results")
        elif filed is not None and filed.date > due:
            yield ctx.violation(filed, f"备案日期 {filed.date} 晚于期限 {due}", "如实记录；今后在期限内备案", "date")

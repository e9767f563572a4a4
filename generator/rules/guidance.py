"""§2.10–2.11 党的领导、团的指导: designated League advisers and reviewed publications."""

from __future__ import annotations

from typing import Iterator

from ..records import models
from .context import Context
from .registry import Violation, rule


def _advisers(ctx: Context, fed: bool) -> Iterator[Violation]:
    for roster in ctx.rosters(fed):
        org = ctx.data.of(models.Organization)[roster.organization]
        advisers = [a for a in org.advisers if a.term == roster.term]
        if len(advisers) != 1:
            yield ctx.violation(org, f"{roster.term} 学年指定的团组织指导老师 {len(advisers)} 人，应为 1 人",
                                f"在 advisers 中为 {roster.term} 指定一人", "advisers")
        elif fed and not advisers[0].full_time:
            yield ctx.violation(advisers[0], f"{roster.term} 学年的指导老师不是团委专职副书记",
                                "指定一名团委专职副书记（full_time: true）", "full_time")


@rule("guidance.fed-adviser", "error", "§2.11", "明确1名团委专职副书记指导学联", "学联指导老师",
      "每个学年都须为学联指定且只指定一名团委专职副书记（full_time: true）作为指导老师。",
      "2025—2026 学年没有学联指导老师。修改：在学联组织记录的 advisers 中补上。")
def fed_adviser(ctx: Context) -> Iterator[Violation]:
    yield from _advisers(ctx, fed=True)


@rule("guidance.college-adviser", "error", "§2.11", "明确1名团组织负责人指导学生会", "院系指导老师",
      "每个院系学生会每个学年都须指定且只指定一名团组织负责人作为指导老师。",
      "某学院 2026—2027 学年列了两名指导老师。修改：只保留指定的一人。")
def college_adviser(ctx: Context) -> Iterator[Violation]:
    yield from _advisers(ctx, fed=False)


@rule("guidance.publication-reviewed", "warning", "§2.11", "发布重要信息……的审核管理", "公告经团组织审核",
      "网站上发布的每条公告都应记录指导它的团组织（组织记录中的 league_org）的审核：审核人和不晚于发布日期的审核日期。",
      "公告没有 review。修改：补上审核人、审核团组织和日期。")
def publication_reviewed(ctx: Context) -> Iterator[Violation]:
    for notice in ctx.data.of(models.Announcement).values():
        org = ctx.org(notice.organization)
        if org is None or not ctx.past(notice.date):
            continue
        review = notice.review
        if review is None or review.body != org.league_org or review.date > notice.date:
            yield ctx.violation(notice, f"公告“{notice.title}”没有{org.league_org}在发布前的审核记录",
                                f"填写 review（reviewer、body: {org.league_org}、date 不晚于 {notice.date}）", "title")

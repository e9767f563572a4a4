"""§2.8 述职评议: semester reports to a student-led board, on five dimensions; honors rest on reviews."""

from __future__ import annotations

from typing import Iterator

from ..records import models
from .context import HEAD, PRESIDIUM, Context
from .registry import Violation, rule


def _reviews(ctx: Context, fed: bool) -> Iterator[models.Review]:
    for review in ctx.data.of(models.Review).values():
        if ctx.on_side(review.organization, fed) and ctx.past(review.date):
            yield review


@rule("review.every-semester", "error", "§2.8", "主席团成员和工作部门负责人每学期向评议会述职", "每学期述职",
      "学联每名主席团成员和部门负责人在任的每个学期都须在该学期的学联述职评议中有评价记录；学期结束后才检查。",
      "2025—2026 学年第二学期没有学联述职评议记录。修改：补录该学期的 reviews。")
def every_semester(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        for semester in ctx.ended_semesters(roster.term):
            reviews = [r for r in ctx.data.of(models.Review).values()
                       if r.organization == roster.organization and r.semester == semester.id]
            if not reviews:
                yield ctx.violation(roster, f"学期 {semester.id} 没有学联述职评议记录",
                                    f"补录 {semester.id} 的述职评议（data/reviews/）", "term")
                continue
            evaluated = {e.person for r in reviews for e in r.evaluations}
            for seat in ctx.seats(roster):
                if seat.role in (PRESIDIUM, HEAD) and ctx.serves_in(seat.member, semester) \
                        and seat.member.person not in evaluated:
                    yield ctx.violation(seat.member, f"{ctx.name(seat.member.person)} 在 {semester.id} 没有述职评议记录",
                                        f"在 {semester.id} 的述职评议 evaluations 中补上此人", "person")


@rule("review.board-composition", "error", "§2.8", "组建以学生代表为主，医学院党委学生工作部门、医学院团委等共同参与的评议会",
      "学联评议会组成",
      "学联评议会中学生代表须超过半数，并至少各有一名党委学生工作部门和团委成员。",
      "评议会 6 人中学生代表 3 人。修改：增加学生代表，使其超过半数。")
def board_composition(ctx: Context) -> Iterator[Violation]:
    for review in _reviews(ctx, fed=True):
        roles = [m.role for m in review.board]
        students = roles.count("学生代表")
        problems = []
        if students * 2 <= len(roles):
            problems.append(f"学生代表 {students} 人，未超过评议会 {len(roles)} 人的半数")
        problems += [f"缺少{role}成员" for role in ("党委学生工作部门", "团委") if role not in roles]
        if problems:
            yield ctx.violation(review, "；".join(problems), "调整 board 的组成", "board")


@rule("review.dimensions", "error", "§2.8", "从政治态度、道德品行、学习情况、工作成效、纪律作风等方面……综合评价",
      "五个方面评价",
      "每条评价都须对政治态度、道德品行、学习情况、工作成效、纪律作风五个方面给出等级。",
      "评价缺少“纪律作风”。修改：在 scores 中补上该项。")
def dimensions(ctx: Context) -> Iterator[Violation]:
    for fed in (True, False):
        for review in _reviews(ctx, fed):
            for evaluation in review.evaluations:
                missing = [d for d in models.DIMENSIONS if getattr(evaluation.scores, d) is None]
                if missing:
                    yield ctx.violation(evaluation, f"{ctx.name(evaluation.person)} 的评价缺少：{'、'.join(missing)}",
                                        "在 scores 中补全五个方面", "scores")


@rule("review.college-student-led", "warning", "§2.8", "完善以学生评价为主的述职评议制度，广泛邀请来自班级团支部的学生代表参与",
      "院系评议以学生为主",
      "院系评议会中学生代表与班级团支部代表合计应超过半数，并至少有一名班级团支部代表。",
      "院系评议会没有班级团支部代表。修改：邀请班级团支部代表参加。")
def college_student_led(ctx: Context) -> Iterator[Violation]:
    for review in _reviews(ctx, fed=False):
        roles = [m.role for m in review.board]
        students = roles.count("学生代表") + roles.count("班级团支部代表")
        if students * 2 <= len(roles) or "班级团支部代表" not in roles:
            yield ctx.violation(review, f"评议会 {len(roles)} 人中学生 {students} 人，班级团支部代表 {roles.count('班级团支部代表')} 人",
                                "使学生超过半数并邀请班级团支部代表", "board")


@rule("review.honors-merit-based", "error", "§2.8", "应依据评议结果择优提名，不允许与其岗位简单直接挂钩", "评优依据评议结果",
      "给学生干部的评奖评优、测评加分、推荐免试都须注明所依据的述职评议（basis: review 且该评议中有此人）；"
      "仅凭岗位给予的一律不允许。",
      "荣誉记录 basis: post。修改：改为 basis: review 并填写所依据的述职评议 ID。", private=True)
def honors_merit_based(ctx: Context) -> Iterator[Violation]:
    for honor in ctx.data.of(models.Honor).values():
        if not ctx.past(honor.date):
            continue
        review = ctx.data.of(models.Review).get(honor.review or "")
        if honor.basis == "post":
            yield ctx.violation(honor, f"“{honor.name}”依据岗位给予，不允许与岗位直接挂钩", "改为依据述职评议结果提名", "basis")
        elif review is None or honor.person not in {e.person for e in review.evaluations}:
            yield ctx.violation(honor, f"“{honor.name}”没有注明此人所参加的述职评议", "填写 review：此人有评价记录的述职评议 ID",
                                "review")

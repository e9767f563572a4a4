"""§2.5 遴选程序: who elects the presidium, and the recommendation → approval chains."""

from __future__ import annotations

from datetime import date
from typing import Iterator

from ..records import models
from .context import HEAD, PRESIDIUM, STAFF, Context
from .registry import Violation, rule

FED_PRESIDIUM = (("推荐", "院系团组织"), ("同意", "院系党组织"), ("审查", "学工部与团委"), ("确定", "医学院党委"))
FED_DEPARTMENT = (("推荐", "院系团组织"), ("审核", "学工部与团委"))
COLLEGE = (("推荐", "班级团支部"), ("同意", "院系团组织"), ("确定", "院系党组织"))


def chain_problem(steps: list[models.Step], chain: tuple[tuple[str, str], ...], deadline: date, event: str) -> str:
    """What is wrong with a selection chain, or "" when every step is there, in order, before ``deadline``."""
    dates = []
    for action, body in chain:
        for step in steps:
            if step.action == action and step.body == body:
                break
        else:
            return f"缺少“{body}{action}”步骤"
        if step.date > deadline:
            return f"“{body}{action}”日期晚于{event}日期 {deadline}"
        dates.append(step.date)
    if dates != sorted(dates):
        return "遴选步骤的日期先后顺序与规定程序不符"
    return ""


def chain_text(chain: tuple[tuple[str, str], ...]) -> str:
    return " → ".join(f"{body}{action}" for action, body in chain)


def _elected(ctx: Context, org_id: str, term: str, person: str, by: date) -> bool:
    for congress in ctx.data.of(models.Congress).values():
        if congress.organization == org_id and congress.term == term:
            for election in congress.elections:
                if election.date <= by and any(c.person == person and c.elected for c in election.candidates):
                    return True
    return False


def _presidium_elected(ctx: Context, fed: bool) -> Iterator[Violation]:
    for roster in ctx.rosters(fed):
        for member in roster.presidium:
            if ctx.past(member.appointed) and not _elected(ctx, roster.organization, roster.term, member.person,
                                                            member.appointed):
                yield ctx.violation(member, f"{ctx.name(member.person)} 未经本学年学生代表大会选举当选",
                                    "在本学年代表大会的 elections 中记录其当选（elected: true），或从主席团中删去", "person")


def _candidates(ctx: Context, fed: bool):
    for congress in ctx.data.of(models.Congress).values():
        if not ctx.on_side(congress.organization, fed):
            continue
        for election in congress.elections:
            if ctx.past(election.date):
                for candidate in election.candidates:
                    yield election, candidate


@rule("selection.fed-presidium-elected", "error", "§2.5", "主席团由学生代表大会选举产生", "学联主席团由代表大会选举",
      "学联主席团每名成员都须在同一学年的学联学生代表大会上当选，且选举日期不晚于任职日期。",
      "名单里有主席团成员，但当年大会的选举中没有其当选记录。修改：补上选举记录或更正名单。")
def fed_presidium_elected(ctx: Context) -> Iterator[Violation]:
    yield from _presidium_elected(ctx, fed=True)


@rule("selection.college-presidium-elected", "error", "§2.5", "主席团由学生代表大会选举产生", "院系主席团由代表大会选举",
      "院系学生会主席团每名成员都须在同一学年该院系学生代表大会上当选，且选举日期不晚于任职日期。",
      "院系名单的主席团成员没有当选记录。修改：补上该院系代表大会的选举记录或更正名单。")
def college_presidium_elected(ctx: Context) -> Iterator[Violation]:
    yield from _presidium_elected(ctx, fed=False)


@rule("selection.fed-presidium-chain", "error", "§2.5",
      "院系团组织推荐，经院系党组织同意，由医学院党委学生工作部门和医学院团委联合审查后，报医学院党委确定",
      "学联主席团候选人产生程序",
      f"学联主席团每名候选人在选举前须依次经过：{chain_text(FED_PRESIDIUM)}，各步骤都要记录日期。",
      "候选人缺少“院系党组织同意”。修改：在 selection 中补上该步骤及日期。")
def fed_presidium_chain(ctx: Context) -> Iterator[Violation]:
    for election, candidate in _candidates(ctx, fed=True):
        problem = chain_problem(candidate.selection, FED_PRESIDIUM, election.date, "选举")
        if problem:
            yield ctx.violation(candidate, f"候选人 {ctx.name(candidate.person)}：{problem}",
                                f"按 {chain_text(FED_PRESIDIUM)} 的顺序记录 selection", "selection")


@rule("selection.fed-presidium-source", "warning", "§2.5",
      "从医学院学联、院系学生会工作人员和各领域优秀学生典型中产生", "学联主席团候选人来源",
      "学联主席团候选人应来自学联工作人员、院系学生会工作人员或各领域优秀学生典型（source 必填）。",
      "候选人没有填写 source。修改：填写 fed-staff、college-staff 或 exemplary。")
def fed_presidium_source(ctx: Context) -> Iterator[Violation]:
    for _, candidate in _candidates(ctx, fed=True):
        if candidate.source is None:
            yield ctx.violation(candidate, f"候选人 {ctx.name(candidate.person)} 未记录来源",
                                "填写 source：fed-staff / college-staff / exemplary", "person")


@rule("selection.fed-dept-chain", "error", "§2.5",
      "医学院学联工作部门成员由院系团组织推荐，经医学院党委学生工作部门和医学院团委审核后确定", "学联部门成员产生程序",
      f"学联工作部门每名成员在任职前须依次经过：{chain_text(FED_DEPARTMENT)}。",
      "部门成员的 selection 为空。修改：补上推荐与审核步骤及日期。")
def fed_dept_chain(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        for seat in ctx.seats(roster):
            if seat.role in (HEAD, STAFF) and ctx.past(seat.member.appointed):
                problem = chain_problem(seat.member.selection, FED_DEPARTMENT, seat.member.appointed, "任职")
                if problem:
                    yield ctx.violation(seat.member, f"{ctx.name(seat.member.person)}：{problem}",
                                        f"按 {chain_text(FED_DEPARTMENT)} 的顺序记录 selection", "selection")


@rule("selection.college-chain", "error", "§2.5",
      "院系学生会主席团候选人和学生会工作人员应当由班级团支部推荐，经院系团组织同意，由院系党组织确定",
      "院系候选人与工作人员产生程序",
      f"院系学生会主席团候选人（选举前）和部门成员（任职前）须依次经过：{chain_text(COLLEGE)}。",
      "院系部门成员缺少“院系党组织确定”。修改：补上该步骤及日期。")
def college_chain(ctx: Context) -> Iterator[Violation]:
    for election, candidate in _candidates(ctx, fed=False):
        problem = chain_problem(candidate.selection, COLLEGE, election.date, "选举")
        if problem:
            yield ctx.violation(candidate, f"候选人 {ctx.name(candidate.person)}：{problem}",
                                f"按 {chain_text(COLLEGE)} 的顺序记录 selection", "selection")
    for roster in ctx.rosters(fed=False):
        for seat in ctx.seats(roster):
            if seat.role != PRESIDIUM and ctx.past(seat.member.appointed):
                problem = chain_problem(seat.member.selection, COLLEGE, seat.member.appointed, "任职")
                if problem:
                    yield ctx.violation(seat.member, f"{ctx.name(seat.member.person)}：{problem}",
                                        f"按 {chain_text(COLLEGE)} 的顺序记录 selection", "selection")


@rule("selection.fed-from-colleges-share", "warning", "§2.5", "来自院系学生会的成员一般不少于50%", "学联成员来自院系的比例",
      "学联工作人员中来自院系学生会的（from_college_union: true）一般不少于 50%（按同一天在任的人计算，任期内每一天都看）。",
      "学联 38 人中只有 15 人来自院系学生会。修改：核实 from_college_union，或调整人选。")
def fed_from_colleges_share(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        for day, serving in ctx.snapshots(roster, [seat.member for seat in ctx.seats(roster)]):
            people: dict[str, bool] = {}
            for member in serving:
                people[member.person] = people.get(member.person, False) or member.from_college_union
            if people and sum(people.values()) * 2 < len(people):
                yield ctx.violation(roster, f"{day} 在任的学联工作人员 {len(people)} 人中来自院系学生会的 "
                                    f"{sum(people.values())} 人，不足 50%",
                                    "核实 from_college_union，或增加来自院系学生会的成员", "id")
                break

"""Data integrity: not from the plan, always errors. The first three come from the loader."""

from __future__ import annotations

import typing
from datetime import date
from functools import lru_cache
from typing import Any, Iterator

from pydantic import BaseModel

from ..records import models
from .context import Context
from .registry import REGISTRY, Violation, declare, rule

CLAUSE = "数据完整性"

declare("data.yaml-syntax", "error", CLAUSE, "", "YAML 语法",
        "文件必须是合法的 UTF-8 YAML：只用空格缩进、键不重复、不用 YAML 标签与合并键；"
        "超过 1 MB 或别名展开过大的文件一律拒绝；data/、content/、templates/ 中的符号链接（文件或文件夹）一律拒绝，不读取也不发布。",
        "缩进里混入 Tab 字符，或同一个键写了两次。")
declare("data.schema", "error", CLAUSE, "", "字段与类型",
        "每个字段都必须符合该类记录的 JSON Schema：缺少必填字段、类型不对、出现未知字段（拼写错误）都会报错；"
        "文件名必须是 `<id>.yaml`；文本中不得含有控制字符（终端转义、换页、双向覆盖等不可见字符，"
        "会破坏订阅源与终端输出）。",
        "把 `appointed` 写成了 `appionted`。")
declare("data.schema-version", "error", CLAUSE, "", "模式版本",
        "每个文件第一项写 `schema: gongshi/v1`；缺少或版本不受支持都会报错。",
        "文件里没有 `schema:` 这一行。")


def _ref_kinds(annotation: Any) -> str | None:
    """The Ref kind inside an annotation such as ``list[Annotated[str, Ref('person')]]``."""
    if typing.get_origin(annotation) is typing.Annotated:
        for extra in typing.get_args(annotation)[1:]:
            if isinstance(extra, models.Ref):
                return extra.kind
    for arg in typing.get_args(annotation):
        found = _ref_kinds(arg)
        if found:
            return found
    return None


@lru_cache(maxsize=None)
def _ref_fields(cls: type[BaseModel]) -> dict[str, str]:
    fields = {}
    for name, info in cls.model_fields.items():
        kind = None
        for extra in info.metadata:
            if isinstance(extra, models.Ref):
                kind = extra.kind
        kind = kind or _ref_kinds(info.annotation)
        if kind:
            fields[name] = kind
    return fields


def _models_in(annotation: Any) -> set[type[BaseModel]]:
    """Every model class a field can hold, through Optional, unions, lists and dicts."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return {found for arg in typing.get_args(annotation) for found in _models_in(arg)}


@lru_cache(maxsize=None)
def _wanted(cls: type[BaseModel]) -> bool:
    """Whether the rules below read models of ``cls`` or of a class inside it (references, ordered dates)."""
    if _ref_fields(cls) or getattr(cls, "ORDERED", None):
        return True
    return any(_wanted(inner) for info in cls.model_fields.values() for inner in _models_in(info.annotation))


@lru_cache(maxsize=None)
def _nested(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``cls`` that can hold models the rules below read (the walk skips text, dates,
    numbers, and models like selection steps or status history that hold no reference or ordered date)."""
    return tuple(name for name, info in cls.model_fields.items()
                 if any(_wanted(inner) for inner in _models_in(info.annotation)))


def _collect(value: object, out: dict[type, list[models.Node]], private: set[int], inside: bool = False) -> None:
    """Every model under ``value`` into ``out`` by class; the IDs of those under a ``private:`` field into ``private``."""
    if isinstance(value, models.Node):
        group = out.get(value.__class__)
        if group is None:
            group = out[value.__class__] = []
        group.append(value)
        if inside:
            private.add(id(value))
        for name in _nested(type(value)):
            _collect(getattr(value, name), out, private, inside or name == "private")
    elif isinstance(value, list):
        for item in value:
            _collect(item, out, private, inside)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, out, private, inside)


def _nodes(ctx: Context) -> dict[type, list[models.Node]]:
    """Every model in every record by class (each rule below reads only the classes it is about),
    walked once per check."""
    if "nodes" not in ctx._memo:
        out: dict[type, list[models.Node]] = {}
        private: set[int] = set()
        ctx._memo["nodes"], ctx._memo["private nodes"] = out, private
        for record in _all_records(ctx):
            _collect(record, out, private, isinstance(record, models.Misconduct))
    return ctx._memo["nodes"]


def _all_records(ctx: Context) -> Iterator[models.Record]:
    if ctx.data.settings is not None:
        yield ctx.data.settings
    for bucket in ctx.data.records.values():
        yield from bucket.values()


# the Chinese name of each kind a Ref can point to (semesters live inside terms)
KIND_NAMES = {kind.KIND.name: kind.KIND.noun for kind in models.KINDS} | {"semester": models.Semester.NOUN}


@rule("data.unknown-reference", "error", CLAUSE, "", "引用不存在的记录",
      "记录里引用的人员、组织、学年、学期、代表大会、述职评议必须存在；豁免必须指向存在的规则与记录。",
      "名单里 `person: p-0999`，但 data/people/ 中没有 p-0999.yaml。")
def unknown_reference(ctx: Context) -> Iterator[Violation]:
    exists = ctx.data.exists
    by_class = _nodes(ctx)
    private = ctx._memo["private nodes"]
    # the IDs of each kind, looked up in place (``exists`` is asked only about the ones not found:
    # records that failed to load)
    known = {kind: ctx.data.semesters if kind == "semester" else ctx.data.records.get(kind, {}) for kind in KIND_NAMES}

    def unknown(node: models.Node, kind: str, ident: str) -> str:
        """An ID under ``private:`` (whose misconduct case, whose record) is never quoted."""
        said = "" if id(node) in private else f" `{ident}` "
        return f"引用的{KIND_NAMES.get(kind, kind)}{said}不存在"

    for cls, nodes in by_class.items():
        for name, kind in _ref_fields(cls).items():
            ids = known.get(kind, {})
            for node in nodes:
                value = node.__dict__[name]
                if value is None:
                    continue
                if isinstance(value, str):
                    if value not in ids and not exists(kind, value):
                        yield ctx.violation(node, unknown(node, kind, value),
                                            "检查 ID 拼写，或先新建被引用的记录", name)
                    continue
                if isinstance(value, dict):
                    items = [((name, key), key) for key in value]
                else:
                    items = [((name, i), v) for i, v in enumerate(value)]
                for fields, ident in items:
                    if ident is not None and ident not in ids and not exists(kind, ident):
                        yield ctx.violation(node, unknown(node, kind, ident),
                                            "检查 ID 拼写，或先新建被引用的记录", *fields)
    for waiver in ctx.data.of(models.Waiver).values():
        if waiver.rule not in REGISTRY:
            yield ctx.violation(waiver, f"豁免的规则 `{waiver.rule}` 不存在", "按 `gongshi rules` 列出的 ID 填写", "rule")
        elif REGISTRY[waiver.rule].severity == "error":
            yield ctx.violation(waiver, f"规则 `{waiver.rule}` 是错误级别，不能豁免",
                                "错误必须修正记录本身；只有提示可以豁免", "rule")
        if not any(waiver.record in bucket for bucket in ctx.data.records.values()):
            yield ctx.violation(waiver, f"豁免适用的记录 `{waiver.record}` 不存在", "填写被豁免记录的 ID", "record")


@rule("data.duplicate-id", "error", CLAUSE, "", "ID 重复",
      "同一类记录的 ID 不能重复（文件名即 ID）；学期 ID 在所有学年中也不能重复。",
      "两个学年文件里都定义了学期 2024-2025-1。")
def duplicate_id(ctx: Context) -> Iterator[Violation]:
    seen: dict[str, str] = {}
    for term in ctx.data.of(models.Term).values():
        for index, semester in enumerate(term.semesters):
            if semester.id in seen:
                yield ctx.violation(semester, f"学期 ID `{semester.id}` 已在学年 {seen[semester.id]} 中定义",
                                    "给学期换一个唯一的 ID（学年-1 / 学年-2）", "id")
            else:
                seen[semester.id] = term.id


def _ordered(ctx: Context) -> Iterator[tuple[models.Node, str, str]]:
    """Each node whose date fields named in its class's ORDERED pair are both set and reversed."""
    for cls, nodes in _nodes(ctx).items():
        for first, second in cls.ORDERED:  # type: ignore[attr-defined]
            for node in nodes:
                a, b = node.__dict__[first], node.__dict__[second]
                if isinstance(a, date) and isinstance(b, date) and a > b:
                    yield node, first, second


@rule("data.date-order", "error", CLAUSE, "", "日期先后",
      "必须有先后的日期不能颠倒：开始早于结束；任职早于离任；增补不早于被接替者离任；提案办理过程按时间顺序；"
      "答复不早于提交；学期在所属学年之内；豁免的批准日期不晚于到期日期；代表大会按程序顺序："
      "提交请示 → 学联批复 → 召开大会（工作报告、选举）→ 向大会公告结果 → 同级党组织批准 → 报上级学联备案。",
      "学期 `end: 2024-01-01` 早于 `start: 2024-09-01`。")
def date_order(ctx: Context) -> Iterator[Violation]:
    for node, first, second in _ordered(ctx):
        yield ctx.violation(node, f"`{second}` 的日期早于 `{first}`", f"把 `{first}` 改为不晚于 `{second}` 的日期",
                            second)
    for term in ctx.data.of(models.Term).values():
        for semester in term.semesters:
            if semester.start < term.start or semester.end > term.end:
                yield ctx.violation(semester, f"学期 {semester.id} 不在学年 {term.id} 的起止日期之内",
                                    "调整学期或学年的起止日期", "start")
    for proposal in ctx.data.of(models.Proposal).values():
        for index in range(1, len(proposal.history)):
            if proposal.history[index].date < proposal.history[index - 1].date:
                yield ctx.violation(proposal.history[index], "办理过程的日期早于上一步",
                                    "按时间顺序排列 history，并检查日期", "date")
        submitted = proposal.history[0].date
        for answer in proposal.answers:
            if answer.date is not None and answer.date < submitted:
                yield ctx.violation(answer, "答复日期早于提案提交日期", "检查答复日期", "date")
    for congress in ctx.data.of(models.Congress).values():
        yield from _congress_chain(ctx, congress)
    for roster in ctx.data.of(models.Roster).values():
        yield from _replacements(ctx, roster)


CHAIN_CLAUSE = ("§2.6「须提前至少一个月向医学院学联提交……请示，经医学院学联批复通过后，方可召开」"
                "「学代会选举结果应当向大会公告，并经同级党组织批准，报上级学联备案」")


def _congress_chain(ctx: Context, congress: models.Congress) -> Iterator[Violation]:
    """request → approval → meeting (work report, elections) → results announced → approved → filed."""
    results = congress.results
    steps: list[tuple[Any, str, str, date | None]] = [
        (congress.request, "submitted", "提交请示", congress.request.submitted if congress.request else None),
        (congress.approval, "date", "学联批复", congress.approval.date if congress.approval else None),
        (congress, "date", "召开大会", congress.date),
    ]
    after_meeting: list[tuple[Any, str, str, date | None]] = [(congress.work_report, "date", "工作报告",
                      congress.work_report.date if congress.work_report else None)]
    after_meeting += [(e, "date", f"选举“{e.name}”", e.date) for e in congress.elections]
    last_election = max([e.date for e in congress.elections], default=None)
    tail: list[tuple[Any, str, str, date | None]] = [
        (results, "announced", "向大会公告选举结果", results.announced),
        (results.approved, "date", "同级党组织批准", results.approved.date if results.approved else None),
        (results.filed, "date", "报上级学联备案", results.filed.date if results.filed else None),
    ]
    previous: tuple[str, date] | None = None
    for node, field, what, day in steps:
        if day is None:
            continue
        if previous is not None and day < previous[1]:
            yield ctx.violation(node, f"{what}（{day}）早于{previous[0]}（{previous[1]}），不符合程序顺序 {CHAIN_CLAUSE}",
                                f"核对日期：{what}应在{previous[0]}之后", field)
        previous = (what, day)
    meeting = ("召开大会", congress.date)
    for node, field, what, day in after_meeting:
        if day is not None and day < congress.date:
            yield ctx.violation(node, f"{what}（{day}）早于召开大会（{congress.date}）{CHAIN_CLAUSE}",
                                f"核对日期：{what}在大会上进行，不早于会期", field)
    previous = ("选举", last_election) if last_election and last_election > congress.date else meeting
    for node, field, what, day in tail:
        if day is None:
            continue
        if day < previous[1]:
            yield ctx.violation(node, f"{what}（{day}）早于{previous[0]}（{previous[1]}），不符合程序顺序 {CHAIN_CLAUSE}",
                                f"核对日期：{what}应在{previous[0]}之后", field)
        previous = (what, day)


def _replacements(ctx: Context, roster: models.Roster) -> Iterator[Violation]:
    """An 增补 member takes the post of someone recorded as having left, on or after that day."""
    members = list(roster.presidium) + [m for d in roster.departments for m in d.heads + d.staff]
    left = {m.person: m.left for m in members if m.left is not None}
    for member in members:
        if member.replaces is None:
            continue
        if member.replaces not in left:
            yield ctx.violation(member, f"增补接替的 {ctx.name(member.replaces)} 在本名单中没有离任记录",
                                "先为被接替的成员填写 left 和 left_reason", "replaces")
        elif member.appointed < left[member.replaces]:
            yield ctx.violation(member, f"增补任职日期 {member.appointed} 早于被接替者离任日期 {left[member.replaces]}",
                                "增补成员的 appointed 不早于被接替者的 left", "appointed")

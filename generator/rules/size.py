"""§2.3 精简原则: sizes of presidiums, departments and whole unions; no other posts; volunteers."""

from __future__ import annotations

from typing import Iterator

from .context import HEAD, PRESIDIUM, STAFF, Context, on_day
from .registry import Violation, rule
from .structure import president_title

ALLOWED_TITLES = {
    PRESIDIUM: {"主席团成员", "执行主席"},
    HEAD: {"负责人", "部长", "副部长", "主任", "副主任"},
    STAFF: {"工作人员", "干事", "委员"},
}


def overlaps(member, project) -> bool:
    """Staff service (``appointed`` up to the day before ``left``) and the project's days share a day;
    a project without dates is reported for that and treated as overlapping."""
    if project.start is None or project.end is None:
        return True
    return member.appointed <= project.end and (member.left is None or member.left > project.start)



@rule("size.fed-presidium-max", "error", "§2.3", "主席团成员不超过5人", "学联主席团人数",
      "医学院学联主席团同一天在任的成员不超过 5 人（按任期内每一天计算：离任者与接替者不同时计入）。",
      "学联名单的 presidium 列了 6 人。修改：减到 5 人以内。")
def fed_presidium_max(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        count, day = ctx.most_at_once(roster, roster.presidium)
        if count > 5:
            yield ctx.violation(roster, f"主席团 {count} 人{on_day(day)}，超过上限 5 人",
                                "减少主席团成员至 5 人以内；有人离任的，填写 left 和 left_reason",
                                "presidium")


@rule("size.fed-departments-max", "warning", "§2.3", "工作部门一般不超过6个", "学联工作部门数",
      "医学院学联工作部门一般不超过 6 个（“一般”，故为提示）。",
      "学联设了 7 个部门。修改：合并职能相近的部门，或申请豁免。")
def fed_departments_max(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        if len(roster.departments) > 6:
            yield ctx.violation(roster, f"工作部门 {len(roster.departments)} 个，超过一般上限 6 个",
                                "合并职能相近的部门", "departments")


@rule("size.fed-dept-heads", "error", "§2.3", "每个工作部门成员设负责人2至3人", "学联部门负责人人数",
      "医学院学联每个工作部门设负责人 2 至 3 人。",
      "权益部只有 1 名负责人。修改：heads 补足 2–3 人。")
def fed_dept_heads(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        for department in roster.departments:
            count, day = ctx.most_at_once(roster, department.heads)
            if not 2 <= count <= 3:
                yield ctx.violation(department, f"{department.name}负责人最多时 {count} 人{on_day(day)}，应为 2 至 3 人",
                                    "调整 heads，使负责人为 2 至 3 人", "heads")


@rule("size.fed-dept-staff-max", "warning", "§2.3", "工作人员一般不超过6人", "学联部门工作人员人数",
      "解释：每个学联工作部门除 2–3 名负责人外，工作人员一般不超过 6 人（5 + 6×(3+6) = 59，与 60 人上限一致）。",
      "宣传部 staff 列了 7 人。修改：减到 6 人以内，或申请豁免。")
def fed_dept_staff_max(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        for department in roster.departments:
            count, day = ctx.most_at_once(roster, department.staff)
            if count > 6:
                yield ctx.violation(department, f"{department.name}工作人员 {count} 人{on_day(day)}（不含负责人），超过一般上限 6 人",
                                    "减少该部门工作人员", "staff")


@rule("size.fed-total-typical", "warning", "§2.3", "医学院学联工作人员一般为40人左右", "学联总人数（一般）",
      "学联工作人员（主席团 + 全部部门成员，志愿者不计）一般不超过 40 人；名单记录了扩编理由"
      "（学生人数增加或分校区较多，并有说明）时不报。",
      "学联名单共 45 人且没有 expansion。修改：精简人员，或填写 expansion 的理由与说明。")
def fed_total_typical(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        count, day = ctx.staff_count(roster)
        if count > 40 and roster.expansion is None:
            yield ctx.violation(roster, f"学联工作人员 {count} 人{on_day(day)}，超过一般规模 40 人且未记录扩编理由",
                                "精简人员，或填写 expansion（reason: 学生人数增加/分校区较多，explanation: 说明）", "id")


@rule("size.fed-total-max", "warning", "§2.3", "原则上不超过60人", "学联总人数（上限）",
      "即使有扩编理由，学联工作人员原则上不超过 60 人；超过须有写明批准机构的豁免（waiver）。",
      "学联名单共 62 人。修改：精简到 60 人以内，或由批准机构签发豁免。")
def fed_total_max(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=True):
        count, day = ctx.staff_count(roster)
        if count > 60:
            yield ctx.violation(roster, f"学联工作人员 {count} 人{on_day(day)}，超过 60 人", "精简人员，或登记写明批准机构的豁免",
                                "id")


@rule("size.college-total-range", "warning", "§2.3", "院系学生会工作人员一般为20至30人", "院系学生会总人数",
      "院系学生会工作人员（主席团 + 部门成员，志愿者不计）一般为 20 至 30 人。",
      "某学院学生会名单共 32 人。修改：精简人员，或登记豁免（如分校区）。")
def college_total_range(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=False):
        count, day = ctx.staff_count(roster)
        if not 20 <= count <= 30:
            yield ctx.violation(roster, f"工作人员最多时 {count} 人{on_day(day)}，不在一般范围 20 至 30 人之内",
                                "调整人员规模，或登记写明理由的豁免", "id")


@rule("size.college-presidium-max", "error", "§2.3", "院系学生会主席团成员不超过3人", "院系主席团人数",
      "院系学生会主席团同一天在任的成员不超过 3 人（按任期内每一天计算：离任者与接替者不同时计入）。",
      "学院学生会 presidium 列了 4 人。修改：减到 3 人以内。")
def college_presidium_max(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters(fed=False):
        count, day = ctx.most_at_once(roster, roster.presidium)
        if count > 3:
            yield ctx.violation(roster, f"主席团 {count} 人{on_day(day)}，超过上限 3 人",
                                "减少主席团成员至 3 人以内；有人离任的，填写 left 和 left_reason",
                                "presidium")


@rule("size.no-other-posts", "error", "§2.3", "均不设置其他任何职务", "不设其他职务",
      "只允许主席团成员、部门负责人（负责人/部长/副部长/主任/副主任）和工作人员（工作人员/干事/委员）；"
      "秘书长、部长助理、顾问等其他职务一律不设。",
      "工作人员的 title 写成“部长助理”。修改：删去 title 或改为“干事”。")
def no_other_posts(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        for seat in ctx.seats(roster):
            title = seat.member.title
            if title and title not in ALLOWED_TITLES[seat.role] and not president_title(title):
                allowed = "、".join(sorted(ALLOWED_TITLES[seat.role]))
                yield ctx.violation(seat.member, f"职务“{title}”不是方案允许的职务", f"删去 title，或改为：{allowed}", "title")


@rule("size.volunteers-project-bound", "error", "§2.3", "以项目化方式招募志愿者……因事用人、事完人散",
      "志愿者按项目招募",
      "志愿者只能登记在有名称、起止日期的项目下，不计入工作人员、不担任任何职务；项目期间同时在本组织任职的人不能登记为志愿者"
      "（按日期判断：任职前或离任后参加项目不算冲突）。",
      "志愿者项目没有 end。修改：填写项目结束日期；志愿者不要填 title。")
def volunteers_project_bound(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        service: dict[str, list] = {}
        for seat in ctx.seats(roster):
            service.setdefault(seat.member.person, []).append(seat.member)
        for project in roster.volunteers:
            missing = [name for name, value in (("名称", project.project), ("开始日期", project.start),
                                                ("结束日期", project.end)) if not value]
            if missing:
                yield ctx.violation(project, f"志愿者项目缺少{'、'.join(missing)}", "填写 project、start、end", "project")
            for volunteer in project.volunteers:
                if volunteer.title:
                    yield ctx.violation(volunteer, "志愿者不得担任职务", "删去志愿者的 title", "title")
                elif any(overlaps(m, project) for m in service.get(volunteer.person, [])):
                    yield ctx.violation(volunteer, f"{ctx.name(volunteer.person)} 在项目期间是本组织工作人员，不能同时登记为志愿者",
                                        "从志愿者名单中删去此人，或核对项目起止日期与其任职、离任日期", "person")

"""Machine-readable downloads: the public view as JSON and as flat CSV tables.

Built from the public view only, so a download can never hold more than the pages show.
The build date is ``today`` (the date the statuses were computed for), never the wall clock.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from typing import Any

from markupsafe import Markup

from ...records.models import DIMENSIONS, SCHEMA_VERSION
from ..markup import plain
from ..public import View
from ..view import fields_of
from ..view.kinds import Section
from ..view.people import Organization, Person

TABLES = ("organizations", "people", "congresses", "memberships", "delegates", "reviews", "proposals")


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return {k: _plain(v) for k, v in fields_of(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _json(value: Any) -> Any:
    """What json's C encoder cannot encode itself (records() and the list index are encoded by it
    with this as ``default``: converting ten years of records in Python first took 2 s)."""
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_of(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps(value: Any, **options: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json, **options) + "\n"


def _org(org: Organization | None) -> dict:
    return {"id": org.id, "short_name": org.short_name} if org else {}


def records(view: View) -> dict:
    """The full public dataset as one JSON document (dataclasses, dates and Markup are left for ``dumps``)."""
    return {
        "schema": SCHEMA_VERSION,
        "generated_for": view.today,
        "site_name": view.site_name,
        "organizations": [{k: v for k, v in fields_of(o).items() if k != "changed"} for o in view.organizations],
        "rosters": [fields_of(r) | {"organization": _org(r.organization)}
                    for terms in view.rosters.values() for r in terms],
        "congresses": [fields_of(c) | {"organization": _org(c.organization), "proposals": [p.id for p in c.proposals]}
                       for c in view.congresses],
        "reviews": [fields_of(r) | {"organization": _org(r.organization)} for r in view.reviews],
        "proposals": [fields_of(p) | {"organization": _org(p.organization)} for p in view.proposals],
        "announcements": [{k: v for k, v in fields_of(a).items() if k not in ("congress", "organization")}
                          | {"organization": _org(a.organization)} for a in view.announcements],
        **{s.folder: [{"id": r.id} | r.fields for r in s.records] for s in view.kinds},
    }


def people(view: View) -> list[Person]:
    """Every person the site names (rosters, chairs, delegates, reviews), public fields only, by ID."""
    found: dict[str, Person] = {}
    for terms in view.rosters.values():
        for roster in terms:
            members = roster.presidium + [m for d in roster.departments for m in d.heads + d.staff]
            for person in [m.person for m in members] + [c.person for c in roster.chairs]:
                found.setdefault(person.id, person)
    for congress in view.congresses:
        for d in congress.delegates:
            found.setdefault(d.person.id, d.person)
    for review in view.reviews:
        for e in review.evaluations:
            found.setdefault(e.person.id, e.person)
    return [found[key] for key in sorted(found)]


def rows(view: View, table: str) -> list[dict]:
    if table == "organizations":
        return [{"organization": o.id, "org_name": o.name, "short_name": o.short_name,
                 "org_type": "学联" if o.is_fed else "院系学生会"} for o in view.organizations]
    if table == "people":
        return [{"person_id": p.id, "name": p.name, "college": p.college} for p in people(view)]
    if table == "congresses":
        return [{"congress": c.id, "congress_name": c.name, "organization": c.organization.id if c.organization else "",
                 "date": c.date} for c in view.congresses]
    if table == "memberships":
        out = []
        for terms in view.rosters.values():
            for roster in terms:
                seats = [("主席团", "", m) for m in roster.presidium]
                for d in roster.departments:
                    seats += [("部门负责人", d.name, m) for m in d.heads]
                    seats += [("工作人员", d.name, m) for m in d.staff]
                for role, department, m in seats:
                    out.append({"organization": roster.organization.id if roster.organization else "", "term": roster.term,
                                "role": role, "department": department, "person_id": m.person.id,
                                "name": m.person.name, "college": m.person.college, "title": m.title,
                                "appointed": m.appointed, "left": m.left or "",
                                "from_college_union": m.from_college_union})
        return out
    if table == "delegates":
        return [{"congress": c.id, "person_id": d.person.id, "name": d.person.name,
                 "college": d.college, "grade": d.grade, "grade_name": d.grade_name, "club": d.club,
                 "recommended_by": d.recommended_by, "elected_by": d.elected_by}
                for c in view.congresses for d in c.delegates]
    if table == "reviews":
        return [{"review": r.id, "organization": r.organization.id if r.organization else "", "semester": r.semester,
                 "person_id": e.person.id, "name": e.person.name, "post": e.post,
                 **dict(zip(DIMENSIONS, e.scores)), "outcome": e.outcome}
                for r in view.reviews for e in r.evaluations]
    if table == "proposals":
        return [{"id": p.id, "congress": p.congress.id if p.congress else "", "title": p.title,
                 "office": p.office, "status": p.status, "status_name": p.status_name,
                 "submitted": p.submitted, "accepted": p.accepted or "", "answered": p.answered or "",
                 "due": p.due or "", "days_taken": "" if p.days is None else p.days,
                 "overdue": p.overdue} for p in view.proposals]
    raise KeyError(table)


# The CSV files are for students and staff opening them in Excel: Chinese column names, 是/否 and
# names instead of codes. A column mapped to None is left out (a code whose Chinese twin is there);
# gongshi.json keeps every code for tools.
COLUMNS: dict[str, str | None] = {
    "organization": "组织编号", "term": "学年", "role": "岗位类别", "department": "部门", "person_id": "人员编号",
    "name": "姓名", "college": "院系", "appointed": "任职日期", "left": "离任日期",
    "from_college_union": "来自院系学生会", "congress": "代表大会编号", "grade": None, "grade_name": "年级",
    "club": "社团", "recommended_by": "推荐团支部", "elected_by": "选举产生代表的院系学生会", "review": "述职评议编号",
    "semester": "学期", "post": "岗位", **{d: d for d in DIMENSIONS}, "outcome": "结果", "id": "提案编号",
    "office": "承办部门", "status": None, "status_name": "状态", "submitted": "提交日期", "accepted": "立案日期",
    "answered": "答复日期", "due": "答复期限", "days_taken": "答复用时（天）", "overdue": "逾期",
    "org_name": "组织全称", "short_name": "简称", "org_type": "组织类型", "congress_name": "大会名称", "date": "召开日期",
}
TITLES = {"memberships": "职务", "proposals": "标题"}  # "title" means a post in one table, a heading in the other
# The keys of each table's rows, in column order: the header of an empty table, and what
# datapackage.json describes (tests check them against ``rows``).
FIELDS: dict[str, tuple[str, ...]] = {
    "organizations": ("organization", "org_name", "short_name", "org_type"),
    "people": ("person_id", "name", "college"),
    "congresses": ("congress", "congress_name", "organization", "date"),
    "memberships": ("organization", "term", "role", "department", "person_id", "name", "college", "title",
                    "appointed", "left", "from_college_union"),
    "delegates": ("congress", "person_id", "name", "college", "grade", "grade_name", "club", "recommended_by",
                  "elected_by"),
    "reviews": ("review", "organization", "semester", "person_id", "name", "post", *DIMENSIONS, "outcome"),
    "proposals": ("id", "congress", "title", "office", "status", "status_name", "submitted", "accepted", "answered",
                  "due", "days_taken", "overdue"),
}


def headers(table: str) -> dict[str, str]:
    """Row key -> CSV column name, for the columns the CSV shows."""
    names = COLUMNS | {"title": TITLES.get(table, "标题")}
    return {key: name for key in FIELDS[table] if (name := names[key]) is not None}


def sheet(view: View, table: str) -> list[dict]:
    """``rows`` as the CSV shows them: Chinese headers, 是/否 for yes/no."""
    names = headers(table)
    return [{names[k]: ("是" if v else "否") if isinstance(v, bool) else v
             for k, v in row.items() if k in names} for row in rows(view, table)]


ID_COLUMN = "编号"


def kind_sheet(section: Section) -> tuple[list[str], list[dict]]:
    """A kind published by its declaration as a CSV table: its ID, then its public fields (Chinese
    headers; Markdown as plain text, lists joined with 、, 是/否 for yes/no)."""
    columns = [ID_COLUMN] + [c.title for c in section.columns]
    return columns, [{ID_COLUMN: r.id} | {c.title: _flat(r.fields.get(c.key)) for c in section.columns}
                     for r in section.records]


def _flat(value: Any) -> Any:
    if isinstance(value, Markup):
        return plain(value, 100_000)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True)
    return "" if value is None else value


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(table: list[dict], columns: list[str]) -> str:
    """The rows under ``columns`` (an empty table still has its header row)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in table:
        writer.writerow({k: _cell(_plain(v)) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()  # BOM so that Excel opens Chinese text correctly


def files(view: View) -> dict[str, str]:
    """Download path (under the site root) → content."""
    # Compact: json's C encoder is used only without indent (ten years of records: 1.5 s less).
    out = {"downloads/gongshi.json": dumps(records(view), sort_keys=True)}
    for table in TABLES:
        out[f"downloads/{table}.csv"] = to_csv(sheet(view, table), list(headers(table).values()))
    for section in view.kinds:
        columns, table_rows = kind_sheet(section)
        out[f"downloads/{section.folder}.csv"] = to_csv(table_rows, columns)
    # The proposal list filter reads this compact index instead of a page with every row.
    out["proposals/list.json"] = dumps([
        {"id": p.id, "title": p.title, "status": p.status, "status_name": p.status_name,
         "office": p.office, "year": p.year, "submitted": p.submitted, "overdue": p.overdue,
         "org": p.organization.short_name if p.organization else ""} for p in view.proposals])
    return out

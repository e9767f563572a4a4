"""Machine-readable downloads: the public view as JSON and as flat CSV tables.

Built from the public view only, so a download can never hold more than the pages show.
The build date is ``today`` (the date the statuses were computed for), never the wall clock.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from markupsafe import Markup

from ...records.models import DIMENSIONS, SCHEMA_VERSION
from ..public import View

TABLES = ("memberships", "delegates", "reviews", "proposals")


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _org(org: dict) -> dict:
    return {k: org[k] for k in ("id", "short_name")} if org else {}


def records(view: View) -> dict:
    """The full public dataset as one JSON document."""
    return _plain({
        "schema": SCHEMA_VERSION,
        "generated_for": view.today,
        "site_name": view.site_name,
        "organizations": [{k: v for k, v in o.items() if k != "changed"} for o in view.organizations],
        "rosters": [dict(r, organization=_org(r["organization"])) for terms in view.rosters.values() for r in terms],
        "congresses": [dict(c, organization=_org(c["organization"]),
                            proposals=[p["id"] for p in c["proposals"]]) for c in view.congresses],
        "reviews": [dict(r, organization=_org(r["organization"])) for r in view.reviews],
        "proposals": [dict(p, organization=_org(p["organization"])) for p in view.proposals],
        "announcements": [{k: v for k, v in a.items() if k not in ("congress", "organization")}
                          | {"organization": _org(a["organization"])} for a in view.announcements],
    })


def rows(view: View, table: str) -> list[dict]:
    if table == "memberships":
        out = []
        for terms in view.rosters.values():
            for roster in terms:
                seats = [("主席团", "", m) for m in roster["presidium"]]
                for d in roster["departments"]:
                    seats += [("部门负责人", d["name"], m) for m in d["heads"]]
                    seats += [("工作人员", d["name"], m) for m in d["staff"]]
                for role, department, m in seats:
                    out.append({"organization": roster["organization"]["id"], "term": roster["term"],
                                "role": role, "department": department, "person_id": m["person"]["id"],
                                "name": m["person"]["name"], "college": m["person"]["college"], "title": m["title"],
                                "appointed": m["appointed"], "left": m["left"] or "",
                                "from_college_union": m["from_college_union"]})
        return out
    if table == "delegates":
        return [{"congress": c["id"], "person_id": d["person"]["id"], "name": d["person"]["name"],
                 "college": d["college"], "grade": d["grade"], "grade_name": d["grade_name"], "club": d["club"],
                 "recommended_by": d["recommended_by"], "elected_by": d["elected_by"]}
                for c in view.congresses for d in c["delegates"]]
    if table == "reviews":
        return [{"review": r["id"], "organization": r["organization"].get("id", ""), "semester": r["semester"],
                 "person_id": e["person"]["id"], "name": e["person"]["name"], "post": e["post"],
                 **dict(zip(DIMENSIONS, e["scores"])), "outcome": e["outcome"]}
                for r in view.reviews for e in r["evaluations"]]
    if table == "proposals":
        return [{"id": p["id"], "congress": p["congress"]["id"] if p["congress"] else "", "title": p["title"],
                 "office": p["office"], "status": p["status"], "status_name": p["status_name"],
                 "submitted": p["submitted"], "accepted": p["accepted"] or "", "answered": p["answered"] or "",
                 "due": p["due"] or "", "days_taken": "" if p["days"] is None else p["days"],
                 "overdue": p["overdue"]} for p in view.proposals]
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
}
TITLES = {"memberships": "职务", "proposals": "标题"}  # "title" means a post in one table, a heading in the other


def sheet(view: View, table: str) -> list[dict]:
    """``rows`` as the CSV shows them: Chinese headers, 是/否 for yes/no."""
    names = COLUMNS | {"title": TITLES.get(table, "标题")}
    return [{names[k]: ("是" if v else "否") if isinstance(v, bool) else v
             for k, v in row.items() if names[k] is not None} for row in rows(view, table)]


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(table: list[dict]) -> str:
    buffer = io.StringIO()
    if table:
        writer = csv.DictWriter(buffer, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        for row in table:
            writer.writerow({k: _cell(_plain(v)) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()  # BOM so that Excel opens Chinese text correctly


def files(view: View) -> dict[str, str]:
    """Download path (under the site root) → content."""
    # Compact: json's C encoder is used only without indent (ten years of records: 1.5 s less).
    out = {"downloads/gongshi.json": json.dumps(records(view), ensure_ascii=False, separators=(",", ":"),
                                                 sort_keys=True) + "\n"}
    for table in TABLES:
        out[f"downloads/{table}.csv"] = to_csv(sheet(view, table))
    # The proposal list filter reads this compact index instead of a page with every row.
    out["proposals/list.json"] = json.dumps(_plain([
        {"id": p["id"], "title": p["title"], "status": p["status"], "status_name": p["status_name"],
         "office": p["office"], "year": p["year"], "submitted": p["submitted"], "overdue": p["overdue"],
         "org": p["organization"].get("short_name", "")} for p in view.proposals]),
        ensure_ascii=False, separators=(",", ":")) + "\n"
    return out

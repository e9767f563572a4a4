"""downloads/datapackage.json: a Frictionless Data Package describing every CSV download.

Built from the same column definitions as the CSV files (``downloads.FIELDS`` and ``headers``),
so it names exactly the columns the CSVs have at build time: their types, Chinese titles, how
the tables join (primary and foreign keys) and the licence chosen in data/settings.yaml.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..public import View
from ..view.kinds import Section
from . import downloads

DATES = {"appointed", "left", "date", "submitted", "accepted", "answered", "due"}
INTEGERS = {"days_taken"}
BOOLEANS = {"from_college_union", "overdue"}  # written 是/否 for Excel

# table -> (primary key, foreign keys as (columns, other table, its columns)), in row keys.
KEYS: dict[str, tuple[tuple[str, ...], tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]]] = {
    "organizations": (("organization",), ()),
    "people": (("person_id",), ()),
    "congresses": (("congress",), ((("organization",), "organizations", ("organization",)),)),
    "memberships": (("organization", "term", "role", "department", "person_id"),
                    ((("organization",), "organizations", ("organization",)),
                     (("person_id",), "people", ("person_id",)))),
    "delegates": (("congress", "person_id"), ((("congress",), "congresses", ("congress",)),
                                              (("person_id",), "people", ("person_id",)))),
    "reviews": (("review", "person_id", "post"), ((("organization",), "organizations", ("organization",)),
                                                  (("person_id",), "people", ("person_id",)))),
    "proposals": (("id",), ((("congress",), "congresses", ("congress",)),)),
}
TITLES = {"organizations": "组织", "people": "人员（只含公开字段）", "congresses": "代表大会",
          "memberships": "历年名单", "delegates": "代表大会代表", "reviews": "述职评议", "proposals": "提案"}
LICENCES = {
    "CC-BY-4.0": ("知识共享署名 4.0 国际", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0 公有领域贡献", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-By-1.0": ("开放数据共享署名许可 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
}


def _field(key: str, name: str) -> dict:
    field: dict[str, Any] = {"name": name, "title": name}
    if key in DATES:
        field["type"] = "date"
    elif key in INTEGERS:
        field["type"] = "integer"
    elif key in BOOLEANS:
        field |= {"type": "boolean", "trueValues": ["是"], "falseValues": ["否"]}
    else:
        field["type"] = "string"
    return field


def _schema(table: str) -> dict:
    names = downloads.headers(table)
    primary, foreign = KEYS[table]
    return {
        "fields": [_field(key, name) for key, name in names.items()],
        "missingValues": [""],
        "primaryKey": [names[key] for key in primary],
        "foreignKeys": [{"fields": [names[k] for k in columns],
                         "reference": {"resource": other, "fields": [downloads.headers(other)[k] for k in theirs]}}
                        for columns, other, theirs in foreign],
    }


def _kind_schema(section: Section) -> dict:
    """A kind published by its declaration: each column typed by the values it holds, keyed by ID."""
    key = downloads.ID_COLUMN
    fields = []
    for column in section.columns:
        values = [r.fields.get(column.key) for r in section.records if r.fields.get(column.key) is not None]
        if values and all(isinstance(v, bool) for v in values):
            field = {"type": "boolean", "trueValues": ["是"], "falseValues": ["否"]}
        elif values and all(isinstance(v, date) for v in values):
            field = {"type": "date"}
        elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            field = {"type": "integer"}
        else:
            field = {"type": "string"}
        fields.append({"name": column.title, "title": column.title} | field)
    return {"fields": [{"name": key, "title": key, "type": "string"}, *fields],
            "missingValues": [""], "primaryKey": [key], "foreignKeys": []}


def licence(code: str) -> dict:
    title, path = LICENCES[code]
    return {"name": code, "title": title, "path": path}


def package(view: View, code: str) -> dict:
    return {
        "name": "gongshi-public-records",
        "title": f"{view.site_name}·公开数据",
        "description": f"公示网站的公开记录（截至 {view.today.isoformat()}），不含任何非公开字段。",
        "version": view.today.isoformat(),
        "licenses": [licence(code)],
        "resources": [{
            "name": table, "title": TITLES[table], "path": f"{table}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": _schema(table),
        } for table in downloads.TABLES] + [{
            "name": s.folder, "title": s.title, "path": f"{s.folder}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": _kind_schema(s),
        } for s in view.kinds],
    }


def files(view: View, code: str) -> dict[str, str]:
    return {"downloads/datapackage.json": json.dumps(package(view, code), ensure_ascii=False, indent=2) + "\n"}

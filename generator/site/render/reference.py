"""The staff reference of record kinds: every field of every model, and a blank example file.

Generated from the models (the same source as the JSON Schema and ``gongshi new``), so it can
never describe a field that does not exist.
"""

from __future__ import annotations

from pydantic import BaseModel

from ...records import models
from ...records.fields import describe, is_list, submodel
from ...records.scaffold import template

PUBLISHED = {
    "settings": "站点设置，不单独公开",
    "organization": "公开", "term": "公开", "person": "姓名、院系、年级等公开；private 下的内容只用于检查，不公开"
              "（唯一例外：站点设置开启 publish_candidate_political_status 时，选举结果中公开候选人的政治面貌）",
    "roster": "公开", "congress": "公开", "review": "公开", "proposal": "公开", "announcement": "公开",
    "waiver": "在「合规」页面公开理由与到期日",
    "honor": "只用于检查", "training": "只用于检查", "matter": "只用于检查", "party-report": "只用于检查",
    "misconduct": "整条记录保密，只用于检查",
}


def _rows(model: type[BaseModel], prefix: str) -> list[dict]:
    rows = []
    for name, field in model.model_fields.items():
        key = f"{prefix}{field.alias or name}"
        sub = submodel(field.annotation)
        rows.append({"field": key + ("[]" if is_list(field.annotation) else ""),
                     "required": field.is_required(), "about": describe(field)})
        if sub is not None:
            rows += _rows(sub, key + ("[]." if is_list(field.annotation) else "."))
    return rows


def kinds() -> list[dict]:
    out = []
    for kind in models.KINDS:
        path = f"data/{kind.FOLDER}/<ID>.yaml" if kind.FOLDER else "data/settings.yaml"
        out.append({
            "kind": kind.KIND, "title": kind.TITLE, "path": path, "published": PUBLISHED[kind.KIND],
            "fields": [r for r in _rows(kind, "") if r["field"] not in ("schema", "id")],
            "example": template(kind, "example-id", {}) if kind is not models.Settings else None,
        })
    return out




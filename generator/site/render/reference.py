"""The staff reference of record kinds: every field of every model, and a blank example file.

Generated from the models (the same source as the JSON Schema and ``gongshi new``), so it can
never describe a field that does not exist.
"""

from __future__ import annotations

from pydantic import BaseModel

from ...records import models
from ...records.fields import describe, is_list, submodel
from ...records.scaffold import template

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
        path = f"data/{kind.KIND.folder}/<ID>.yaml" if kind.KIND.folder else "data/settings.yaml"
        out.append({
            "kind": kind.KIND.name, "title": kind.KIND.title, "path": path, "published": kind.KIND.published,
            "fields": [r for r in _rows(kind, "") if r["field"] not in ("schema", "id")],
            "example": template(kind, "example-id", {}) if kind is not models.Settings else None,
        })
    return out




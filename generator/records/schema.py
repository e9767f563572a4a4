"""JSON Schema (draft 2020-12) for every record kind, for editors and for review."""

from __future__ import annotations

import json
from pathlib import Path

from . import models

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(kind: type[models.Record]) -> dict:
    schema = kind.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, "$id": f"{kind.KIND.name}.schema.json", **schema}


def file_name(kind: type[models.Record]) -> str:
    return f"{kind.KIND.name}.schema.json"


def rendered() -> dict[str, str]:
    """File name -> canonical JSON text, for every kind."""
    return {
        file_name(kind): json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for kind in models.KINDS
    }


def write(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in rendered().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def modeline(kind: type[models.Record]) -> str:
    """The first line of a record file: points the YAML language server at its schema."""
    depth = "../" if kind is models.Settings else "../../"
    return f"# yaml-language-server: $schema={depth}schemas/{file_name(kind)}"

"""gongshi schema: write the JSON Schema of every record kind (draft 2020-12)."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("schema", help="导出各类记录的 JSON Schema（供编辑器自动补全）")
    p.add_argument("--out", default="schemas", help="输出目录（默认 schemas/）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..records import schema

    for path in schema.write(Path(args.out)):
        sys.stdout.write(f"{path.as_posix()}\n")
    return 0

"""gongshi migrate: rewrite records to the newest record format (comments and order kept)."""

from __future__ import annotations

import sys

from . import data_folder


def register(sub) -> None:
    p = sub.add_parser("migrate", help="把记录改写为已安装版本的记录格式（保留注释和顺序），并列出改动")
    p.add_argument("data_dir", nargs="?", default="data", type=data_folder, help="数据目录（默认 data/）")
    p.add_argument("--check", action="store_true", help="只列出需要改写的文件，不修改（有则退出码 1）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..records import models
    from ..records.dataset import display_path
    from ..records.loader import YamlProblem
    from ..workflow.fmt import record_files
    from ..workflow.migrate import NewerFormat, migrate_file
    from .fmt import _write

    changed, broken = 0, 0
    for path, kind in record_files(args.data_dir):
        try:
            text, new, changes = migrate_file(path, kind)
        except YamlProblem as problem:
            print(f"{display_path(path)}:{problem.line}:{problem.column}  无法改写：{problem.message}", file=sys.stderr)
            broken += 1
            continue
        except NewerFormat as problem:
            print(f"{display_path(path)}  {problem}", file=sys.stderr)
            broken += 1
            continue
        if new == text:
            continue
        changed += 1
        print(f"{display_path(path)}：" + "；".join(changes))
        if not args.check:
            _write(path, new)
    verb = "需要改写" if args.check else "已改写"
    print(f"{verb} {changed} 个文件，记录格式现为 {models.SCHEMA_VERSION}。" if changed
          else f"所有记录已是 {models.SCHEMA_VERSION} 格式。", file=sys.stderr if args.check else sys.stdout)
    return 1 if broken or (args.check and changed) else 0

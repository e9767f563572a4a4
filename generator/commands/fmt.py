"""gongshi fmt: rewrite records into the canonical layout (comments kept), or list the files that differ."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import data_folder


def register(sub) -> None:
    p = sub.add_parser("fmt", help="把记录文件整理为统一格式（保留注释）")
    p.add_argument("data_dir", nargs="?", default="data", type=data_folder, help="数据目录（默认 data/）")
    p.add_argument("--check", action="store_true", help="只列出格式不统一的文件，不修改（有则退出码 1）")
    p.set_defaults(run=run)


def _write(path: Path, text: str) -> None:
    """Replace the file in one step, so an interrupted fmt never leaves half a record."""
    temporary = path.with_name(f".{path.name}.fmt-tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def run(args) -> int:
    from ..records.cache import CanonicalDigests, digest
    from ..records.dataset import display_path
    from ..workflow.fmt import format_file, record_files
    from ..records.loader import YamlProblem

    root = args.data_dir
    differ, broken = [], []
    digests = CanonicalDigests(root)
    for path, kind in record_files(root):
        key = digest(path.read_bytes())
        if key in digests.known:
            digests.seen.add(key)
            continue
        try:
            text, canonical = format_file(path, kind)
        except YamlProblem as problem:
            broken.append(f"{display_path(path)}:{problem.line}:{problem.column}  无法整理：{problem.message}"
                          f"  — {problem.fix}")
            continue
        if text != canonical:
            differ.append(display_path(path))
            if not args.check:
                _write(path, canonical)
                digests.seen.add(digest(canonical.encode("utf-8")))
        else:
            digests.seen.add(key)
    digests.save()
    for line in broken:
        print(line, file=sys.stderr)
    if broken:
        print(f"{len(broken)} 个文件有 YAML 错误，没有{'检查' if args.check else '整理'}：先按上面的提示改正，"
              "再运行 gongshi fmt。", file=sys.stderr)
    if args.check:
        for name in differ:
            print(name)
        if differ:
            print(f"{len(differ)} 个文件格式不统一。运行 gongshi fmt 整理。", file=sys.stderr)
        elif not broken:
            print("所有文件格式已统一。", file=sys.stderr)
        return 1 if differ or broken else 0
    if differ:
        print(f"已整理 {len(differ)} 个文件。")
    elif not broken:
        print("所有文件格式已统一。")
    return 1 if broken else 0

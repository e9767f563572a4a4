"""gongshi upgrade-files: bring a records repository's CI, editor files and schemas to the installed version."""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("upgrade-files", help="把持续集成、编辑器配置和 schemas/ 更新为已安装版本的文件，并显示改动")
    p.add_argument("--root", default=".", help="记录仓库的根目录（默认当前目录）")
    p.add_argument("--install", default=None, metavar="REQUIREMENT",
                   help="持续集成中安装 Gongshi 的 pip 要求（默认：与当前版本相同，gongshi==版本号）")
    p.add_argument("--check", action="store_true", help="只显示改动，不修改（有改动则退出码 1）")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..workflow.project import installed_from, upgrade
    from . import UsageError

    root = Path(args.root)
    if not (root / "data").is_dir():
        raise UsageError(f"{root.resolve()} 不像记录仓库（没有 data/ 目录）")
    kept = None if args.install else installed_from(root)
    if kept:
        print(f"注意：持续集成仍按原来的要求安装 {kept}；若它没有指向新版本，请用 --install 指定。", file=sys.stderr)
    diffs = upgrade(root, args.install, write=not args.check)
    for diff in diffs:
        sys.stdout.write(diff)
    verb = "需要更新" if args.check else "已更新"
    print(f"{verb} {len(diffs)} 个文件。" if diffs else "所有生成的文件已是最新。", file=sys.stderr)
    return 1 if args.check and diffs else 0

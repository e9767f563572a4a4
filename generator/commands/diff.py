"""gongshi diff BASE [HEAD]: what merging HEAD into BASE changes on the public site, in Chinese Markdown."""

from __future__ import annotations

import sys

from . import UsageError, add_today, data_folder


def register(sub) -> None:
    p = sub.add_parser("diff", help="比较两个 git 版本的记录，说明合并后网站上的变化")
    p.add_argument("base", help="基准版本，如 origin/main")
    p.add_argument("head", nargs="?", default=None, help="比较的版本（默认：当前工作区）")
    p.add_argument("--data", default="data", type=data_folder, help="数据目录（默认 data/）")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..workflow.diff import RevisionError, compare

    data = args.data
    try:
        sys.stdout.write(compare(data, args.base, args.head, args.when.day))
    except RevisionError as error:
        raise UsageError(f"无法读取版本：{error}") from None
    return 0

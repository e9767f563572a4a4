"""gongshi diff BASE [HEAD]: what merging HEAD into BASE changes on the public site, page by page."""

from __future__ import annotations

import sys

from . import UsageError, add_today, data_folder


def register(sub) -> None:
    p = sub.add_parser("diff", help="比较两个 git 版本的记录，逐页说明合并后网站上的变化")
    p.add_argument("base", help="基准版本，如 origin/main")
    p.add_argument("head", nargs="?", default=None, help="比较的版本（默认：当前工作区）")
    p.add_argument("--data", default="data", type=data_folder, help="数据目录（默认 data/）")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown",
                   help="输出格式：markdown（默认，可直接贴到拉取请求）或 json（供程序读取）")
    p.add_argument("--site-url", default=None, metavar="URL",
                   help="网站地址，用于生成页面链接（默认取 mkdocs.yml 的 site_url）")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..workflow.diff import RevisionError, compare, site_url

    try:
        summary = compare(args.data, args.base, args.head, args.when.day)
    except RevisionError as error:
        raise UsageError(f"无法读取版本：{error}") from None
    if args.format == "json":
        sys.stdout.write(summary.as_json())
    else:
        url = args.site_url if args.site_url is not None else site_url(args.data)
        sys.stdout.write(summary.as_markdown(url))
    return 0

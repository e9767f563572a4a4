"""gongshi build: check the records, then build the site into a temporary folder and swap it in."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from . import UsageError, add_today, data_folder


def register(sub) -> None:
    p = sub.add_parser("build", help="检查记录并生成网站（失败时保留原有网站）")
    p.add_argument("--data", default=None, type=data_folder, help="数据目录（默认：mkdocs.yml 中 gongshi 插件的 data，即 data/）")
    p.add_argument("--out", default="site", help="输出目录（默认 site/）")
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
    p.add_argument("--strict", action="store_true", help="有提示也不发布")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from mkdocs.exceptions import MkDocsException

    from ..rules import report
    from ..site.build import Blocked, build_site

    # MkDocs reports through logging: show its warnings and errors (the findings among them) plainly.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)

    config = Path(args.config)
    if not config.is_file():
        raise UsageError(f"找不到配置文件 {config}（请在项目根目录运行，或用 --config 指定）")
    data = args.data
    out = Path(args.out)
    try:
        site_url = build_site(config, data, out, args.when.day, args.strict)
    except Blocked as blocked:
        print("\n" + report.as_text(blocked.outcome) + str(blocked), file=sys.stderr)
        print("gongshi: 记录违反规则，未生成网站；原有网站保持不变。", file=sys.stderr)
        return 1
    except MkDocsException as error:
        raise UsageError(f"网站生成失败：{error}") from None
    print(f"网站已生成：{out.resolve()}（本地预览：gongshi serve）")
    if not site_url:
        print(f"gongshi: 注意：{config} 没有设置 site_url（网站的正式地址，如 https://example.edu.cn/gongshi/）。"
              "未设置时站点地图 sitemap.xml 是空的、robots.txt 不指向它，订阅中的链接是相对地址，"
              "搜索引擎和订阅阅读器可能找不到页面。发布前请在 mkdocs.yml 中加入一行 site_url: 网站地址。",
              file=sys.stderr)
    return 0

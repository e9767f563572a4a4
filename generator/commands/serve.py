"""gongshi serve: preview the site locally; it rebuilds when a record or template changes."""

from __future__ import annotations

import os
from pathlib import Path

from ..records import today
from . import UsageError, add_today


def register(sub) -> None:
    p = sub.add_parser("serve", help="本地预览网站（修改记录后自动重新生成）")
    p.add_argument("--config", default="mkdocs.yml", help="MkDocs 配置文件（默认 mkdocs.yml）")
    p.add_argument("--addr", default="127.0.0.1:8000", help="监听地址（默认 127.0.0.1:8000）")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    if not Path(args.config).is_file():
        raise UsageError(f"找不到配置文件 {args.config}（请在项目根目录运行）")
    if args.when.source == "option":  # MkDocs reloads its config on every rebuild: the plugin reads this
        os.environ[today.ENV] = args.when.day.isoformat()
    try:
        # dirty: after an edit only the pages whose generated text changed are rendered again
        serve(config_file=args.config, dev_addr=args.addr, livereload=True, build_type="dirty")
    except MkDocsException as error:
        raise UsageError(f"预览失败：{error}") from None
    return 0

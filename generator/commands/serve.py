"""gongshi serve: preview the site locally; it rebuilds when a record or template changes and
shows the findings on every page instead of stopping when the records break a rule."""

from __future__ import annotations

import errno
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
    from mkdocs.exceptions import MkDocsException

    from ..site.preview import serve

    if not Path(args.config).is_file():
        raise UsageError(f"找不到配置文件 {args.config}（请在项目根目录运行）")
    if args.when.source == "option":  # MkDocs reloads its config on every rebuild: the plugin reads this
        os.environ[today.ENV] = args.when.day.isoformat()
    try:
        serve(args.config, args.addr)
    except MkDocsException as error:
        raise UsageError(f"预览失败：{error}") from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(f"地址 {args.addr} 已被占用：请关闭另一个预览，或换一个端口（如 --addr 127.0.0.1:8001）") from None
        raise
    return 0

"""gongshi check: validate every record against the schema and the plan's rules."""

from __future__ import annotations

import sys
from pathlib import Path

from ..records import collector
from ..rules import report
from ..rules.check import check
from . import add_today, data_folder


def register(sub) -> None:
    p = sub.add_parser("check", help="检查 data/ 中的记录是否符合模式与改革方案的规则")
    p.add_argument("data_dir", nargs="?", default="data", type=data_folder, help="数据目录（默认 data/）")
    p.add_argument("--format", choices=sorted(report.FORMATS), default="text", help="输出格式")
    p.add_argument("--output", default=None, metavar="FILE",
                   help="把报告写入文件（如 GitLab 的 gl-code-quality-report.json），终端仍显示文字报告")
    p.add_argument("--strict", action="store_true", help="把提示也当作错误")
    p.add_argument("--no-cache", action="store_true", help="不使用解析缓存（.gongshi-cache/）")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    root = args.data_dir
    with collector.paused():
        _, outcome = check(root, args.when.day, cached=not args.no_cache)
    if args.output:
        Path(args.output).write_text(report.render(outcome, args.format), encoding="utf-8")
        sys.stdout.write(report.as_text(outcome))
    else:
        sys.stdout.write(report.render(outcome, args.format))
    return 1 if outcome.blocks(args.strict) else 0

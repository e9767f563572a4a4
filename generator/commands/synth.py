"""gongshi synth: write a seeded synthetic dataset that satisfies every rule (benchmarks, demos)."""

from __future__ import annotations

import sys
from pathlib import Path

from . import UsageError, add_today


def register(sub) -> None:
    p = sub.add_parser("synth", help="生成确定性的合成数据（用于基准测试与演示）")
    p.add_argument("--years", type=int, default=3, help="学年数（截至“今天”所在学年）")
    p.add_argument("--colleges", type=int, default=6, help="院系学生会数量")
    p.add_argument("--out", required=True, help="输出目录（必须不存在或为空）")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--proposals-per-college", type=int, default=19, help="每个院系代表大会每年的提案数")
    p.add_argument("--sample", action="store_true", help="加入示例站点需要展示的情形（逾期提案、待批准结果、豁免、公告）")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..synth.synth import generate

    if args.years < 1 or args.colleges < 1:
        raise UsageError("--years 与 --colleges 至少为 1")
    try:
        count = generate(Path(args.out), args.years, args.colleges, args.when.day,
                         args.seed, args.sample, args.proposals_per_college)
    except FileExistsError as error:
        raise UsageError(str(error)) from None
    sys.stdout.write(f"已写入 {count} 个文件到 {args.out}\n")
    return 0

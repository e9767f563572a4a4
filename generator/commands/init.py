"""gongshi init DIR: start a records repository that checks clean and builds on the first run."""

from __future__ import annotations

import re
from pathlib import Path

from ..records import models
from . import UsageError, add_today


def register(sub) -> None:
    p = sub.add_parser("init", help="新建一个公示记录仓库（不提问；名称可用参数指定，之后在记录中修改）")
    p.add_argument("dir", help="新仓库的目录（不存在或为空）")
    p.add_argument("--name", default="某某大学学生联合会", help="本会全称")
    p.add_argument("--short-name", default="某某学联", help="本会简称")
    p.add_argument("--federation-id", default="fed", help="本会的组织 ID（小写字母、数字和连字符，默认 fed）")
    p.add_argument("--site-name", default="", help="网站名称（默认：简称 + 公示平台）")
    p.add_argument("--upper-federation", default="上级学生联合会", help="上级学联名称（选举结果报备对象）")
    p.add_argument("--sample", action="store_true", help="写入完整的虚构示例数据，而不是最小的起步记录")
    p.add_argument("--install", default=None, metavar="REQUIREMENT",
                   help="持续集成中安装 Gongshi 的 pip 要求（默认：与当前版本相同，gongshi==版本号）")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..workflow.project import Names, init

    if not re.fullmatch(models.ID_PATTERN, args.federation_id):
        raise UsageError(f"组织 ID {args.federation_id!r} 无效：只能用小写字母、数字和连字符")
    names = Names(args.name.strip(), args.short_name.strip(), args.federation_id, args.site_name.strip(),
                  args.upper_federation.strip())
    if not all((names.name, names.short_name, names.upper_federation)):
        raise UsageError("名称不能为空")
    target = Path(args.dir)
    try:
        written = init(target, names, args.when.day, args.sample, args.install)
    except FileExistsError:
        raise UsageError(f"{target} 已存在且不是空目录，不会覆盖其中的文件") from None
    print(f"已在 {target} 新建公示记录仓库（{len(written)} 个文件）。接下来：")
    print(f"  cd {target} && gongshi check && gongshi build")
    return 0

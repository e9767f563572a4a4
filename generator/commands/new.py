"""gongshi new KIND: write a blank record with the next free ID, the schema modeline and every required field."""

from __future__ import annotations

import re

from ..records import models
from ..records.dataset import display_path, load
from . import UsageError, add_today, data_folder

KINDS = sorted(k.KIND.name for k in models.KINDS if k is not models.Settings)


def register(sub) -> None:
    p = sub.add_parser("new", help="按模板新建一条记录（自动编号，不会覆盖已有文件）")
    p.add_argument("kind", choices=KINDS, metavar="KIND", help="记录类型：" + "、".join(KINDS))
    p.add_argument("--data", default="data", type=data_folder, help="数据目录（默认 data/）")
    p.add_argument("--org", default=None, help="组织 ID（默认医学院学联）")
    p.add_argument("--id", default=None, help="指定记录 ID（默认自动取下一个未用的编号）")
    add_today(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..records.scaffold import next_record, template

    root = args.data
    kind = models.BY_KIND[args.kind]
    data = load(root)
    if args.org and args.org not in data.of(models.Organization):
        raise UsageError(f"组织 {args.org} 不存在（见 {root}/organizations/）")
    try:
        record_id, filled = next_record(kind, data, args.when.day, args.org)
    except ValueError as error:
        raise UsageError(str(error)) from None
    record_id = args.id or record_id
    if not re.fullmatch(models.ID_PATTERN, record_id):
        raise UsageError(f"ID {record_id!r} 无效：只能用小写字母、数字和连字符（不能以连字符开头或结尾）")
    path = root / kind.KIND.folder / f"{record_id}.yaml"
    if path.exists() or record_id in data.of(kind):
        raise UsageError(f"{display_path(path)} 已存在，不会覆盖")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(template(kind, record_id, filled))
    print(f"已新建 {display_path(path)}：请填写其中的空白字段，然后运行 gongshi check。")
    return 0

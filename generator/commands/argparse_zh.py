"""argparse in Chinese: usage, group titles, ``-h`` and every error message staff can meet.

argparse's own strings are English (it translates through gettext catalogues that Python does
not ship in Chinese), so the parser class sets them itself: the usage prefix, the group titles,
the help option, placeholders named in Chinese, and each error message rewritten from its
English pattern. Subparsers are created with the same class.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

# Placeholders shown in usage and help for options that take a value, by argument name.
METAVARS = {
    "data": "目录", "data_dir": "数据目录", "out": "目录", "dir": "目录", "root": "目录",
    "config": "文件", "output": "文件", "addr": "地址", "base": "基准版本", "head": "比较版本",
    "name": "名称", "short_name": "简称", "site_name": "名称", "upper_federation": "名称",
    "federation_id": "ID", "org": "ID", "id": "ID", "years": "年数", "colleges": "院系数", "seed": "整数",
    "proposals_per_college": "数量", "kind": "类型", "command": "命令",
}
RENAMED = {"FILE": "文件", "REQUIREMENT": "安装要求", "KIND": "类型", "COMMAND": "命令"}

# argparse's error messages (Python 3.10–3.13) and their Chinese; the first pattern that matches wins.
ERRORS = [
    (r"the following arguments are required: (.+)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.+)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", r"参数 \1 的取值 \2 无效（可选：\3）"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面需要一个值"),
    (r"argument (\S+): expected at most one argument", r"参数 \1 最多接受一个值"),
    (r"argument (\S+): expected at least one argument", r"参数 \1 至少需要一个值"),
    (r"argument (\S+): expected (\d+) arguments?", r"参数 \1 需要 \2 个值"),
    (r"argument (\S+): invalid (\w+) value: (.+)", r"参数 \1 的值 \3 无效"),
    (r"argument (\S+): not allowed with argument (\S+)", r"参数 \1 不能与 \2 同时使用"),
    (r"argument (\S+): ignored explicit argument (.+)", r"参数 \1 不接受值 \2"),
    (r"ambiguous option: (\S+) could match (.+)", r"选项 \1 有歧义，可能是：\2"),
    (r"one of the arguments (.+) is required", r"必须提供以下参数之一：\1"),
    (r"argument (\S+): (.+)", r"参数 \1：\2"),  # our own type checks already say what is wrong in Chinese
]


def translate(message: str) -> str:
    for pattern, chinese in ERRORS:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            return match.expand(chinese)
    return message


class HelpFormatter(argparse.HelpFormatter):
    def _split_lines(self, text, width):
        """Wrap at spaces only: Chinese help has few, and a code must never be cut in two."""
        return textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def add_argument(self, *args, **kwargs):
        action = super().add_argument(*args, **kwargs)
        if action.metavar in RENAMED:
            action.metavar = RENAMED[action.metavar]
        elif action.metavar is None and action.nargs != 0 and action.choices is None and action.dest in METAVARS:
            action.metavar = METAVARS[action.dest]
        return action

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("parser_class", type(self))
        return super().add_subparsers(**kwargs)

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message)}\n")

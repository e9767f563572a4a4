"""One module per ``gongshi`` subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..records import today as today_module


class UsageError(Exception):
    """A problem with how the command was called, or with the files it was pointed at (exit 2)."""


def today_arg(value: str) -> date:
    try:
        return today_module.parse(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=today_arg, default=None, metavar="YYYY-MM-DD",
                        help="把“今天”固定为该日期（否则依次取环境变量 GONGSHI_TODAY、mkdocs.yml 的 today:、真实日期）")


def resolve_today(args: argparse.Namespace) -> today_module.Today | None:
    """The one "today" of a command that takes ``--today`` (None for the others), announced on its
    first line (stderr, so JSON reports stay clean) whenever it is not the real date."""
    if not hasattr(args, "today"):
        return None
    try:
        when = today_module.resolve(args.today, Path(getattr(args, "config", None) or today_module.CONFIG))
    except ValueError as error:
        raise UsageError(str(error)) from None
    if when.pinned:
        print(when.notice(), file=sys.stderr, flush=True)
    return when


def data_folder(value: str) -> Path:
    """An existing data folder (argparse type: a missing one is a usage error, exit 2)."""
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"数据目录 {path} 不存在")
    return path

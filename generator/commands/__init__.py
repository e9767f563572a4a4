"""One module per ``gongshi`` subcommand, each with ``register(subparsers)``."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..records import today as today_module


class UsageError(Exception):
    """A problem with how the command was called, or with the files it was pointed at (exit 2)."""


def today_arg(value: str) -> date:
    try:
        return today_module.resolve(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=today_arg, default=None, metavar="YYYY-MM-DD",
                        help="把“今天”固定为该日期（默认取环境变量 GONGSHI_TODAY 或真实日期）")


def data_folder(value: str) -> Path:
    """An existing data folder (argparse type: a missing one is a usage error, exit 2)."""
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"数据目录 {path} 不存在")
    return path

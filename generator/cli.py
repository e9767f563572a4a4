"""``gongshi`` command line: each subcommand lives in ``generator/commands/<name>.py``.

Only the named command's module is imported (``gongshi check`` in a pull request does not load the
formatter, git diffing or the site); help, and a command name that is not known, import them all to
list them. Each module also imports what only its own command needs inside ``run``.

Exit codes: 0 clean, 1 a record breaks a rule (or ``--check`` found a difference),
2 a usage or I/O problem, 3 a bug in Gongshi (set GONGSHI_DEBUG=1 for the traceback). Bad input never produces a Python traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .commands import UsageError, resolve_today
from .commands.argparse_zh import ArgumentParser

COMMANDS = ("init", "check", "build", "serve", "fmt", "new", "diff", "rules", "schema", "synth", "migrate", "upgrade-files")


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or only of ``command`` when it is one."""
    top = ArgumentParser(prog="gongshi", description="公示 Gongshi：学联学生会公开信息站点生成与规则检查")
    sub = top.add_subparsers(dest="command", metavar="命令", required=True)
    for name in COMMANDS if command not in COMMANDS else (command,):
        importlib.import_module(f"generator.commands.{name.replace('-', '_')}").register(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    args = parser(words[0] if words else None).parse_args(argv)  # the top level has no option but -h
    try:
        args.when = resolve_today(args)
        return int(args.run(args) or 0)
    except UsageError as error:
        print(f"gongshi: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"gongshi: 无法读写 {error.filename or ''}：{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug in Gongshi: staff get one readable line, not a traceback
        print(f"gongshi: 内部错误（{type(error).__name__}），请把这条信息和所用命令报告给维护者：{error}",
              file=sys.stderr)
        if os.environ.get("GONGSHI_DEBUG"):
            raise
        return 3


if __name__ == "__main__":
    sys.exit(main())

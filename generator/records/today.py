"""The one "today" every command, the MkDocs plugin and the site judge against.

Order: ``--today`` > $GONGSHI_TODAY > ``today:`` of the gongshi plugin in mkdocs.yml > the real
date (docs/interpretations.md says why). ``check``, ``build``, ``serve``, ``diff``, ``new``,
``synth`` and ``mkdocs build``/``serve`` all call ``resolve``, so they can never disagree, and
whenever the day is not the real date ``Today.notice`` says so in Chinese.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

ENV = "GONGSHI_TODAY"
CONFIG = Path("mkdocs.yml")
SOURCES = {"option": "命令行 --today", "env": f"环境变量 {ENV}", "config": "mkdocs.yml 的 today:", "real": "真实日期"}


@dataclass(frozen=True)
class Today:
    day: date
    source: str  # a key of SOURCES
    real: date

    @property
    def pinned(self) -> bool:
        return self.day != self.real

    def notice(self) -> str:
        """The first line every command prints when "today" is not the real date ("" otherwise)."""
        if not self.pinned:
            return ""
        return (f"注意：“今天”按 {self.day} 计算（来源：{SOURCES[self.source]}），不是真实日期 {self.real}；"
                "逾期等状态按该日期判断。")


def parse(value: str | date) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"日期 {value!r} 无效，应为 YYYY-MM-DD") from None


class _AnyTag(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV or !!python/name are read as null."""


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTag.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def configured(config: Path | None = None) -> str:
    """The gongshi plugin's ``today:`` in mkdocs.yml ("" when the file or the line is missing)."""
    path = CONFIG if config is None else Path(config)
    try:
        settings = yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTag)  # noqa: S506 (safe loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    plugins = settings.get("plugins") if isinstance(settings, dict) else None
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) for p in plugins or [] if isinstance(p, dict) and len(p) == 1)
    for name, options in entries:
        if name == "gongshi" and isinstance(options, dict) and options.get("today"):
            return str(options["today"])
    return ""


def resolve(option: str | date | None = None, config: Path | None = None, config_today: str | None = None) -> Today:
    """``option`` > $GONGSHI_TODAY > ``config_today`` (read from ``config``, mkdocs.yml, when not given) > real date.

    Raises ValueError (Chinese) for a malformed date, naming where it came from.
    """
    real = date.today()
    if option:
        return Today(parse(option), "option", real)
    candidates = (("env", os.environ.get(ENV, "")),
                  ("config", configured(config) if config_today is None else config_today))
    for source, value in candidates:
        if value and str(value).strip():
            try:
                return Today(parse(value), source, real)
            except ValueError as error:
                raise ValueError(f"{SOURCES[source]}：{error}") from None
    return Today(real, "real", real)

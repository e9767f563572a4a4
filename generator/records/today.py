"""The date rules judge against: settable for reproducible checks, builds and tests."""

from __future__ import annotations

import os
from datetime import date

ENV = "GONGSHI_TODAY"


def resolve(value: str | date | None = None) -> date:
    """``value`` (YYYY-MM-DD), else $GONGSHI_TODAY, else the real date."""
    if isinstance(value, date):
        return value
    value = value or os.environ.get(ENV) or ""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"日期 {value!r} 无效，应为 YYYY-MM-DD") from None

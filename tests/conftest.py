"""Shared fixtures: a fixed "today" and throw-away copies of the sample data to break."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from generator.check import check
from generator.findings import Outcome

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
# The sample data is a snapshot as of this day; README and mkdocs.yml use the same date.
TODAY = date(2026, 11, 24)


@dataclass
class DataCopy:
    """A copy of a dataset in a temp dir, with helpers to break one thing and re-check."""

    root: Path

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> Any:
        return yaml.safe_load(self.path(relative).read_text(encoding="utf-8"))

    def write(self, relative: str, data: Any) -> None:
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def edit(self, relative: str, change: Callable[[Any], Any]) -> None:
        """Load a record, let ``change`` mutate it (or return a replacement), write it back."""
        data = self.read(relative)
        result = change(data)
        self.write(relative, data if result is None else result)

    def check(self, today: date = TODAY) -> Outcome:
        return check(self.root, today)[1]


def rule_ids(outcome: Outcome) -> set[str]:
    return {f.rule for f in outcome.active}


@pytest.fixture
def sample(tmp_path: Path) -> DataCopy:
    """A fresh copy of the bundled sample data."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return DataCopy(target)

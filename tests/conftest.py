"""Shared fixtures: a fixed "today" and throw-away copies of the sample data to break."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from generator.rules.check import check
from generator.rules.findings import Outcome

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
# The sample data is a snapshot as of this day; README and mkdocs.yml use the same date.
TODAY = date(2026, 11, 24)


@dataclass
class DataCopy:
    """A copy of a dataset in a temp dir, with helpers to break one thing and re-check."""

    root: Path
    _checked: dict = field(default_factory=dict, repr=False)

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> Any:
        return yaml.safe_load(self.path(relative).read_text(encoding="utf-8"))

    def write(self, relative: str, data: Any) -> None:
        path = self.path(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        self._checked.clear()

    def edit(self, relative: str, change: Callable[[Any], Any]) -> None:
        """Load a record, let ``change`` mutate it in place (its return value is ignored), write it back."""
        data = self.read(relative)
        change(data)
        self.write(relative, data)

    def check(self, today: date = TODAY) -> Outcome:
        """Check the copy; cached until the next ``write`` so assertions can call it freely."""
        if today not in self._checked:
            self._checked[today] = check(self.root, today)[1]
        return self._checked[today]


def rule_ids(outcome: Outcome) -> set[str]:
    return {f.rule for f in outcome.active}


@pytest.fixture
def sample(tmp_path: Path) -> DataCopy:
    """A fresh copy of the bundled sample data."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return DataCopy(target)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The bundled sample built once per test run with the project's own mkdocs.yml."""
    from generator.site.build import build_site

    out = tmp_path_factory.mktemp("sample-site") / "site"
    build_site(ROOT / "mkdocs.yml", SAMPLE, out, TODAY)
    return out


# Words staff may see in otherwise Chinese output: file formats, tools, keys.
TECHNICAL_WORDS = {"yaml", "json", "csv", "xml", "tab", "bom", "utf", "schema", "markdown", "mkdocs", "git", "ctrl",
                   "gongshi", "id", "url", "github", "gitlab", "html", "pip", "python", "vs", "code", "head", "base",
                   "yyyy", "mm", "dd", "codeclimate", "text", "markdown", "strict", "jsonschema", "main", "origin", "today", "fetch"}


def english_words(text: str) -> list[str]:
    """ASCII words in ``text`` that are not a code, an ID, a field name, a path, a URL or a command.

    Staff-facing output is Chinese; codes, IDs, field names and paths are allowed (they are what
    staff type into records)."""
    import re

    from generator.records import models
    from generator.records.messages import labels
    from generator.cli import COMMANDS
    from generator.rules import REGISTRY

    allowed = set(TECHNICAL_WORDS) | {code.lower() for code in labels()} | set(COMMANDS)
    allowed |= {part for kind in models.KINDS for part in (*kind.KIND.name.split("-"), kind.KIND.folder)}
    allowed |= {"true", "false"}
    for cls in vars(models).values():
        if isinstance(cls, type) and hasattr(cls, "model_fields"):
            for name, info in cls.model_fields.items():
                allowed |= {name.lower(), (info.alias or name).lower()}
    allowed |= {part.lower() for rule in REGISTRY for part in re.split(r"[.\-_]", getattr(rule, "id", str(rule)))}
    stripped = re.sub(r"https?://\S+|[\w./-]*/[\w./-]*|[\w-]+\.(yaml|json|xml|csv|md|yml)\b|`[^`\n]*`"
                      r"|--[\w-]+|\b[\w]+(?:[-_.][\w]+)+\b|[A-Z]+_[A-Z_]+", " ", text)
    return [word for word in re.findall(r"[A-Za-z]{3,}", stripped) if word.lower() not in allowed]

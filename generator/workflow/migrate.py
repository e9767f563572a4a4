"""Record format versions and the steps between them, applied by ``gongshi migrate``.

Every record names its format in ``schema:``. A change that old records cannot be read under
(a key renamed or removed, a value's meaning changed, a new required field) gets a new version
and a ``Step`` here that rewrites a record of the previous version; additive optional fields do
not. ``migrate`` chains the steps from a record's version to ``models.SCHEMA_VERSION``, edits
the round-trip tree (comments and key order kept, as ``gongshi fmt`` writes it) and leaves
a record already at the newest version byte for byte alone, so running it again changes nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ruamel.yaml.comments import CommentedMap

from ..records import models
from ..records.loader import YamlProblem, decode, parse
from ..records.schema import modeline
from .fmt import MODELINE_PREFIX, _yaml

UNVERSIONED = ""  # records written before formats were versioned: no ``schema:`` line


@dataclass(frozen=True)
class Step:
    source: str  # the version this step reads
    target: str  # the version it writes
    apply: Callable[[CommentedMap, type[models.Record]], list[str]]  # edits in place, says what it changed


def _name_version(record: CommentedMap, kind: type[models.Record]) -> list[str]:
    """Unversioned → v1: the format is named first, where the loader and editors look for it."""
    record.insert(0, "schema", "gongshi/v1")
    return ["加上 schema: gongshi/v1（记录格式版本）"]


STEPS: tuple[Step, ...] = (
    Step(UNVERSIONED, "gongshi/v1", _name_version),
)


class NewerFormat(ValueError):
    """A record of a version this Gongshi does not know (written for a newer Gongshi, or mistyped)."""


def chain(version: str) -> list[Step]:
    """The steps from ``version`` to the newest one, in order."""
    steps, seen = [], set()
    while version != models.SCHEMA_VERSION:
        step = next((s for s in STEPS if s.source == version), None)
        if step is None or version in seen:
            raise NewerFormat(f"不认识的记录格式 {version!r}：已安装的 Gongshi 只认识到 {models.SCHEMA_VERSION}"
                              "（记录若来自新版本，请先升级 Gongshi）")
        seen.add(version)
        steps.append(step)
        version = step.target
    return steps


def version_of(record: object) -> str:
    value = record.get("schema", UNVERSIONED) if isinstance(record, dict) else UNVERSIONED
    return value if isinstance(value, str) else str(value)


def migrate_text(text: str, kind: type[models.Record]) -> tuple[str, list[str]]:
    """(new text, what changed) for one record file; the text is returned as it is when nothing changes."""
    version = version_of(parse(text).data)
    steps = chain(version)
    if not steps:
        return text, []
    yaml = _yaml()
    lines = text.splitlines(keepends=True)
    has_modeline = bool(lines) and lines[0].startswith(MODELINE_PREFIX)
    record = yaml.load("".join(lines[1:]) if has_modeline else text)
    if not isinstance(record, CommentedMap):
        raise YamlProblem("文件内容不是键值映射", 1, 1, "以 schema: gongshi/v1 开头写出记录的各个字段")
    changes = []
    for step in steps:
        changes += step.apply(record, kind)
    buffer = io.StringIO()
    yaml.dump(record, buffer)
    return f"{lines[0] if has_modeline else modeline(kind) + chr(10)}{buffer.getvalue()}", changes


def migrate_file(path: Path, kind: type[models.Record]) -> tuple[str, str, list[str]]:
    """(current text, migrated text, changes) of one file."""
    text = decode(path.read_bytes())
    new, changes = migrate_text(text, kind)
    return text, new, changes

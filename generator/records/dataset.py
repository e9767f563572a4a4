"""Read ``data/`` into typed records, reporting every unreadable file as a finding.

One file per record, in a folder per kind (``data/people/<id>.yaml``), plus
``data/settings.yaml``. A file that cannot be parsed or validated is left out
of the dataset (its ID is remembered so references to it are not reported a
second time) and the rest of the data is still loaded. Hidden files and folders
(names starting with a dot: .git, editor swap files) are ignored at every level.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, TypeVar

from pydantic import ValidationError

from . import models
from .cache import ParseCache, digest
from .loader import Document, YamlProblem, decode, parse_many
from .messages import describe_validation_error

SETTINGS_FILE = "settings.yaml"
# Folders beside data/ whose files reach the site: a link in them is reported with the records.
SITE_FOLDERS = ("content", "templates")
R = TypeVar("R", bound=models.Record)


@dataclass
class Source:
    """One loaded file: the path we show to people and its position map."""

    path: str
    document: Document

    def locate(self, path: tuple) -> tuple[int, int]:
        return self.document.locate(path)


@dataclass
class Problem:
    """A finding produced while loading, before any rule runs."""

    rule: str
    file: str
    line: int
    column: int
    message: str
    fix: str


@dataclass
class Dataset:
    root: Path
    settings: models.Settings | None = None
    records: dict[str, dict[str, models.Record]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: set[tuple[str, str]] = field(default_factory=set)
    semesters: dict[str, models.Semester] = field(default_factory=dict)
    # where each record came from; positions of the nodes inside are indexed only when asked for
    sources: dict[int, Source] = field(default_factory=dict)
    _positions: dict[int, tuple[Source, tuple, str]] | None = None

    def of(self, kind: type[R]) -> dict[str, R]:
        """The records of one kind by ID, sorted by ID (insertion order is sorted file order)."""
        return self.records.setdefault(kind.KIND.name, {})  # type: ignore[return-value]

    def where(self, node: models.Node, *fields: Any) -> tuple[str, int, int, str]:
        """File, line, column and top-level record ID of a node (or of one of its fields).

        The index is built on the first call: a clean check never pays for it.
        """
        if self._positions is None:
            self._positions = {}
            records: list[models.Record] = [self.settings] if self.settings else []
            for bucket in self.records.values():
                records.extend(bucket.values())
            for record in records:
                if id(record) in self.sources:  # a record made in memory (tests replaying time) has no file
                    _index(record, self.sources[id(record)], (), record.id, self._positions)
        found = self._positions.get(id(node))
        if found is None:
            return ("", 1, 1, "")
        source, path, record_id = found
        line, column = source.locate(path + tuple(fields))
        return (source.path, line, column, record_id)

    def exists(self, kind: str, ident: str) -> bool:
        """Whether a record of the kind named ``kind`` (or a semester) has the ID ``ident``."""
        if kind == "semester":
            return ident in self.semesters
        return ident in self.records.get(kind, ()) or (kind, ident) in self.broken


def _index(node: Any, source: Source, path: tuple, record_id: str, out: dict) -> None:
    """Map every model inside a record (by identity) to its file, YAML path and record ID."""
    if isinstance(node, models.Node):
        out[id(node)] = (source, path, record_id)
        for name, info in type(node).model_fields.items():
            _index(getattr(node, name), source, path + (info.alias or name,), record_id, out)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            _index(item, source, path + (index,), record_id, out)
    elif isinstance(node, dict):
        for key, item in node.items():
            _index(item, source, path + (key,), record_id, out)


def display_path(path: Path) -> str:
    """Path as people and CI annotations want it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _walk(folder: str, kind: type[models.Record] | None) -> Iterator[tuple[str, str, bool, type[models.Record] | None]]:
    """Files below ``folder`` in path order, without recursion (any depth of folders is fine).

    os.scandir gives names and types without a stat per file. A symbolic link, to a file or a
    folder, is yielded as a link and never followed: what it points at is not in the repository.
    """
    stack = [folder]
    while stack:
        with os.scandir(stack.pop()) as entries:
            found = sorted((entry.name, entry.path, entry.is_symlink(), entry.is_dir(follow_symlinks=False))
                           for entry in entries if not entry.name.startswith("."))
        below = []
        for name, path, is_link, is_dir in found:
            if is_dir:
                below.append(path)
            else:
                yield path, name, is_link, kind
        stack.extend(reversed(below))


def files(root: Path) -> Iterator[tuple[str, str, bool, type[models.Record] | None]]:
    """(path, file name, is a symlink, kind of its folder) of every file or link under ``root``."""
    settings = os.path.join(root, SETTINGS_FILE)
    yield settings, SETTINGS_FILE, os.path.islink(settings), models.Settings
    with os.scandir(root) as entries:
        found = sorted((entry.name, entry.path, entry.is_symlink()) for entry in entries
                       if not entry.name.startswith(".") and entry.is_dir())
    for name, path, is_link in found:
        if is_link:  # a linked kind folder (`announcements -> /elsewhere`) is refused as a whole
            yield path, name, True, models.BY_FOLDER.get(name)
        else:
            yield from _walk(path, models.BY_FOLDER.get(name))


def links(folder: Path) -> list[str]:
    """Paths of the symbolic links anywhere under ``folder`` (``content/``, ``templates/``)."""
    if not os.path.isdir(folder) or os.path.islink(folder):
        return [str(folder)] if os.path.islink(folder) else []
    return [path for path, _, is_link, _ in _walk(str(folder), None) if is_link]


def load(root: Path | str, cache: ParseCache | None = None) -> Dataset:
    """Load every record under ``root``; unreadable files become problems.

    With a ``cache``, files whose content was parsed before are not parsed again. Files are read
    first, then the ones to parse are parsed together (``parse_many``: on two cores when there are
    many), then each becomes a record or problems in path order.
    """
    root = Path(root)
    data = Dataset(root=root)
    # every path below starts with root's text: show them relative to the working directory like root
    shown_root, cut = display_path(root), len(os.path.join(root, ""))
    found: list[Problem | _File] = []
    for path, name, is_link, kind in files(root):
        inside = path[cut:].replace(os.sep, "/")
        shown = inside if shown_root == "." else f"{shown_root}/{inside}"
        if is_link:
            found.append(Problem("data.yaml-syntax", shown, 1, 1,
                                 "符号链接已拒绝：记录必须是仓库里的普通文件，链接指向的内容不会被读取",
                                 "把链接换成文件（或文件夹）本身，或删除它"))
        elif kind is models.Settings and not os.path.lexists(path):
            found.append(Problem("data.schema", shown, 1, 1, "缺少站点设置文件 settings.yaml",
                                 "按员工指南新建 data/settings.yaml"))
        elif kind is None:
            found.append(Problem("data.schema", shown, 1, 1,
                                 "文件不在任何记录类型的文件夹中（例如 people/、proposals/）",
                                 "把文件移到对应类型的文件夹，或删除它"))
        elif not name.endswith(".yaml"):
            found.append(Problem("data.schema", shown, 1, 1, "记录文件的扩展名必须是 .yaml", "把文件改名为 <ID>.yaml"))
        else:
            found.append(_open(path, inside, shown, kind, cache))
    unparsed = [file for file in found if isinstance(file, _File) and file.text is not None]
    for file, parsed in zip(unparsed, parse_many([file.text or "" for file in unparsed])):
        if isinstance(parsed, YamlProblem):
            file.failed = _yaml_problem(file.shown, parsed)
            continue
        file.document = parsed
        if cache is not None:
            cache.put(file.key, parsed.data)
            if not file.bom and file.stat is not None:
                cache.remember(file.name, file.stat, file.key)
    for item in found:
        if isinstance(item, Problem):
            data.problems.append(item)
        else:
            _add(data, item)
    for folder in SITE_FOLDERS:
        for path in links(root.resolve().parent / folder):
            data.problems.append(Problem("data.yaml-syntax", display_path(Path(path)), 1, 1,
                                         f"{folder}/ 中的符号链接已拒绝：网站只发布仓库里的普通文件",
                                         "把链接换成文件本身，或删除它"))
    if cache is not None:
        cache.save()
    for term in data.of(models.Term).values():
        for semester in term.semesters:
            data.semesters.setdefault(semester.id, semester)
    return data


@dataclass
class _File:
    """A record file between reading and loading: its document, the text still to parse, or why not."""

    path: str
    name: str  # path inside the data folder
    shown: str
    kind: type[models.Record]
    bom: bool = False
    document: Document | None = None
    text: str | None = None
    key: str = ""
    stat: os.stat_result | None = None
    failed: Problem | None = None


def _yaml_problem(shown: str, problem: YamlProblem) -> Problem:
    return Problem(problem.rule, shown, problem.line, problem.column, problem.message, problem.fix)


def _read(path: str) -> tuple[bytes, os.stat_result]:
    """A file's bytes and its stat as it was opened (os.read: a third of io's cost for small files)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        stat = os.fstat(descriptor)
        raw = os.read(descriptor, stat.st_size + 1)
        if len(raw) <= stat.st_size:
            return raw, stat
        chunks = [raw]  # it grew since: read to the end
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks), stat
    finally:
        os.close(descriptor)


def _open(path: str, name: str, shown: str, kind: type[models.Record], cache: ParseCache | None) -> _File:
    """Read one record file: its cached values (known unchanged, or by content), else its text to parse."""
    file = _File(path, name, shown, kind)
    try:
        parsed = cache.unchanged(name, path) if cache is not None else None
        if parsed is not None:  # not even read: its text is read again only if a finding needs a position
            file.document = Document(parsed, path=path)
            return file
        raw, file.stat = _read(path)
        file.bom = raw.startswith(b"\xef\xbb\xbf")
        if file.bom:
            raw = raw[3:]
        file.key = digest(raw) if cache is not None else ""
        parsed = cache.get(file.key) if cache is not None else None
        if parsed is not None:
            file.document = Document(parsed, decode(raw))
            if not file.bom:  # a BOM is reported on every run, so such a file is always read
                cache.remember(name, file.stat, file.key)  # type: ignore[union-attr]
        else:
            file.text = decode(raw)
    except YamlProblem as problem:
        file.failed = _yaml_problem(shown, problem)
    except OSError as error:
        file.failed = Problem("data.yaml-syntax", shown, 1, 1, f"无法读取文件：{error.strerror}", "检查文件权限")
    return file


def _add(data: Dataset, file: _File) -> None:
    """The record of a read file into ``data``, or the problems that keep it out."""
    shown, kind, path = file.shown, file.kind, file.path
    if file.bom:
        data.problems.append(Problem("data.yaml-syntax", shown, 1, 1, "文件以 BOM 开头",
                                     "用“UTF-8（无 BOM）”编码重新保存文件"))
    if file.failed is not None:
        data.problems.append(file.failed)
        return
    document = file.document
    assert document is not None
    source = Source(shown, document)
    raw_data = document.data
    if not isinstance(raw_data, dict):
        data.problems.append(Problem("data.schema", shown, 1, 1, "文件内容必须是“键: 值”映射",
                                     "参照员工指南中的示例重写此文件"))
        return
    raw_id = raw_data.get("id")
    if isinstance(raw_id, str):
        data.broken.add((kind.KIND.name, raw_id))
    version = raw_data.get("schema")
    if version != models.SCHEMA_VERSION:
        line, column = document.locate(("schema",))
        said = "缺少 schema 字段" if version is None else "schema 版本不受支持"
        data.problems.append(Problem("data.schema-version", shown, line, column, said,
                                     f"运行 gongshi migrate 改写为 {models.SCHEMA_VERSION}"
                                     f"（或在文件开头写 `schema: {models.SCHEMA_VERSION}`）"))
        return
    try:
        record = kind.model_validate(raw_data)
    except ValidationError as error:
        for item in error.errors():
            loc = tuple(item["loc"])
            line, column = document.locate(loc)
            message, fix = describe_validation_error(item, kind)
            data.problems.append(Problem("data.schema", shown, line, column, message, fix))
        return
    name = os.path.basename(path)
    expected = name[: -len(".yaml")] if kind is not models.Settings else record.id
    if record.id != expected:
        line, column = document.locate(("id",))
        data.problems.append(Problem("data.schema", shown, line, column,
                                     f"id `{record.id}` 与文件名 `{name}` 不一致",
                                     f"把文件改名为 {record.id}.yaml，或把 id 改为 {expected}"))
        return
    data.broken.discard((kind.KIND.name, record.id))
    if isinstance(record, models.Settings):
        data.sources[id(record)] = source
        data.settings = record
        return
    bucket = data.of(kind)
    if record.id in bucket:
        line, column = document.locate(("id",))
        first = data.sources[id(bucket[record.id])].path
        data.problems.append(Problem("data.duplicate-id", shown, line, column,
                                     f"ID `{record.id}` 已被 {first} 使用", "给其中一条记录换一个未用过的 ID"))
        return
    bucket[record.id] = record
    data.sources[id(record)] = source

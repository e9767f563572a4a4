"""Safe YAML parsing that remembers where every key and value stood.

PyYAML's composer gives us nodes with marks; we build plain Python values from
them ourselves so that we can (1) find the 1-based (line, column) of any path
into the document (from the kept node tree, only when a finding needs it), (2) refuse tags other than the YAML core ones, duplicate keys
and merge keys, and (3) bound alias expansion so a "billion laughs" file is
refused instead of expanded.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import subprocess
import sys
import tempfile
from functools import cached_property
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yaml_errors
from .cache import PlainUnpickler

_STR = "tag:yaml.org,2002:str"
# YAML 1.1 implicit types (bool, int, float, null, timestamp, merge, value) all start with one of these.
_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfFyYoO<=")


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's composer (an order of magnitude faster; same marks and errors) with a quick path
    for the common case: a plain scalar that cannot be anything but text (most of ours are Chinese)."""

    # The composer calls these around every node for path resolvers, which Gongshi does not add:
    # a builtin that does nothing is a tenth of a Python call's cost, a million times per 10 years.
    descend_resolver = staticmethod(dict[object, object]().get)   # (parent, index) -> index, nothing kept
    ascend_resolver = staticmethod(tuple)     # () -> ()

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            if not value or value[0] not in _MAYBE_TYPED:
                return _STR if value else super().resolve(kind, value, implicit)
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 32:
                    _PLAIN_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


# The tag of a plain scalar depends only on its text (Gongshi adds no path resolvers): keys like
# `name`/`title` and dates repeat in every file, so each short text is resolved by regex once.
_PLAIN_TAGS: dict[str, str] = {}

MAX_FILE_BYTES = 1_000_000
MAX_VALUES = 100_000

Path = tuple[Any, ...]

_SCALARS = {
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": SafeConstructor.construct_yaml_timestamp,
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class YamlProblem(Exception):
    """A file that cannot be read as a Gongshi YAML document."""

    def __init__(self, message: str, line: int = 1, column: int = 1, fix: str = "", rule: str = "data.yaml-syntax"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.fix = fix or "修正该处的 YAML 写法（只用空格缩进，键不重复，含冒号的文本加引号）"
        self.rule = rule


# Characters no record text needs and that break an output: C0 controls but tab and newline
# (invalid in XML 1.0, terminal escapes), DEL and C1 controls, line/paragraph separators,
# bidirectional overrides (text that reads differently than it is), non-characters and lone
# surrogates (a YAML "\ud800" escape, which cannot even be written as UTF-8).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ufffe\uffff\ud800-\udfff]")


def _refuse_control(text: str, node: Node) -> None:
    found = CONTROL.search(text)
    if found:
        raise YamlProblem(f"文本含有控制字符 U+{ord(found.group()):04X}（不可见，会破坏订阅源与终端输出），已拒绝",
                          *_mark(node), fix="删除该字符（常见于从其他软件粘贴的文本），或改用普通空格、换行",
                          rule="data.schema")


class Document:
    """Plain values, and the text to find where any path stood (composed again only on a finding).

    Without ``text``, the file at ``path`` is read when a position is first asked for (the parse
    cache knew it unchanged, so it was not read to be loaded).
    """

    def __init__(self, data: Any, text: str | None = None, path: str | None = None):
        self.data = data
        self.text = text
        self.path = path

    @cached_property
    def root(self) -> Node | None:
        text = self.text
        if text is None:
            try:
                with open(self.path or "", "rb") as file:
                    text = file.read().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
            except (OSError, UnicodeDecodeError):  # gone or broken since it was loaded: the file's top
                return None
        loader = _Loader(text)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            return None
        finally:
            loader.dispose()

    def locate(self, path: Path) -> tuple[int, int]:
        """1-based (line, column) of the longest prefix of ``path`` in the file: a key's position for
        a mapping entry, the item's position for a list entry."""
        if self.root is None:
            return (1, 1)
        node, found = self.root, _mark(self.root)
        for step in path:
            if isinstance(node, MappingNode):
                pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(step)), None)
                if pair is None:
                    break
                found, node = _mark(pair[0]), pair[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                found = _mark(node)
            else:
                break
        return found


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# The tag's text is not quoted: `!13379799458` is a value as much as a tag.
_TAG_MESSAGE = "不支持的 YAML 标签（以 ! 开头），只允许普通文本、数字、日期"


class _Builder:
    def __init__(self) -> None:
        self.count = 0
        self.constructor = SafeConstructor()

    def _counted(self, node: Node) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlProblem(
                f"文件展开后超过 {MAX_VALUES} 个值（可能是滥用锚点/别名的“十亿笑声”文件），已拒绝",
                *_mark(node), fix="不要用锚点与别名（& 和 *）复制内容，直接写出字段")

    def build(self, node: Node) -> Any:
        self._counted(node)
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise YamlProblem(_TAG_MESSAGE, *_mark(node))
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem("不支持合并键 `<<`，请把字段直接写出", *_mark(key_node))
                if not isinstance(key_node, ScalarNode):
                    raise YamlProblem("键必须是简单文本", *_mark(key_node))
                key = str(self.scalar(key_node))
                if key in result:
                    shown = f"`{key}` " if re.fullmatch(r"[a-z_]{1,40}", key) else ""  # a key can hold a typed value
                    raise YamlProblem(f"键 {shown}重复出现", *_mark(key_node))
                if value_node.tag == _STR and isinstance(value_node, ScalarNode):  # most values: text
                    self._counted(value_node)
                    _refuse_control(value_node.value, value_node)
                    result[key] = value_node.value
                else:
                    result[key] = self.build(value_node)
            return result
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise YamlProblem(_TAG_MESSAGE, *_mark(node))
            return [self.build(item) for item in node.value]
        return self.scalar(node)

    def scalar(self, node: Node) -> Any:
        if node.tag == _STR:
            _refuse_control(node.value, node)
            return node.value
        construct = _SCALARS.get(node.tag)
        if construct is None:
            raise YamlProblem(_TAG_MESSAGE, *_mark(node))
        try:
            return construct(self.constructor, node)
        except (ValueError, OverflowError, TypeError):
            raise YamlProblem("无法读取的值（不存在的日期或超出范围的数字）", *_mark(node),
                              fix="日期写作 YYYY-MM-DD 并确认该日存在") from None


class _Irregular(Exception):
    """The quick builder met something that only the careful one reads (and reports) exactly."""


# The value of a short typed scalar by its text, per tag: dates and numbers repeat across files,
# and one object per written value also makes the parse cache smaller and quicker to load.
_TYPED: dict[str, dict[str, Any]] = {tag: {} for tag in _SCALARS}


class _QuickBuilder:
    """``_Builder``'s values for a regular document, without its per-value bookkeeping.

    It checks a scalar for control characters only when the file's text has one or an escape
    (``\\``) that could make one, counts values per mapping and list rather than one by one (the
    same total, so the same limit), and on anything irregular (a tag, a merge or duplicate key, a
    typed key, a bad value, the limit, deep nesting) gives up: the careful builder then reads the
    file again and reports exactly what and where, so findings never depend on which one ran.
    """

    def __init__(self, text: str) -> None:
        self.count = 1
        self.controls = "\\" in text or CONTROL.search(text) is not None
        self.constructor = SafeConstructor()

    def build(self, node: Node) -> Any:
        cls = node.__class__
        if cls is MappingNode:
            if node.tag != _MAP:
                raise _Irregular
            pairs = node.value
            self.count += len(pairs)
            if self.count > MAX_VALUES:
                raise _Irregular
            result: dict[str, Any] = {}
            controls = self.controls
            for key_node, value_node in pairs:
                if key_node.__class__ is not ScalarNode or key_node.tag != _STR:
                    raise _Irregular
                key = sys.intern(key_node.value)  # keys repeat in every file: one object each
                if controls and CONTROL.search(key) is not None:
                    raise _Irregular
                if value_node.__class__ is ScalarNode and value_node.tag == _STR and not controls:
                    result[key] = value_node.value
                else:
                    result[key] = self.build(value_node)
            if len(result) != len(pairs):  # a key written twice
                raise _Irregular
            return result
        if cls is SequenceNode:
            if node.tag != _SEQ:
                raise _Irregular
            self.count += len(node.value)
            if self.count > MAX_VALUES:
                raise _Irregular
            return [self.build(item) for item in node.value]
        if cls is not ScalarNode:
            raise _Irregular
        tag = node.tag
        if tag == _STR:
            if self.controls and CONTROL.search(node.value) is not None:
                raise _Irregular
            return node.value
        known = _TYPED.get(tag)
        if known is not None:
            value = known.get(node.value, known)
            if value is not known:
                return value
        construct = _SCALARS.get(tag)
        if construct is None:
            raise _Irregular
        try:
            value = construct(self.constructor, node)
        except (ValueError, OverflowError, TypeError):
            raise _Irregular from None
        if known is not None and len(node.value) <= 32 and len(known) < 100_000:
            known[node.value] = value
        return value


def _tab_line(text: str) -> int | None:
    if "\t" not in text:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return number
    return None


def decode(raw: bytes) -> str:
    """Decode UTF-8 strictly, pointing at the line of the first bad byte."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(f"文件大小 {len(raw)} 字节，超过上限 {MAX_FILE_BYTES} 字节，已拒绝",
                          fix="把内容拆分为多条记录；长文本请精简")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem("文件不是 UTF-8 编码", line, 1, fix="用 UTF-8（无 BOM）编码重新保存") from None


def parse(text: str) -> Document:
    """Parse one YAML document into plain values and a position map."""
    if not text.strip():
        raise YamlProblem("文件为空", fix="填写记录内容，或删除此文件")
    tab = _tab_line(text)
    if tab is not None:
        raise YamlProblem("缩进中含有制表符（Tab）", tab, 1, fix="把 Tab 换成空格（YAML 只允许空格缩进）")
    silent = yaml_errors.prescan(text)
    if silent is not None:
        raise YamlProblem(silent.message, silent.line, silent.column, silent.fix)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        found = yaml_errors.diagnose(text, error)
        raise YamlProblem(found.message, found.line, found.column, found.fix) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlProblem("文件为空", fix="填写记录内容，或删除此文件")
    try:
        data = _QuickBuilder(text).build(node)
    except (_Irregular, RecursionError):
        data = _careful(node)
    return Document(data, text)


def _careful(node: Node) -> Any:
    builder = _Builder()
    try:
        return builder.build(node)
    except RecursionError:
        raise YamlProblem("嵌套或别名层次过深，已拒绝", *_mark(node)) from None


# ---------------------------------------------------------------- many files, on two cores

# Below this many files to parse, a helper process (about 50 ms to start) saves nothing.
PARALLEL_MIN = 2000
_HELPER = ("import pickle, sys; path, texts = pickle.load(sys.stdin.buffer); sys.path[:] = path; "
           "from generator.records.loader import _parse_for_helper; _parse_for_helper(texts)")


def parse_many(texts: list[str]) -> list[Document | YamlProblem]:
    """``parse`` of each text, in order, a problem returned rather than raised.

    With many texts (a first check of ten years parses 16,000 files) and a second core, a helper
    process parses the last part meanwhile. A file reads the same whichever process parsed it,
    and a helper that fails in any way leaves its share to this process.
    """
    split = _split(texts) if len(texts) >= PARALLEL_MIN and _cores() > 1 else len(texts)
    helper = _Helper(texts[split:]) if split < len(texts) else None
    mine = [_parse_or_problem(text) for text in texts[:split]]
    if helper is None:
        return mine
    theirs = helper.results()
    if theirs is None:
        theirs = [_parse_or_problem(text) for text in texts[split:]]
    return mine + theirs


# This process's share of the characters to parse: the helper starts later, pickles its results,
# and measured a third slower per file when both cores are busy.
OWN_SHARE = 0.6


def _split(texts: list[str]) -> int:
    """How many of ``texts``, from the start, this process parses itself."""
    mine, seen = sum(map(len, texts)) * OWN_SHARE, 0
    for index, text in enumerate(texts):
        seen += len(text)
        if seen >= mine:
            return index + 1
    return len(texts)


def _parse_or_problem(text: str) -> Document | YamlProblem:
    try:
        return parse(text)
    except YamlProblem as problem:
        return problem


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _parse_for_helper(texts: list[str]) -> None:
    """In the helper process: each text's values, or its problem's fields, pickled to stdout."""
    out: list[tuple[bool, Any]] = []
    for text in texts:
        found = _parse_or_problem(text)
        if isinstance(found, YamlProblem):
            out.append((False, (found.message, found.line, found.column, found.fix, found.rule)))
        else:
            out.append((True, found.data))
    sys.stdout.buffer.write(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))


class _Helper:
    """A second Python process parsing ``texts`` (the same code, from the same ``sys.path``)."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.process: subprocess.Popen | None = None
        if not sys.executable or getattr(sys, "frozen", False):
            return
        try:
            # through a temporary file, not a pipe: the pipe holds 64 KB, and this process has its
            # own share to parse meanwhile
            with tempfile.TemporaryFile() as given:
                given.write(pickle.dumps((sys.path, texts), protocol=pickle.HIGHEST_PROTOCOL))
                given.seek(0)
                flags = ["-I", "-B"] if sys.dont_write_bytecode else ["-I"]  # -I ignores PYTHON* variables
                self.process = subprocess.Popen([sys.executable, *flags, "-c", _HELPER], stdin=given,
                                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            return

    def results(self) -> list[Document | YamlProblem] | None:
        """The helper's documents and problems, or None if it did not give them all."""
        process = self.process
        if process is None or process.stdout is None:
            return None
        try:
            out = process.stdout.read()
            if process.wait() != 0:
                return None
            values = PlainUnpickler(io.BytesIO(out)).load()
            if not isinstance(values, list) or len(values) != len(self.texts):
                return None
            return [Document(value, text) if ok else YamlProblem(value[0], value[1], value[2], value[3], value[4])
                    for text, (ok, value) in zip(self.texts, values)]
        except Exception:  # noqa: BLE001 - whatever went wrong, this process parses the share itself
            return None
        finally:
            if process.poll() is None:
                process.kill()
            process.stdout.close()
            process.wait()


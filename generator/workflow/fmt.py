"""The canonical layout of a record file, applied by ``gongshi fmt`` and checked by ``fmt --check``.

Canonical means: the schema modeline first; keys in the order the model declares them
(unknown keys keep their place after the known ones, so the checker can still report them;
a mapping with comments between its keys keeps its order, so each comment stays by its key);
two-space indentation with list dashes under their key; multi-line text as ``|`` blocks;
no line wrapping; quotes and comments kept. Files that do not parse are never rewritten, and
a file is never rewritten if the new layout would read back as different values.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ..records import models
from ..records.dataset import files
from ..records.fields import is_dict, submodel
from ..records.loader import YamlProblem, decode, parse
from ..records.schema import modeline

MODELINE_PREFIX = "# yaml-language-server:"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=2, offset=0)
    yaml.width = 4096
    yaml.allow_unicode = True
    # Keep the writer's quotes: ruamel reads YAML 1.2, our loader 1.1, and a quote dropped
    # ('yes', '10:30') would change a value's type for the checker.
    yaml.preserve_quotes = True
    return yaml


def _order(node, model: type[BaseModel] | None):
    """``node`` with mapping keys in ``model``'s field order (recursively) and multi-line text as blocks."""
    if isinstance(node, CommentedSeq):
        for index, item in enumerate(node):
            node[index] = _order(item, model)
        return node
    if isinstance(node, str):
        block = "\n" in node and "\r" not in node and not isinstance(node, LiteralScalarString)
        return LiteralScalarString(node) if block else node
    if not isinstance(node, CommentedMap):
        return node
    fields = {(f.alias or name): f for name, f in (model.model_fields.items() if model else ())}
    # ruamel keeps a comment with the key before it; reordering would carry comments to the wrong
    # place, so a mapping with comments between its keys keeps the writer's order.
    order = list(node) if node.ca.items else [k for k in fields if k in node] + [k for k in node if k not in fields]
    out = CommentedMap()
    for key in order:
        value, field = node[key], fields.get(key)
        child = submodel(field.annotation) if field else None
        if field is not None and is_dict(field.annotation) and isinstance(value, CommentedMap):
            for inner in value:
                value[inner] = _order(value[inner], child)
            out[key] = value
        else:
            out[key] = _order(value, child)
    out.ca.comment = node.ca.comment
    out.ca.items.update(node.ca.items)
    out.ca.end = node.ca.end
    return out


def canonical(text: str, kind: type[models.Record]) -> str:
    """The canonical form of a record file's text; raises ``YamlProblem`` when it does not parse safely."""
    parse(text)  # the safe loader's limits (size, aliases, tags) apply before ruamel sees the text
    yaml = _yaml()
    lines = text.splitlines(keepends=True)
    body = "".join(lines[1:]) if lines and lines[0].startswith(MODELINE_PREFIX) else text
    data = yaml.load(body)
    if not isinstance(data, CommentedMap):
        raise YamlProblem("文件内容不是键值映射", 1, 1, "以 schema: gongshi/v1 开头写出记录的各个字段")
    buffer = io.StringIO()
    yaml.dump(_order(data, kind), buffer)
    out = f"{modeline(kind)}\n{buffer.getvalue()}"
    if parse(out).data != parse(text).data:  # never let the layout change a value
        raise YamlProblem("整理格式会改变某个值的含义，已跳过此文件", fix="给含冒号、yes/no 等的文本加引号后再运行 gongshi fmt")
    return out


def record_files(root: Path) -> list[tuple[Path, type[models.Record]]]:
    """Every record file the loader reads (subfolders included), with the kind its folder holds."""
    return [(Path(path), kind) for path, name, is_link, kind in files(root)
            if kind is not None and name.endswith(".yaml") and not is_link and os.path.isfile(path)]


def format_file(path: Path, kind: type[models.Record]) -> tuple[str, str]:
    """(current text, canonical text) of one file."""
    text = decode(path.read_bytes())
    return text, canonical(text, kind)

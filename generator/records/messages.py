"""Chinese wording for schema errors, which never quotes the offending value.

A value can be private (a rank, a phone number), and CI logs are read by more
people than the records, so messages name the field and what it should be.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

from pydantic import BaseModel

from . import models

_EXPECTED = {
    "string_type": "文本",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "bool_type": "true 或 false",
    "bool_parsing": "true 或 false",
    "date_type": "日期（YYYY-MM-DD）",
    "date_parsing": "日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "日期（YYYY-MM-DD，不带时间）",
    "list_type": "列表（每项以 `- ` 开头）",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
}


_SHOWN_KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
HIDDEN = "…"


@lru_cache(maxsize=1)
def _field_names() -> frozenset[str]:
    return frozenset(name for cls in vars(models).values() if isinstance(cls, type) and issubclass(cls, BaseModel)
                     for field, info in cls.model_fields.items() for name in (field, info.alias) if name)


def _shown(part: Any, private: bool) -> str:
    """A key of the path as it may be quoted: under ``private:`` only the models' own field names,
    elsewhere only ID-like keys; anything else may be a value typed into a key (`phone 1337…`)."""
    text = str(part)
    if text in _field_names() or (not private and _SHOWN_KEY.match(text)):
        return text
    return HIDDEN


def _field(loc: tuple) -> str:
    private = "private" in loc
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + _shown(part, private))
    return "".join(parts) or "（整个文件）"


def describe_validation_error(item: Mapping[str, Any], kind: type) -> tuple[str, str]:
    """(message, fix) for one pydantic error, in Chinese."""
    kind_name = getattr(kind, "TITLE", "") or "记录"
    loc = tuple(item["loc"])
    name = _field(loc)
    error = item["type"]
    ctx = item.get("ctx") or {}
    if error == "missing":
        return (f"{kind_name}缺少必填字段 `{name}`", f"补上 `{loc[-1]}: …`（字段说明见 JSON Schema 或员工指南）")
    if error == "extra_forbidden" and name.endswith(HIDDEN):
        where = f"`{name[:-2]}` 下" if name[:-2] else "文件顶层"
        return (f"{where}有未知字段（字段名中似乎写进了值，这里不引用它）",
                "在所示行把字段名改为 JSON Schema 中的字段，值写在冒号之后；或删除该行")
    if error == "extra_forbidden":
        return (f"未知字段 `{name}`（可能是拼写错误）", "检查字段名拼写，或删除该字段；编辑器会根据 JSON Schema 提示可用字段")
    empty = item.get("input") is None or item.get("input") == ""
    if error in _EXPECTED and empty:  # `gongshi new` leaves required fields blank
        where = f"第 {loc[-1] + 1} 项的 `- `" if isinstance(loc[-1], int) else f"`{loc[-1]}:`"
        return (f"字段 `{name}` 未填写", f"在{where} 后面填写{_EXPECTED[error]}")
    if error in _EXPECTED:
        return (f"字段 `{name}` 应为{_EXPECTED[error]}", f"把 `{name}` 改为{_EXPECTED[error]}")
    if error in ("literal_error", "enum") and "private" in loc:  # a written status is itself private
        return (f"字段 `{name}` 的取值不在允许范围内", "改为 JSON Schema 列出的代码之一（见员工指南）")
    if error in ("literal_error", "enum"):
        return _choice(name, loc, item.get("input"), ctx.get("expected", ""))
    if error == "string_pattern_mismatch":
        return (f"字段 `{name}` 的格式不正确", "ID 只能用小写字母、数字和连字符；年级写作 U1–U8、M1–M3、D1–D6")
    if error in ("too_short", "string_too_short"):
        return (f"字段 `{name}` 未填写", f"为 `{name}` 填写内容")
    if error == "string_too_long":
        return (f"字段 `{name}` 超过 {ctx.get('max_length')} 字的上限",
                "精简文本；长篇材料请另行发布，在此给出链接")
    if error == "too_long":
        return (f"字段 `{name}` 的项数过多", "删去多余的项")
    if error in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        return (f"字段 `{name}` 超出允许范围（界限 {bound}）", "填写合理的数值")
    if error == "value_error" and str(ctx.get("error", "")).startswith("保留"):
        return (f"字段 `{name}` 使用了{ctx['error']}", "换一个 ID，并同时修改文件名")
    if error == "value_error" and ctx.get("error"):  # a model's own check explains itself in Chinese
        return (f"字段 `{name}` 无效：{ctx['error']}", "按提示补全或更正该字段")
    return (f"字段 `{name}` 无效", "参照员工指南中的示例修改")


_CODE = re.compile(r"'([^']*)'")
_LABELLED = re.compile(r"([a-z][a-z0-9_-]*) ([^\s/；，,（(]+)")


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Chinese label of each English code a record can hold: proposal statuses, and the
    "code 标签 / code 标签" lists in the models' field descriptions (also shown by editors)."""
    found: dict[str, str] = dict(models.STATUS_NAMES)
    for cls in vars(models).values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            for info in cls.model_fields.values():
                for code, label in _LABELLED.findall(info.description or ""):
                    found.setdefault(code, label)
    return found


def _choice(name: str, loc: tuple, given: Any, expected: str) -> tuple[str, str]:
    """A value outside a fixed list: the codes with their labels, and the code when its label was written.

    The written value is quoted only when it is one of the labels (public vocabulary, never private)."""
    codes = _CODE.findall(expected)
    known = labels()
    choices = "、".join(f"{code}（{known[code]}）" if code in known and known[code] != code else code
                       for code in codes)
    if isinstance(given, str):
        meant = [code for code in codes if given.strip() in (known.get(code), code.lower()) or
                 given.strip().lower() == code.lower()]
        if meant:
            return (f"字段 `{name}` 写的是“{given.strip()}”，这里要写代码 {meant[0]}",
                    f"把 `{loc[-1]}` 改为 {meant[0]}（可选：{choices}）")
    return (f"字段 `{name}` 的取值不在允许范围内", f"改为以下之一：{choices}")

"""Chinese wording for schema errors, which never quotes the offending value.

A value can be private (a rank, a phone number), and CI logs are read by more
people than the records, so messages name the field and what it should be.
"""

from __future__ import annotations

from typing import Any

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


def _field(loc: tuple) -> str:
    parts = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "（整个文件）"


def describe_validation_error(item: dict[str, Any], kind: type) -> tuple[str, str]:
    """(message, fix) for one pydantic error, in Chinese."""
    kind_name = getattr(kind, "TITLE", "") or "记录"
    loc = tuple(item["loc"])
    name = _field(loc)
    error = item["type"]
    ctx = item.get("ctx") or {}
    if error == "missing":
        return (f"{kind_name}缺少必填字段 `{name}`", f"补上 `{loc[-1]}: …`（字段说明见 JSON Schema 或员工指南）")
    if error == "extra_forbidden":
        return (f"未知字段 `{name}`（可能是拼写错误）", "检查字段名拼写，或删除该字段；编辑器会根据 JSON Schema 提示可用字段")
    if error in _EXPECTED:
        return (f"字段 `{name}` 应为{_EXPECTED[error]}", f"把 `{name}` 改为{_EXPECTED[error]}")
    if error in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        return (f"字段 `{name}` 的取值不在允许范围内", f"改为以下之一：{expected}")
    if error == "string_pattern_mismatch":
        return (f"字段 `{name}` 的格式不正确", "ID 只能用小写字母、数字和连字符；年级写作 U1–U8、M1–M3、D1–D6")
    if error in ("too_short", "string_too_short"):
        return (f"字段 `{name}` 不能为空", f"为 `{name}` 填写内容")
    if error == "too_long":
        return (f"字段 `{name}` 的项数过多", "删去多余的项")
    if error in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        return (f"字段 `{name}` 超出允许范围（界限 {bound}）", "填写合理的数值")
    if error == "value_error" and str(ctx.get("error", "")).startswith("保留"):
        return (f"字段 `{name}` 使用了{ctx['error']}", "换一个 ID，并同时修改文件名")
    return (f"字段 `{name}` 无效", "参照员工指南中的示例修改")

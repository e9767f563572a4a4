"""What a model field holds, read from its type annotation.

Shared by the formatter (key order of nested models), ``gongshi new`` and the staff reference
(blank templates and field descriptions) and the integrity rules (which fields can hold models).
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date

from pydantic import BaseModel
from pydantic.fields import FieldInfo


def _inner(annotation):
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated else annotation


def submodel(annotation) -> type[BaseModel] | None:
    """The model a field holds, looking through Optional, list and dict."""
    annotation = _inner(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            found = submodel(arg)
            if found:
                return found
    if origin is dict:
        return submodel(typing.get_args(annotation)[1])
    return None


def is_list(annotation) -> bool:
    return typing.get_origin(_inner(annotation)) is list


def is_dict(annotation) -> bool:
    annotation = _inner(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(is_dict(a) for a in typing.get_args(annotation))
    return typing.get_origin(annotation) is dict


def choices(annotation) -> list[str]:
    """The allowed values of a Literal or Enum field (through Optional and Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [str(m.value) for m in annotation]
    if origin in (typing.Annotated, typing.Union, types.UnionType):
        return [c for a in typing.get_args(annotation) for c in choices(a)]
    return []


def describe(field: FieldInfo) -> str:
    """A field's description for staff: what it is, the allowed values, the date format."""
    parts = [field.description] if field.description else []
    allowed = choices(field.annotation)
    if allowed:
        parts.append("可选：" + " / ".join(allowed))
    if field.annotation is date or "date" in str(field.annotation):
        parts.append("日期 YYYY-MM-DD")
    return "；".join(parts)

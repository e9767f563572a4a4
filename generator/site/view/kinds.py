"""Kinds published by their declaration alone (``Kind(public_fields=...)``): one generic shape.

A record of such a kind is its ID, its title and the fields its kind declares public, copied by
name (``generator.site.public``); Markdown fields are already rendered and sanitised. Pages,
downloads and search read these types, so a new kind needs no view code of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day  # as a type: fields named "date" would shadow "date"
from typing import Union

from markupsafe import Markup

# What a public field may hold: plain values, dates, sanitised HTML, and lists and mappings of them
# (a nested model becomes a mapping of its fields, without any ``private``).
Value = Union[str, int, float, bool, Day, Markup, None, list["Value"], dict[str, "Value"]]


@dataclass(frozen=True)
class Column:
    """A public field: its name (JSON key) and Chinese title (CSV header, page label)."""

    key: str
    title: str


@dataclass(frozen=True)
class Record:
    id: str
    url: str  # its page, as a site URL (``notices/n-1/``)
    title: str
    fields: dict[str, Value]  # the kind's public fields, in declared order
    changed: Day | None


@dataclass(frozen=True)
class Section:
    """A kind and its records; its index page is ``<folder>/``, each record's ``<folder>/<id>/``."""

    name: str  # Kind.name
    folder: str
    title: str  # Chinese name
    columns: list[Column]
    records: list[Record]  # in ID order

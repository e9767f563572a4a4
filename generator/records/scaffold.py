"""Blank record files for ``gongshi new``: every required field, described, with the next free ID.

The template is derived from the model, so it can never fall behind it: each required field
appears with an empty value and a comment saying what goes there (the field's description and,
for a choice, the allowed values). Known values (schema, ID, organization, term, today's date
for a new proposal) are filled in. A blank template fails the check until staff fill it in.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from . import models
from .dataset import Dataset
from .fields import describe, is_list, submodel
from .schema import modeline


def _lines(model: type[BaseModel], filled: dict[str, Any], indent: str, first_prefix: str = "",
           also: tuple[str, ...] = ()) -> list[str]:
    out = []
    prefix = first_prefix or indent
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key in filled:
            value = str(filled[key])
            out.append(f"{prefix}{key}:{value}" if value.startswith("\n") else f"{prefix}{key}: {value}")
        elif field.is_required() or key in also:
            comment = describe(field)
            sub = submodel(field.annotation)
            if sub is not None and is_list(field.annotation):
                out.append(f"{prefix}{key}:" + (f"  # {comment}" if comment else ""))
                minimum = next((m.min_length for m in field.metadata if hasattr(m, "min_length")), 1)
                for _ in range(max(1, minimum)):
                    out += _lines(sub, {}, indent + "  ", indent + "- ")
            elif sub is not None:
                out.append(f"{prefix}{key}:" + (f"  # {comment}" if comment else ""))
                # a block of optional fields (the five review dimensions) is shown whole
                optional = () if any(f.is_required() for f in sub.model_fields.values()) else tuple(sub.model_fields)
                out += _lines(sub, {}, indent + "  ", also=optional)
            elif is_list(field.annotation):
                out.append(f"{prefix}{key}:" + (f"  # {comment}" if comment else ""))
                out.append(f"{indent}-")
            else:
                out.append(f"{prefix}{key}:" + (f"  # {comment}" if comment else ""))
        else:
            continue
        prefix = indent
    return out


def template(kind: type[models.Record], record_id: str, filled: dict[str, Any]) -> str:
    """The text of a new record file."""
    values = {"schema": models.SCHEMA_VERSION, "id": record_id, **filled}
    return "\n".join([modeline(kind), *_lines(kind, values, "", also=kind.KIND.scaffold)]) + "\n"


def _free(taken: set[str], candidates) -> str:
    return next(c for c in candidates if c not in taken)


def _numbered(prefix: str, taken: set[str]) -> str:
    return _free(taken, (f"{prefix}-{n:03d}" for n in range(1, 100_000)))


def next_record(kind: type[models.Record], data: Dataset, today: date, org: str | None) -> tuple[str, dict[str, Any]]:
    """The next free ID for a new record of ``kind`` and the fields it can fill in already."""
    # files that do not validate yet (a blank template just written) still hold their ID
    folder = data.root / kind.KIND.folder
    taken = set(data.of(kind)) | {p.stem for p in folder.glob("*.yaml")} if kind.KIND.folder else set()
    fed = data.settings.federation if data.settings else "fed"
    org = org or fed
    terms = sorted(data.of(models.Term).values(), key=lambda t: t.start)
    current = [t for t in terms if t.end >= today]
    if kind is models.Proposal:
        congresses = sorted((c for c in data.of(models.Congress).values() if c.organization == org and c.date <= today),
                            key=lambda c: c.date)
        congress = congresses[-1].id if congresses else f"{org}-{today.year}"
        return _numbered(congress, taken), {"congress": congress, "history": f"\n- status: submitted\n  date: {today}"}
    if kind is models.Announcement:
        record_id = _free(taken, [f"notice-{today}"] + [f"notice-{today}-{n}" for n in range(2, 1000)])
        return record_id, {"organization": org, "date": str(today)}
    if kind is models.Congress:
        year = _free({i.split("-")[-1] for i in taken if i.startswith(f"{org}-")},
                     (str(y) for y in range(today.year, today.year + 100)))
        return f"{org}-{year}", {"organization": org}
    if kind is models.Roster:
        term_ids = [t.id for t in current] or [f"{today.year}-{today.year + 1}"]
        term = next((t for t in term_ids if f"{org}-{t}" not in taken), None)
        if term is None:
            last = int(term_ids[-1][:4]) + 1
            term = f"{last}-{last + 1}"
        return f"{org}-{term}", {"organization": org, "term": term}
    if kind is models.Review:
        semesters = [s.id for t in current for s in sorted(t.semesters, key=lambda s: s.start)]
        semester = next((s for s in semesters if f"{org}-{s}" not in taken), None)
        if semester is None:
            raise ValueError("当前及以后学年的每个学期都已有述职评议记录；请先新建学年（gongshi new term）")
        return f"{org}-{semester}", {"organization": org, "semester": semester}
    if kind is models.Term:
        start = (terms[-1].start.year + 1) if terms else today.year
        return f"{start}-{start + 1}", {}
    if kind is models.Person:
        return _numbered(f"{today.year}-{org}", taken), {"college": org}
    if kind is models.Settings:
        raise ValueError("settings.yaml 只有一个，请直接编辑它")
    return _numbered(f"{org}-{kind.KIND.name}", taken), {}

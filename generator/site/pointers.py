"""Which published page a finding is about, and its text as students read it.

The compliance page lists each finding with its record (title, link, date) so a reader can go and
look; records with no page of their own (trainings, waivers, private data) get no link. Findings
and rule explanations drop what only staff need: ISO dates become 年月日, the plan clause (shown
once per rule) and YAML field names in parentheses are left out.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath

from markupsafe import Markup, escape

from ..records import models
from ..records.dataset import Dataset
from .markup import zh_date

ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
CLAUSE = re.compile(r"（§[^（）]*）$")
FIELD_NOTE = re.compile(r"（[^（）]*[A-Za-z_]{2,}[^（）]*）")


def pointer(data: Dataset, today: date, file: str) -> dict | None:
    """{title, url, date} of the published page of the record in ``file`` (``…/<folder>/<id>.yaml``)."""
    path = PurePosixPath(file)
    folder, ident = path.parent.name, path.stem
    if folder == "proposals" and ident in data.of(models.Proposal):
        p = data.of(models.Proposal)[ident]
        day = p.history[0].date
        return {"title": p.title, "url": f"proposals/{ident}/", "date": day} if day <= today else None
    if folder == "announcements" and ident in data.of(models.Announcement):
        a = data.of(models.Announcement)[ident]
        return {"title": a.title, "url": f"announcements/{ident}/", "date": a.date} if a.date <= today else None
    if folder == "congresses" and ident in data.of(models.Congress):
        c = data.of(models.Congress)[ident]
        return {"title": c.name, "url": f"congresses/{ident}/", "date": c.date}
    if folder == "reviews" and ident in data.of(models.Review):
        r = data.of(models.Review)[ident]
        semester = data.semesters.get(r.semester)
        return {"title": f"{_org(data, r.organization)} {semester.name if semester else r.semester}述职评议",
                "url": f"reviews/{ident}/", "date": r.date}
    if folder == "rosters" and ident in data.of(models.Roster):
        roster = data.of(models.Roster)[ident]
        term = data.of(models.Term).get(roster.term)
        return {"title": f"{_org(data, roster.organization)} {term.name if term else roster.term}名单",
                "url": f"organizations/{roster.organization}/{roster.term}/", "date": term.start if term else None}
    if folder == "organizations" and ident in data.of(models.Organization):
        return {"title": data.of(models.Organization)[ident].name, "url": f"organizations/{ident}/", "date": None}
    model = models.BY_FOLDER.get(folder)
    if model is not None and model.KIND.public_fields and ident in data.of(model):  # published by its declaration
        return {"title": model.KIND.title_of(data.of(model)[ident]), "url": f"{folder}/{ident}/", "date": None}
    return None


def _org(data: Dataset, ident: str) -> str:
    org = data.of(models.Organization).get(ident)
    return org.short_name if org else ident


def message(text: str) -> str:
    """A finding as the public page words it."""
    return ISO_DATE.sub(lambda m: zh_date(date(*map(int, m.groups()))), CLAUSE.sub("", text.strip()))


def explanation(text: str) -> Markup:
    """A rule's explanation without the YAML field names staff need (they keep them in `gongshi rules`);
    what is left in backticks is file content, shown as code."""
    parts = str(escape(FIELD_NOTE.sub("", text))).split("`")
    return Markup("".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts)))

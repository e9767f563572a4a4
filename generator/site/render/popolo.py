"""downloads/popolo.json: the rosters and congresses in Popolo (popoloproject.com), the format
civic tools read for people, organizations, posts and memberships.

Built from the public view only (a person is an ID and a name), like every download. Posts are
one per organization and seat (主席团, each department's heads and staff); a membership runs from
its appointment to its departure, or to the end of its term once that has passed.
"""

from __future__ import annotations

import json

from ..public import View
from . import downloads


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _clean(item: dict) -> dict:
    """Popolo readers expect absent fields rather than nulls."""
    return {k: v for k, v in item.items() if v not in (None, "", [])}


def document(view: View, licence: dict) -> dict:
    organizations = [_clean({
        "id": o.id, "name": o.name, "classification": o.type,
        "other_names": [{"name": o.short_name, "note": "简称"}] if o.short_name != o.name else [],
    }) for o in view.organizations]
    posts: dict[str, dict] = {}
    memberships = []
    for terms in view.rosters.values():
        for roster in terms:
            org = roster.organization.id if roster.organization else ""
            ended = roster.end if roster.end and roster.end < view.today else None
            seats = [(f"{org}.presidium", "主席团成员", m) for m in roster.presidium]
            for d in roster.departments:
                seats += [(f"{org}.{d.id}.heads", f"{d.name}负责人", m) for m in d.heads]
                seats += [(f"{org}.{d.id}.staff", f"{d.name}工作人员", m) for m in d.staff]
            for post, label, m in seats:
                posts[post] = {"id": post, "label": label, "organization_id": org}
                end = m.left or ended
                memberships.append(_clean({
                    "id": f"{roster.id}.{post.split('.', 1)[1]}.{m.person.id}",
                    "person_id": m.person.id, "organization_id": org, "post_id": post,
                    "role": m.title, "label": f"{roster.term_name} {label}",
                    "start_date": _day(m.appointed), "end_date": _day(end),
                }))
    events = [_clean({
        "id": c.id, "name": c.name, "classification": "congress", "organization_id": c.organization.id if c.organization else None,
        "start_date": _day(c.date), "end_date": _day(c.date),
    }) for c in view.congresses]
    return {
        "meta": {"title": view.site_name, "generated_for": view.today.isoformat(), "license": licence["path"]},
        "persons": [{"id": p.id, "name": p.name} for p in downloads.people(view)],
        "organizations": organizations,
        "posts": [posts[key] for key in sorted(posts)],
        "memberships": memberships,
        "events": events,
    }


def files(view: View, licence: dict) -> dict[str, str]:
    return {"downloads/popolo.json": json.dumps(document(view, licence), ensure_ascii=False, indent=1) + "\n"}

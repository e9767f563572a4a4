"""What search finds: one entry per record, taken from the public view (no page HTML is read).

``generator.site.search_index`` turns the entries into Pagefind's index. List pages, the
current-term copy of a roster on an organization's page, delegate lists and other blocks repeated
elsewhere are left out: each record is found once, at its own page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator, Sequence

from markupsafe import Markup

from ...records import models
from ..markup import plain
from ..public import View
from ..view.congresses import Candidate
from ..view.people import Member
from ..view.rosters import Chair

KINDS = {"proposal": "提案", "announcement": "公告", "results": "选举结果公告", "roster": "名单",
         "congress": "代表大会", "review": "述职评议", "organization": "组织"}


@dataclass(frozen=True)
class Entry:
    """One record as search shows it: where it is, what it is, and its text."""

    url: str  # site URL, as MkDocs gives it (``proposals/fed-2025-001/``)
    title: str
    kind: str  # key of KINDS, or the name of a kind published by its declaration
    organization: str  # short name of the organization it belongs to ("" for an organization)
    year: str  # 2026, or an academic year 2025—2026学年
    text: str  # plain text shown in excerpts (the title is shown apart)

    @property
    def label(self) -> str:
        return KINDS.get(self.kind) or models.BY_KIND[self.kind].KIND.title


def _names(people: Sequence[Member | Chair | Candidate]) -> str:
    return "、".join(p.person.name for p in people)


def _join(*parts: str) -> str:
    return "　".join(p for p in parts if p)  # a full-width space reads as a pause in Chinese text


def _text(value: object) -> str:
    """A public field's value as searchable text."""
    if isinstance(value, Markup):
        return plain(value, 100_000)
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    if isinstance(value, dict):
        return _join(*(_text(v) for v in value.values()))
    return "" if value is None else value.isoformat() if isinstance(value, date) else str(value)


def entries(view: View) -> Iterator[Entry]:
    """Every record of the view that has its own page, in a fixed order."""
    for p in view.proposals:
        answers = [_join(a.office, plain(a.text, 100_000)) for a in p.answers]
        yield Entry(f"proposals/{p.id}/", p.title, "proposal", p.organization.short_name if p.organization else "",
                    str(p.year), _join("提案人：" + "、".join(p.submitters), p.office,
                                         plain(p.text, 100_000), *answers, p.status_name))
    for a in view.announcements:
        kind = "results" if a.kind == "results" else "announcement"
        author = a.organization.short_name if a.organization else ""
        if kind == "results":  # the congress's elections, as the announcement shows them
            elections = a.congress.elections if a.congress else []
            text = _join(a.summary, *(e.name + "：" + _names(e.candidates) for e in elections))
        else:
            text = _join(plain(a.body, 100_000), a.review.body if a.review else "")
        yield Entry(f"announcements/{a.id}/", a.title, kind, author, str(a.date.year), text)
    for org in view.organizations:
        yield Entry(f"organizations/{org.id}/", org.name, "organization", "", "",
                    _join(org.short_name, org.college_name, org.league_org,
                          org.party_org, "、".join(org.main_clubs)))
        for r in view.rosters.get(org.id, []):
            parts = [r.term_name, "主席：" + _names(r.chairs) if r.chairs else "",
                     "主席团：" + _names(r.presidium) if r.presidium else ""]
            for d in r.departments:
                parts.append(d.name + "：" + _names(d.heads + d.staff))
            if r.adviser:
                parts.append(f"指导老师：{r.adviser.name}（{r.adviser.title}）")
            steps = {s.name: None for m in r.presidium for s in m.steps}
            steps.update({s.name: None for d in r.departments for m in d.heads + d.staff for s in m.steps})
            parts.append("推荐与审核：" + "、".join(steps) if steps else "")
            parts += [v.project for v in r.volunteers]
            yield Entry(f"organizations/{org.id}/{r.term}/", f"{org.short_name} {r.term_name}名单",
                        "roster", org.short_name, r.term_name, _join(*parts))
    for c in view.congresses:
        parts = []
        if c.work_report:
            parts += [c.work_report.title, plain(c.work_report.summary, 100_000)]
        for e in c.elections:
            parts.append(e.name + "：" + _names(e.candidates))
        yield Entry(f"congresses/{c.id}/", c.name, "congress", c.organization.short_name if c.organization else "",
                    str(c.year), _join(*parts))
    for review in view.reviews:
        name = review.organization.short_name if review.organization else ""
        board = "评议组：" + "、".join(f"{b.role}{b.count}人" for b in review.board) if review.board else ""
        people = "、".join(f"{e.person.name}（{e.post}，{e.outcome}）" for e in review.evaluations)
        yield Entry(f"reviews/{review.id}/", f"{name} {review.semester_name}述职评议".strip(), "review", name,
                    review.semester_name[:11], _join(review.semester_name, people, board))
    for section in view.kinds:  # the fields the kind declares searchable, all of them public
        searched = models.BY_KIND[section.name].KIND.search_fields
        for record in section.records:
            yield Entry(record.url, record.title, section.name, "", "",
                        _join(*(_text(record.fields.get(name)) for name in searched)))

"""The public view: the only thing pages, search, feeds and downloads are built from.

Every value here is copied from a record by name, kind by kind (an allow-list). Nothing reads
a ``private`` field (the one exception: a candidate's political status, only when settings say
to publish it), so a private field added to a model later stays unpublished without any
template change. Records that are private as a whole (misconduct cases, party reports,
trainings, matters, honors) are not in the view at all. Text written by people (proposals,
answers, announcements, work reports) is rendered and sanitised here, once.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from ..records import models
from ..records.dataset import Dataset
from ..rules.findings import Outcome
from . import pointers
from .markup import plain, render
from ..rules.proposals import answered_on, days_taken, due_date, event_date, is_overdue
from ..rules import REGISTRY

DEGREES = {"undergraduate": "本科生", "master": "硕士研究生", "doctoral": "博士研究生"}
SOURCES = {"fed-staff": "学联工作人员", "college-staff": "院系学生会工作人员", "exemplary": "各领域优秀学生典型"}
GRADE_ORDER = [f"U{i}" for i in range(1, 9)] + [f"M{i}" for i in range(1, 4)] + [f"D{i}" for i in range(1, 7)]
# Result badges: an unapproved result is never shown as final.
RESULT_STATES = {"pending": "待批准", "approved": "已批准", "filed": "已备案"}


def grade_name(grade: str) -> str:
    kind = {"U": "本科", "M": "硕士", "D": "博士"}[grade[0]]
    return f"{kind}{grade[1:]}年级"


@dataclass
class View:
    """Everything the site shows, as plain data."""

    site_name: str
    plan: dict                              # title, number, url of the governing plan (settings)
    today: date
    federation: dict | None
    term: dict | None
    semester: dict | None
    organizations: list[dict]
    rosters: dict[str, list[dict]]          # organization id -> rosters, oldest first
    congresses: list[dict]                  # newest first
    reviews: list[dict]                     # newest first
    proposals: list[dict]                   # newest first
    announcements: list[dict]               # free-form and election results, newest first
    compliance: list[dict]
    offices: list[dict]
    counts: dict[str, int]
    response_days: int


def _semester(semester: models.Semester) -> dict:
    return {"id": semester.id, "name": semester.name, "start": semester.start, "end": semester.end}


class _Builder:
    def __init__(self, data: Dataset, outcome: Outcome, today: date, changed: dict[str, date]):
        self.data = data
        self.outcome = outcome
        self.today = today
        self.changed = changed
        self.settings = data.settings
        self.response_days = (self.settings or models.Settings.fallback()).response_days
        self.publish_status = bool(self.settings and self.settings.publish_candidate_political_status)
        self.orgs = {o.id: self.organization(o) for o in data.of(models.Organization).values()}

    def last_changed(self, record: models.Record) -> date | None:
        return self.changed.get(f"{record.KIND.folder}/{record.id}.yaml")

    # ------------------------------------------------------------ people and organizations
    def person(self, person_id: str) -> dict:
        person = self.data.of(models.Person).get(person_id)
        if person is None:
            return {"id": person_id, "name": person_id, "college": "", "degree": ""}
        college = self.data.of(models.Organization).get(person.college)
        return {
            "id": person.id,
            "name": person.name,
            "college": college.short_name if college else "",
            "degree": DEGREES.get(person.degree, ""),
            "enrolled": person.enrolled,
            "major": person.major or "",
        }

    def organization(self, org: models.Organization) -> dict:
        return {
            "id": org.id,
            "name": org.name,
            "short_name": org.short_name,
            "type": org.type,
            "is_fed": org.type == "federation",
            "college_name": org.college_name or "",
            "league_org": org.league_org,
            "party_org": org.party_org,
            "main_clubs": list(org.main_clubs),
            "rights_mechanism": org.rights_mechanism or "",
            "channels": [{"type": "线上" if c.type == "online" else "线下", "name": c.name,
                          "description": c.description or ""} for c in org.feedback_channels],
            "students": {term: sum(grades.values()) for term, grades in org.students.items()},
            "advisers": {a.term: {"name": a.name, "title": a.title, "full_time": a.full_time} for a in org.advisers},
            "changed": self.last_changed(org),
        }

    def candidate(self, candidate: models.Candidate, on: date, announced: bool) -> dict:
        view = {
            "person": self.person(candidate.person),
            "source": SOURCES.get(candidate.source or "", ""),
            "votes": candidate.votes if announced else None,
            "elected": candidate.elected and announced,
            "steps": [self.step(s) for s in candidate.selection],
        }
        person = self.data.of(models.Person).get(candidate.person)
        if self.publish_status and person:
            # political status on the election day: published only where settings say so (as many 公示 do)
            known = [s for s in person.private.political_status if s.since <= on]
            view["political_status"] = max(known, key=lambda s: s.since).status if known else ""
        return view

    def step(self, step: models.Step) -> dict:
        return {"action": step.action, "body": step.body, "name": step.name or "", "date": step.date}

    def member(self, member: models.Member, default_title: str) -> dict:
        return {
            "person": self.person(member.person),
            "title": member.title or default_title,
            "appointed": member.appointed,
            "left": member.left,
            "from_college_union": member.from_college_union,
            "steps": [self.step(s) for s in member.selection],
        }

    def roster(self, roster: models.Roster) -> dict:
        term = self.data.of(models.Term).get(roster.term)
        org = self.orgs.get(roster.organization, {})
        semesters = {s.id: s for s in (term.semesters if term else [])}
        chairs = []
        for chair in sorted(roster.executive_chairs, key=lambda c: c.semester):
            semester = semesters.get(chair.semester) or self.data.semesters.get(chair.semester)
            chairs.append({"semester": chair.semester, "semester_name": semester.name if semester else chair.semester,
                           "start": semester.start if semester else None, "person": self.person(chair.person)})
        presidium = [self.member(m, "主席团成员") for m in roster.presidium]
        departments = [{
            "id": d.id, "name": d.name, "function": d.function,
            "heads": [self.member(m, "负责人") for m in d.heads],
            "staff": [self.member(m, "工作人员") for m in d.staff],
        } for d in roster.departments]
        people = {m.person for m in roster.presidium} | {m.person for d in roster.departments for m in d.heads + d.staff}
        return {
            "id": roster.id,
            "organization": org,
            "term": roster.term,
            "term_name": term.name if term else roster.term,
            "start": term.start if term else None,
            "end": term.end if term else None,
            "presidium": presidium,
            "departments": departments,
            "chairs": chairs,
            "size": len(people),
            "volunteers": [{"project": v.project or "", "start": v.start, "end": v.end, "count": len(v.volunteers)}
                           for v in roster.volunteers],
            "expansion": {"reason": roster.expansion.reason, "explanation": roster.expansion.explanation}
            if roster.expansion else None,
            "adviser": org.get("advisers", {}).get(roster.term),
            "changed": self.last_changed(roster),
        }

    # ------------------------------------------------------------ congresses
    def congress(self, congress: models.Congress, proposals: list[dict]) -> dict:
        org_model = self.data.of(models.Organization).get(congress.organization)
        org = self.orgs.get(congress.organization, {})
        students = sum(org_model.students.get(congress.term, {}).values()) if org_model else 0
        delegates = [{
            "person": self.person(d.person),
            "college": self.orgs.get(d.college, {}).get("short_name", d.college),
            "grade": d.grade,
            "grade_name": grade_name(d.grade),
            "club": d.club or "",
            "recommended_by": d.recommended_by or "",
            "elected_by": self.orgs.get(d.elected_by or "", {}).get("short_name", ""),
        } for d in congress.delegates]
        grades = [g for g in GRADE_ORDER if org_model and org_model.students.get(congress.term, {}).get(g)]
        grades += sorted({d.grade for d in congress.delegates} - set(grades), key=GRADE_ORDER.index)
        colleges = sorted({d["college"] for d in delegates})
        cells = Counter((d["college"], d["grade"]) for d in delegates)
        coverage = {
            "grades": grades,
            "grade_names": [grade_name(g) for g in grades],
            "rows": [{"college": c, "counts": [cells[(c, g)] for g in grades]} for c in colleges],
            "clubs": [{"name": club, "count": sum(1 for d in delegates if d["club"] == club)}
                      for club in (org_model.main_clubs if org_model else [])],
        }
        results = congress.results
        # Final only once approved (and filed) on or before today; a result is never shown ahead of its record.
        approved = results.approved is not None and results.approved.date <= self.today
        filed = approved and results.filed is not None and results.filed.date <= self.today
        state = "filed" if filed else "approved" if approved else "pending"
        announced = results.announced is not None and results.announced <= self.today
        elections = [{
            "name": e.name, "date": e.date, "seats": e.seats,
            "candidates": [self.candidate(c, e.date, announced) for c in e.candidates],
            "show_status": self.publish_status and announced,
            "announced": announced,
        } for e in congress.elections]
        report = congress.work_report
        return {
            "id": congress.id,
            "name": congress.name,
            "organization": org,
            "term": congress.term,
            "date": congress.date,
            "year": congress.date.year,
            "held": congress.date <= self.today,
            "request": {"submitted": congress.request.submitted,
                        "to": self.orgs.get(congress.request.to, {}).get("short_name", "")} if congress.request else None,
            "approval": {"by": self.orgs.get(congress.approval.by, {}).get("short_name", ""),
                         "date": congress.approval.date} if congress.approval else None,
            "delegates": delegates,
            "students": students,
            "quota": math.ceil(students / 100),
            "coverage": coverage,
            "work_report": {"title": report.title, "presented_by": report.presented_by, "date": report.date,
                            "summary": render(report.summary)} if report else None,
            "elections": elections,
            "results": {
                "announced": results.announced,
                "approved": {"by": results.approved.by, "date": results.approved.date} if approved else None,
                "filed": {"to": results.filed.to, "date": results.filed.date} if filed else None,
                "state": state,
                "badge": RESULT_STATES[state],
            },
            "proposals": proposals,
            "changed": self.last_changed(congress),
        }

    # ------------------------------------------------------------ reviews
    def review(self, review: models.Review) -> dict:
        semester = self.data.semesters.get(review.semester)
        roles = Counter(m.role for m in review.board)
        return {
            "id": review.id,
            "organization": self.orgs.get(review.organization, {}),
            "semester": review.semester,
            "semester_name": semester.name if semester else review.semester,
            "date": review.date,
            "board": [{"role": role, "count": roles[role]} for role in
                      ("学生代表", "党委学生工作部门", "团委", "班级团支部代表") if roles[role]],
            "board_size": len(review.board),
            "evaluations": [{
                "person": self.person(e.person),
                "post": e.post,
                "scores": [getattr(e.scores, d) or "—" for d in models.DIMENSIONS],
                "outcome": e.outcome,
            } for e in review.evaluations],
            "outcomes": dict(Counter(e.outcome for e in review.evaluations)),
            "changed": self.last_changed(review),
        }

    # ------------------------------------------------------------ proposals
    def proposal(self, proposal: models.Proposal) -> dict:
        """A proposal as of today: events and answers dated later are not shown yet."""
        congress = self.data.of(models.Congress).get(proposal.congress)
        submitted = proposal.history[0].date
        history = [e for e in proposal.history if e.date <= self.today]
        status = history[-1].status
        overdue = is_overdue(proposal, self.response_days, self.today)
        answered = answered_on(proposal)
        answered = answered if answered and answered <= self.today else None
        text = render(proposal.text)
        answers = [(a, render(a.text)) for a in proposal.answers if a.date is None or a.date <= self.today]
        return {
            "id": proposal.id,
            "title": proposal.title,
            "text": text,
            "summary": plain(text),
            "submitters": list(proposal.submitters),
            "office": proposal.office or "",
            "congress": {"id": congress.id, "name": congress.name} if congress else None,
            "organization": self.orgs.get(congress.organization, {}) if congress else {},
            "year": submitted.year,
            "submitted": submitted,
            "status": status,
            "status_name": models.STATUS_NAMES[status],
            "history": [{"status": e.status, "status_name": models.STATUS_NAMES[e.status], "date": e.date,
                         "note": e.note or ""} for e in history],
            "answers": [{"office": a.office or "", "date": a.date, "text": html, "summary": plain(html)}
                        for a, html in answers],
            "accepted": event_date(proposal, "accepted"),
            "answered": answered,
            "due": due_date(proposal, self.response_days),
            "days": days_taken(proposal) if answered else None,
            "overdue": overdue,
            "changed": self.last_changed(proposal),
        }

    # ------------------------------------------------------------ announcements
    def announcement(self, notice: models.Announcement) -> dict:
        body = render(notice.body)
        return {
            "id": notice.id,
            "url": f"announcements/{notice.id}/",
            "kind": "notice",
            "title": notice.title,
            "date": notice.date,
            "organization": self.orgs.get(notice.organization, {}),
            "body": body,
            "summary": plain(body),
            "review": {"reviewer": notice.review.reviewer, "body": notice.review.body, "date": notice.review.date}
            if notice.review else None,
            "badge": "",
            "changed": self.last_changed(notice),
        }

    def result_announcement(self, congress: dict) -> dict:
        elected = [c["person"]["name"] for e in congress["elections"] for c in e["candidates"] if c["elected"]]
        return {
            "id": f"results-{congress['id']}",
            "url": f"announcements/results-{congress['id']}/",
            "kind": "results",
            "title": f"{congress['name']}选举结果公告",
            "date": congress["results"]["announced"],
            "organization": congress["organization"],
            "congress": congress,
            "body": Markup(""),
            "summary": "当选：" + "、".join(elected) if elected else "",
            "review": None,
            "badge": congress["results"]["badge"],
            "state": congress["results"]["state"],
            "changed": congress["changed"],
        }

    # ------------------------------------------------------------ compliance
    def findings(self, active: list) -> list[dict]:
        out = [{"message": pointers.message(f.message), "record": pointers.pointer(self.data, self.today, f.file)}
               for f in active]
        return sorted(out, key=lambda f: (f["record"] or {}).get("date") or date.min, reverse=True)

    def compliance(self) -> list[dict]:
        waivers = self.data.of(models.Waiver)
        rows = []
        for rule in sorted(REGISTRY.values(), key=lambda r: r.id):
            active = [f for f in self.outcome.active if f.rule == rule.id]
            waived = [f for f in self.outcome.waived if f.rule == rule.id]
            status = "error" if any(f.severity == "error" for f in active) else \
                "warning" if active else "waived" if waived else "pass"
            private = rule.private
            rows.append({
                "id": rule.id, "severity": rule.severity, "clause": rule.clause, "phrase": rule.phrase,
                "title": rule.title, "explanation": pointers.explanation(rule.explanation), "status": status,
                "status_name": {"pass": "通过", "warning": "提示", "waived": "已豁免", "error": "不通过"}[status],
                # a finding of a rule over private data names who it is about: only its count is public
                # each with the record it is about (title, link, date), newest first
                "findings": [] if private else self.findings(active),
                "hidden": len(active) if private else 0,
                "waivers": [{"record": "" if private else waivers[f.waived_by].record,
                             "reason": "" if private else waivers[f.waived_by].reason,
                             "approved_by": waivers[f.waived_by].approved_by,
                             "approved_on": waivers[f.waived_by].approved_on,
                             "expires": waivers[f.waived_by].expires}
                            for f in waived if f.waived_by in waivers],
            })
        return rows


def _offices(proposals: list[dict]) -> list[dict]:
    rows = []
    for office in sorted({p["office"] for p in proposals if p["office"]}):
        mine = [p for p in proposals if p["office"] == office]
        days = [p["days"] for p in mine if p["days"] is not None]
        rows.append({
            "office": office,
            "total": len(mine),
            "answered": sum(1 for p in mine if p["answered"]),
            "overdue": sum(1 for p in mine if p["overdue"]),
            "median_days": statistics.median(days) if days else None,
        })
    return rows


def build_view(data: Dataset, outcome: Outcome, today: date, changed: dict[str, date] | None = None) -> View:
    """The public view of ``data`` as of ``today``; ``changed`` maps data-relative paths to git dates."""
    b = _Builder(data, outcome, today, changed or {})
    settings = data.settings
    fed_id = settings.federation if settings else next(
        (o.id for o in data.of(models.Organization).values() if o.type == "federation"), "")

    term = next((t for t in data.of(models.Term).values() if t.start <= today <= t.end), None)
    semester = next((s for s in data.semesters.values() if s.start <= today <= s.end), None)

    rosters: dict[str, list[dict]] = {}
    for roster in sorted(data.of(models.Roster).values(), key=lambda r: (r.term, r.organization)):
        rosters.setdefault(roster.organization, []).append(b.roster(roster))

    proposals = sorted((b.proposal(p) for p in data.of(models.Proposal).values() if p.history[0].date <= today),
                       key=lambda p: (p["submitted"], p["id"]), reverse=True)
    by_congress: dict[str, list[dict]] = {}
    for proposal in proposals:
        if proposal["congress"]:
            by_congress.setdefault(proposal["congress"]["id"], []).append(proposal)

    congresses = sorted((b.congress(c, by_congress.get(c.id, [])) for c in data.of(models.Congress).values()),
                        key=lambda c: (c["date"], c["id"]), reverse=True)
    reviews = sorted((b.review(r) for r in data.of(models.Review).values()), key=lambda r: (r["semester"], r["id"]), reverse=True)

    announcements = [b.announcement(a) for a in data.of(models.Announcement).values() if a.date <= today]
    announcements += [b.result_announcement(c) for c in congresses
                      if c["results"]["announced"] and c["results"]["announced"] <= today]
    announcements.sort(key=lambda a: (a["date"], a["id"]), reverse=True)

    counts = {
        "total": len(proposals),
        "answered": sum(1 for p in proposals if p["status"] in ("answered", "closed")),
        "in_progress": sum(1 for p in proposals if p["status"] in ("submitted", "accepted", "in_progress")),
        "not_accepted": sum(1 for p in proposals if p["status"] == "not_accepted"),
        "overdue": sum(1 for p in proposals if p["overdue"]),
    }
    organizations = sorted(b.orgs.values(), key=lambda o: (not o["is_fed"], o["id"]))
    return View(
        site_name=settings.site_name if settings else "公示",
        plan=(settings.plan if settings else models.Plan(title="学联学生会组织改革方案")).model_dump(),
        today=today,
        federation=b.orgs.get(fed_id),
        term={"id": term.id, "name": term.name} if term else None,
        semester=_semester(semester) if semester else None,
        organizations=organizations,
        rosters=rosters,
        congresses=congresses,
        reviews=reviews,
        proposals=proposals,
        announcements=announcements,
        compliance=b.compliance(),
        offices=_offices(proposals),
        counts=counts,
        response_days=b.response_days,
    )

"""The public view's allow-list: the only code that copies record fields into what the site shows.

Every value is copied from a record by name, kind by kind, into the frozen types of
``generator.site.view``; a kind without a hand-written view has its ``Kind.public_fields`` copied
(``section``). Nothing reads a ``private`` field (the one exception: a candidate's
political status, only when settings say to publish it), so a private field added to a model
later stays unpublished without any template change. Records that are private as a whole
(misconduct cases, party reports, trainings, matters, honors) are not in the view at all. Text
written by people (proposals, answers, announcements, work reports) is rendered and sanitised
here, once. Labels and derived figures come from ``view.labels``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from enum import Enum
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..records import models
from ..records.dataset import Dataset
from ..rules import REGISTRY
from ..rules.findings import Finding as CheckFinding, Outcome
from ..rules.proposals import answered_on, days_taken, due_date, event_date, is_overdue
from . import pointers
from .markup import plain, render
from .view import announcements as va, compliance as vc, congresses as vg, kinds as vk, labels, people as vp
from .view import proposals as vr, reviews as vv, rosters as vs, site as vw
from .view.site import View

__all__ = ["View", "build_view"]


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

    def short_name(self, org_id: str | None) -> str:
        org = self.orgs.get(org_id or "")
        return org.short_name if org else ""

    # ------------------------------------------------------------ people and organizations
    def person(self, person_id: str) -> vp.Person:
        person = self.data.of(models.Person).get(person_id)
        if person is None:
            return vp.Person(id=person_id, name=person_id, college="", degree="")
        college = self.data.of(models.Organization).get(person.college)
        return vp.Person(
            id=person.id,
            name=person.name,
            college=college.short_name if college else "",
            degree=labels.DEGREES.get(person.degree, ""),
            enrolled=person.enrolled,
            major=person.major or "",
        )

    def organization(self, org: models.Organization) -> vp.Organization:
        return vp.Organization(
            id=org.id,
            name=org.name,
            short_name=org.short_name,
            type=org.type,
            is_fed=org.type == "federation",
            college_name=org.college_name or "",
            league_org=org.league_org,
            party_org=org.party_org,
            main_clubs=list(org.main_clubs),
            rights_mechanism=org.rights_mechanism or "",
            channels=[vp.Channel(type=labels.CHANNEL_TYPES[c.type], name=c.name, description=c.description or "")
                      for c in org.feedback_channels],
            students={term: sum(grades.values()) for term, grades in org.students.items()},
            advisers={a.term: vp.Adviser(name=a.name, title=a.title, full_time=a.full_time) for a in org.advisers},
            changed=self.last_changed(org),
        )

    def candidate(self, candidate: models.Candidate, on: date, announced: bool) -> vg.Candidate:
        status = None
        person = self.data.of(models.Person).get(candidate.person)
        if self.publish_status and announced and person:
            # political status on the election day: published only where settings say so (as many 公示 do),
            # and only once the results are announced; every output (page, JSON, CSV) reads it from here
            known = [s for s in person.private.political_status if s.since <= on]
            status = max(known, key=lambda s: s.since).status if known else ""
        return vg.Candidate(
            person=self.person(candidate.person),
            source=labels.SOURCES.get(candidate.source or "", ""),
            votes=candidate.votes if announced else None,
            elected=candidate.elected and announced,
            steps=[self.step(s) for s in candidate.selection],
            political_status=status,
        )

    def step(self, step: models.Step) -> vp.Step:
        return vp.Step(action=step.action, body=step.body, name=step.name or "", date=step.date)

    def member(self, member: models.Member, default_title: str, term_end: date | None = None) -> vp.Member:
        return vp.Member(
            person=self.person(member.person),
            title=member.title or default_title,
            appointed=member.appointed,
            left=member.left,
            from_college_union=member.from_college_union,
            steps=[self.step(s) for s in member.selection],
            state="planned" if member.appointed > self.today else (
                "left" if member.left is not None and member.left <= self.today else
                "ended" if term_end is not None and term_end < self.today else "serving"),
            reason=(member.left_reason or "") if member.left is not None and member.reason_public else "",
            replaces=self.person(member.replaces).name if member.replaces else "",
        )

    def roster(self, roster: models.Roster) -> vs.Roster:
        term = self.data.of(models.Term).get(roster.term)
        org = self.orgs.get(roster.organization)
        semesters = {s.id: s for s in (term.semesters if term else [])}
        chairs = []
        for chair in sorted(roster.executive_chairs, key=lambda c: c.semester):
            semester = semesters.get(chair.semester) or self.data.semesters.get(chair.semester)
            chairs.append(vs.Chair(semester=chair.semester,
                                   semester_name=semester.name if semester else chair.semester,
                                   start=semester.start if semester else None, person=self.person(chair.person)))
        end = term.end if term else None
        departments = [vs.Department(
            id=d.id, name=d.name, function=d.function,
            heads=[self.member(m, "负责人", end) for m in d.heads],
            staff=[self.member(m, "工作人员", end) for m in d.staff],
        ) for d in roster.departments]
        people = {m.person for m in roster.presidium} | {m.person for d in roster.departments for m in d.heads + d.staff}
        return vs.Roster(
            id=roster.id,
            organization=org,
            term=roster.term,
            term_name=term.name if term else roster.term,
            start=term.start if term else None,
            end=term.end if term else None,
            presidium=[self.member(m, "主席团成员", end) for m in roster.presidium],
            departments=departments,
            chairs=chairs,
            size=len(people),
            volunteers=[vs.VolunteerProject(project=v.project or "", start=v.start, end=v.end, count=len(v.volunteers))
                        for v in roster.volunteers],
            expansion=vs.Expansion(reason=roster.expansion.reason, explanation=roster.expansion.explanation)
            if roster.expansion else None,
            adviser=org.advisers.get(roster.term) if org else None,
            changed=self.last_changed(roster),
        )

    # ------------------------------------------------------------ congresses
    def congress(self, congress: models.Congress, proposals: list[vr.Proposal]) -> vg.Congress:
        org_model = self.data.of(models.Organization).get(congress.organization)
        students_by_grade = org_model.students.get(congress.term, {}) if org_model else {}
        students = sum(students_by_grade.values())
        delegates = [vg.Delegate(
            person=self.person(d.person),
            college=self.orgs[d.college].short_name if d.college in self.orgs else d.college,
            grade=d.grade,
            grade_name=labels.grade_name(d.grade),
            club=d.club or "",
            recommended_by=d.recommended_by or "",
            elected_by=self.short_name(d.elected_by),
        ) for d in congress.delegates]
        grades = [g for g in labels.GRADE_ORDER if students_by_grade.get(g)]
        grades += sorted({d.grade for d in congress.delegates} - set(grades), key=labels.GRADE_ORDER.index)
        colleges = sorted({d.college for d in delegates})
        cells = Counter((d.college, d.grade) for d in delegates)
        coverage = vg.Coverage(
            grades=grades,
            grade_names=[labels.grade_name(g) for g in grades],
            rows=[vg.CoverageRow(college=c, counts=[cells[(c, g)] for g in grades]) for c in colleges],
            clubs=[vg.ClubCount(name=club, count=sum(1 for d in delegates if d.club == club))
                   for club in (org_model.main_clubs if org_model else [])],
        )
        results = congress.results
        # Final only once approved (and filed) on or before today; a result is never shown ahead of its record.
        approved = results.approved is not None and results.approved.date <= self.today
        filed = approved and results.filed is not None and results.filed.date <= self.today
        state = "filed" if filed else "approved" if approved else "pending"
        announced = results.announced is not None and results.announced <= self.today
        elections = [vg.Election(
            name=e.name, date=e.date, seats=e.seats,
            candidates=[self.candidate(c, e.date, announced) for c in e.candidates],
            show_status=self.publish_status and announced,
            announced=announced,
        ) for e in congress.elections]
        report = congress.work_report
        return vg.Congress(
            id=congress.id,
            name=congress.name,
            organization=self.orgs.get(congress.organization),
            term=congress.term,
            date=congress.date,
            year=congress.date.year,
            held=congress.date <= self.today,
            request=vg.Request(submitted=congress.request.submitted, to=self.short_name(congress.request.to))
            if congress.request else None,
            approval=vg.Approval(by=self.short_name(congress.approval.by), date=congress.approval.date)
            if congress.approval else None,
            delegates=delegates,
            students=students,
            quota=math.ceil(students / 100),
            coverage=coverage,
            work_report=vg.WorkReport(title=report.title, presented_by=report.presented_by, date=report.date,
                                      summary=render(report.summary)) if report else None,
            elections=elections,
            results=vg.Results(
                announced=results.announced,
                approved=vg.PartyApproval(by=results.approved.by, date=results.approved.date)
                if approved and results.approved else None,
                filed=vg.Filing(to=results.filed.to, date=results.filed.date) if filed and results.filed else None,
                state=state,
                badge=labels.RESULT_STATES[state],
            ),
            proposals=proposals,
            changed=self.last_changed(congress),
        )

    # ------------------------------------------------------------ reviews
    def review(self, review: models.Review) -> vv.Review:
        semester = self.data.semesters.get(review.semester)
        roles: Counter[str] = Counter(m.role for m in review.board)
        return vv.Review(
            id=review.id,
            organization=self.orgs.get(review.organization),
            semester=review.semester,
            semester_name=semester.name if semester else review.semester,
            date=review.date,
            board=[vv.BoardSeats(role=role, count=roles[role]) for role in labels.BOARD_ROLES if roles[role]],
            board_size=len(review.board),
            evaluations=[vv.Evaluation(
                person=self.person(e.person),
                post=e.post,
                scores=[getattr(e.scores, d) or "—" for d in models.DIMENSIONS],
                outcome=e.outcome,
            ) for e in review.evaluations],
            outcomes=dict(Counter(e.outcome for e in review.evaluations)),
            changed=self.last_changed(review),
        )

    # ------------------------------------------------------------ proposals
    def proposal(self, proposal: models.Proposal) -> vr.Proposal:
        """A proposal as of today: events and answers dated later are not shown yet."""
        congress = self.data.of(models.Congress).get(proposal.congress)
        submitted = proposal.history[0].date
        history = [e for e in proposal.history if e.date <= self.today]
        status = history[-1].status
        answered = answered_on(proposal)
        answered = answered if answered and answered <= self.today else None
        text = render(proposal.text)
        answers = [(a, render(a.text)) for a in proposal.answers if a.date is None or a.date <= self.today]
        return vr.Proposal(
            id=proposal.id,
            title=proposal.title,
            text=text,
            summary=plain(text),
            submitters=list(proposal.submitters),
            office=proposal.office or "",
            congress=vr.CongressLink(id=congress.id, name=congress.name) if congress else None,
            organization=self.orgs.get(congress.organization) if congress else None,
            year=submitted.year,
            submitted=submitted,
            status=status,
            status_name=models.STATUS_NAMES[status],
            history=[vr.Event(status=e.status, status_name=models.STATUS_NAMES[e.status], date=e.date,
                              note=e.note or "") for e in history],
            answers=[vr.Answer(office=a.office or "", date=a.date, text=html, summary=plain(html))
                     for a, html in answers],
            accepted=event_date(proposal, "accepted"),
            answered=answered,
            due=due_date(proposal, self.response_days),
            days=days_taken(proposal) if answered else None,
            overdue=is_overdue(proposal, self.response_days, self.today),
            changed=self.last_changed(proposal),
        )

    # ------------------------------------------------------------ announcements
    def announcement(self, notice: models.Announcement) -> va.Announcement:
        body = render(notice.body)
        return va.Announcement(
            id=notice.id,
            url=f"announcements/{notice.id}/",
            kind="notice",
            title=notice.title,
            date=notice.date,
            organization=self.orgs.get(notice.organization),
            body=body,
            summary=plain(body),
            review=va.PublicationReview(reviewer=notice.review.reviewer, body=notice.review.body,
                                        date=notice.review.date) if notice.review else None,
            badge="",
            changed=self.last_changed(notice),
        )

    @staticmethod
    def result_announcement(congress: vg.Congress, announced: date) -> va.Announcement:
        elected = [c.person.name for e in congress.elections for c in e.candidates if c.elected]
        return va.Announcement(
            id=f"results-{congress.id}",
            url=f"announcements/results-{congress.id}/",
            kind="results",
            title=f"{congress.name}选举结果公告",
            date=announced,
            organization=congress.organization,
            body=Markup(""),
            summary="当选：" + "、".join(elected) if elected else "",
            review=None,
            badge=congress.results.badge,
            changed=congress.changed,
            congress=congress,
            state=congress.results.state,
        )

    # ------------------------------------------------------------ kinds published by their declaration
    def section(self, model: type[models.Record]) -> vk.Section:
        kind = model.KIND
        return vk.Section(
            name=kind.name, folder=kind.folder, title=kind.title,
            columns=[vk.Column(key=name, title=column_title(model.model_fields[name], name))
                     for name in kind.public_fields],
            records=[self.declared(record) for _, record in sorted(self.data.of(model).items())],
        )

    def declared(self, record: models.Record) -> vk.Record:
        """Exactly the fields its kind declares public, by name."""
        kind = record.KIND
        fields = {name: public_value(getattr(record, name), name in kind.markdown_fields)
                  for name in kind.public_fields}
        return vk.Record(id=record.id, url=f"{kind.folder}/{record.id}/", title=kind.title_of(record), fields=fields,
                         changed=self.last_changed(record))

    # ------------------------------------------------------------ compliance
    def pointer(self, file: str) -> vc.Pointer | None:
        record = pointers.pointer(self.data, self.today, file)
        return vc.Pointer(**record) if record else None

    def findings(self, active: list[CheckFinding]) -> list[vc.Finding]:
        out = [vc.Finding(message=pointers.message(f.message), record=self.pointer(f.file)) for f in active]
        return sorted(out, key=lambda f: (f.record.date if f.record else None) or date.min, reverse=True)

    def compliance(self) -> list[vc.RuleStatus]:
        waivers = self.data.of(models.Waiver)
        rows = []
        for rule in sorted(REGISTRY.values(), key=lambda r: r.id):
            active = [f for f in self.outcome.active if f.rule == rule.id]
            waived = [f for f in self.outcome.waived if f.rule == rule.id]
            status = "error" if any(f.severity == "error" for f in active) else \
                "warning" if active else "waived" if waived else "pass"
            private = rule.private
            rows.append(vc.RuleStatus(
                id=rule.id, severity=rule.severity, clause=rule.clause, phrase=rule.phrase,
                title=rule.title, explanation=pointers.explanation(rule.explanation), status=status,
                status_name=labels.RULE_STATES[status],
                # a finding of a rule over private data names who it is about: only its count is public;
                # the others each with the record it is about (title, link, date), newest first
                findings=[] if private else self.findings(active),
                hidden=len(active) if private else 0,
                waivers=[vc.Waiver(record="" if private else waivers[f.waived_by].record,
                                   page=None if private else self.pointer(f.file),
                                   reason="" if private else waivers[f.waived_by].reason,
                                   approved_by=waivers[f.waived_by].approved_by,
                                   approved_on=waivers[f.waived_by].approved_on,
                                   expires=waivers[f.waived_by].expires)
                         for f in waived if f.waived_by in waivers],
            ))
        return rows


def public_value(value: Any, markdown: bool = False) -> vk.Value:
    """A public field's value as the view holds it: Markdown rendered and sanitised, a nested model
    as a mapping of its fields; whatever is named ``private`` is left out at every depth."""
    if markdown and isinstance(value, str):
        return render(value)
    if isinstance(value, BaseModel):
        return {name: public_value(item) for name, item in value if name != "private"}
    if isinstance(value, dict):
        return {str(key): public_value(item) for key, item in value.items() if key != "private"}
    if isinstance(value, (list, tuple)):
        return [public_value(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def column_title(info: FieldInfo, name: str) -> str:
    """A field's Chinese name: its ``title``, else its description up to the first bracket or comma."""
    return info.title or re.split(r"[（(，,；;：:]", info.description or "")[0].strip() or name


def build_view(data: Dataset, outcome: Outcome, today: date, changed: dict[str, date] | None = None) -> View:
    """The public view of ``data`` as of ``today``; ``changed`` maps data-relative paths to git dates."""
    b = _Builder(data, outcome, today, changed or {})
    settings = data.settings
    fed_id = settings.federation if settings else next(
        (o.id for o in data.of(models.Organization).values() if o.type == "federation"), "")

    term = next((t for t in data.of(models.Term).values() if t.start <= today <= t.end), None)
    semester = next((s for s in data.semesters.values() if s.start <= today <= s.end), None)

    rosters: dict[str, list[vs.Roster]] = {}
    for roster in sorted(data.of(models.Roster).values(), key=lambda r: (r.term, r.organization)):
        rosters.setdefault(roster.organization, []).append(b.roster(roster))

    proposals = sorted((b.proposal(p) for p in data.of(models.Proposal).values() if p.history[0].date <= today),
                       key=lambda p: (p.submitted, p.id), reverse=True)
    by_congress: dict[str, list[vr.Proposal]] = {}
    for proposal in proposals:
        if proposal.congress:
            by_congress.setdefault(proposal.congress.id, []).append(proposal)

    congresses = sorted((b.congress(c, by_congress.get(c.id, [])) for c in data.of(models.Congress).values()),
                        key=lambda c: (c.date, c.id), reverse=True)
    reviews = sorted((b.review(r) for r in data.of(models.Review).values()), key=lambda r: (r.semester, r.id),
                     reverse=True)

    announcements = [b.announcement(a) for a in data.of(models.Announcement).values() if a.date <= today]
    announcements += [b.result_announcement(c, c.results.announced) for c in congresses
                      if c.results.announced and c.results.announced <= today]
    announcements.sort(key=lambda a: (a.date, a.id), reverse=True)

    counts = vr.Counts(
        total=len(proposals),
        answered=sum(1 for p in proposals if p.status in ("answered", "closed")),
        in_progress=sum(1 for p in proposals if p.status in ("submitted", "accepted", "in_progress")),
        not_accepted=sum(1 for p in proposals if p.status == "not_accepted"),
        overdue=sum(1 for p in proposals if p.overdue),
    )
    plan = settings.plan if settings else models.Plan(title="学联学生会组织改革方案")
    return View(
        site_name=settings.site_name if settings else "公示",
        plan=vw.Plan(title=plan.title, number=plan.number, url=plan.url),
        today=today,
        federation=b.orgs.get(fed_id),
        term=vw.Term(id=term.id, name=term.name) if term else None,
        semester=vw.Semester(id=semester.id, name=semester.name, start=semester.start, end=semester.end)
        if semester else None,
        organizations=sorted(b.orgs.values(), key=lambda o: (not o.is_fed, o.id)),
        rosters=rosters,
        congresses=congresses,
        reviews=reviews,
        proposals=proposals,
        announcements=announcements,
        compliance=b.compliance(),
        kinds=[b.section(model) for model in models.KINDS if model.KIND.public_fields],
        offices=labels.offices(proposals),
        counts=counts,
        response_days=b.response_days,
    )

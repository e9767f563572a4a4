"""§2.9 权益维护: a rights department, channels, party reporting, and proposals answered on time."""

from __future__ import annotations

from typing import Iterator

from . import proposals as deadlines
from ..records import models
from ..records.models import STATUS_NAMES
from .context import Context
from .registry import Violation, rule

NEXT = {
    "submitted": {"accepted", "not_accepted"},
    "accepted": {"in_progress", "answered"},
    "in_progress": {"answered"},
    "answered": {"closed", "in_progress"},
    "not_accepted": set(),
    "closed": set(),
}


@rule("rights.mechanism", "error", "§2.9", "设立权益部门或工作机制", "权益部门或机制",
      "每个组织每学年都须有职能为“权益”的工作部门，或在组织记录中写明权益工作机制（rights_mechanism）。",
      "名单中没有 function: 权益 的部门，组织也没有 rights_mechanism。修改：设立权益部或写明工作机制。")
def mechanism(ctx: Context) -> Iterator[Violation]:
    for roster in ctx.rosters():
        org = ctx.org(roster.organization)
        if org is None or org.rights_mechanism:
            continue
        if not any(d.function == "权益" for d in roster.departments):
            yield ctx.violation(roster, "没有权益部门，也没有记录权益工作机制",
                                "设立 function: 权益 的部门，或在组织记录中填写 rights_mechanism", "departments")


@rule("rights.feedback-channels", "warning", "§2.9", "建立同学意见建议线上线下征集平台", "线上线下意见征集",
      "每个组织都应至少记录一个线上和一个线下的意见征集渠道。",
      "只有线上问卷。修改：补充线下渠道（如意见箱）。")
def feedback_channels(ctx: Context) -> Iterator[Violation]:
    for org in ctx.data.of(models.Organization).values():
        types = {c.type for c in org.feedback_channels}
        missing = [label for kind, label in (("online", "线上"), ("offline", "线下")) if kind not in types]
        if missing:
            yield ctx.violation(org, f"缺少{'和'.join(missing)}意见征集渠道", "在 feedback_channels 中补充", "feedback_channels")


@rule("rights.party-reporting", "warning", "§2.9", "定期向同级党组织汇报情况", "定期向党组织汇报",
      "解释：“定期”按每学期理解。每个组织在有名单的学年里，每个已结束的学期都应至少记录一次向同级党组织"
      "（组织记录中的 party_org）的汇报；报给团委等其他单位的不算。",
      "某学院第二学期没有 party-reports 记录。修改：补录汇报记录。")
def party_reporting(ctx: Context) -> Iterator[Violation]:
    for report in ctx.data.of(models.PartyReport).values():
        org = ctx.org(report.organization)
        if org is not None and ctx.past(report.date) and report.to != org.party_org:
            yield ctx.violation(report, f"汇报对象“{report.to}”不是同级党组织{org.party_org}，不算向党组织汇报",
                                f"填写 `to: {org.party_org}`；向团组织的报告记在其他记录中", "to")
    for roster in ctx.rosters():
        org = ctx.org(roster.organization)
        party = org.party_org if org else ""
        for semester in ctx.ended_semesters(roster.term):
            if not any(r.organization == roster.organization and r.to == party and semester.start <= r.date <= semester.end
                       for r in ctx.data.of(models.PartyReport).values()):
                yield ctx.violation(roster, f"学期 {semester.id} 没有向同级党组织汇报的记录",
                                    "补录汇报（data/party-reports/）", "term")


def _proposals(ctx: Context):
    for proposal in ctx.data.of(models.Proposal).values():
        if ctx.past(proposal.history[0].date):
            yield proposal


@rule("rights.proposal-handled", "error", "§2.9", "坚持和完善学生代表大会提案制度……跟进同学提案及建议的办理",
      "提案有承办部门和规范流程",
      "每件提案的办理过程须符合固定流程：已提交 → 已立案或不予立案（须写明理由）→ 办理中 → 已答复 → 已办结；"
      "立案后须有承办部门（office）。",
      "提案从“已提交”直接跳到“已办结”。修改：补全办理过程的各步骤。")
def proposal_handled(ctx: Context) -> Iterator[Violation]:
    for proposal in _proposals(ctx):
        history = proposal.history
        if history[0].status != "submitted":
            yield ctx.violation(history[0], "办理过程的第一步必须是“已提交”", "在 history 开头加上 submitted 及日期", "status")
            continue
        bad = next((e for prev, e in zip(history, history[1:]) if e.status not in NEXT[prev.status]), None)
        if bad is not None:
            before = history[history.index(bad) - 1]
            yield ctx.violation(bad, f"办理过程不能从“{STATUS_NAMES[before.status]}”变为“{STATUS_NAMES[bad.status]}”",
                                "按 已提交 → 已立案/不予立案 → 办理中 → 已答复 → 已办结 补全步骤", "status")
            continue
        rejected = next((e for e in history if e.status == "not_accepted"), None)
        if rejected is not None and not (rejected.note or "").strip():
            yield ctx.violation(rejected, "不予立案没有写明理由", "在该步骤的 note 中写明理由", "status")
        if any(e.status != "submitted" and e.status != "not_accepted" for e in history) and not proposal.office:
            yield ctx.violation(proposal, "已立案的提案没有承办部门", "填写 office（承办部门）", "title")


@rule("rights.proposal-answered", "warning", "§2.9", "跟进同学提案及建议的办理，主动向同学反馈办理结果", "提案按期答复",
      f"提案立案后应在答复期限内答复（settings.response_days，默认自立案起 {models.Settings.fallback().response_days} 天）；"
      "逾期未答复的，网站公开标注“逾期”。",
      "立案 120 天仍未答复。修改：督促承办部门答复并记录 answered。")
def proposal_answered(ctx: Context) -> Iterator[Violation]:
    days = ctx.settings.response_days
    for proposal in _proposals(ctx):
        if deadlines.is_overdue(proposal, days, ctx.today):
            due = deadlines.due_date(proposal, days)
            assert due is not None  # overdue means accepted, so there is a due date
            yield ctx.violation(proposal, f"立案后 {(ctx.today - due).days + days} 天仍未答复，已超过 {days} 天期限（{due} 到期）",
                                "督促承办部门答复，并在 history 中记录 answered 与答复内容", "history")


@rule("rights.proposal-feedback", "error", "§2.9", "主动向同学反馈办理结果", "答复内容公开",
      "状态为已答复或已办结的提案，须记录答复正文、答复部门和日期，并向同学公开。",
      "提案已办结但 answers 为空。修改：补上答复的 text、office 和 date。")
def proposal_feedback(ctx: Context) -> Iterator[Violation]:
    for proposal in _proposals(ctx):
        if proposal.status in ("answered", "closed") and not any(
                a.text.strip() and a.office and a.date for a in proposal.answers):
            yield ctx.violation(proposal, f"提案状态为“{STATUS_NAMES[proposal.status]}”，但没有完整的答复（正文、部门、日期）",
                                "在 answers 中补上 text、office、date", "answers" if proposal.answers else "history")

"""Every plan rule: a copy of the sample with one thing broken reports exactly that rule, at that line.

Each case names the file to break, how, and the file and YAML path where the finding must
point. The unbroken sample (tests/test_sample.py) is the passing fixture for every rule; the
boundary cases below also assert the rule is absent just inside the limit.
"""

from __future__ import annotations

import ast
import copy
from datetime import timedelta
from pathlib import Path
from typing import Any, Callable

import pytest

from generator.records.loader import parse
from generator.rules import REGISTRY
from generator.rules.congress import one_month_before
from tests.conftest import TODAY, DataCopy

FED = "rosters/fed-2025-2026.yaml"
COLLEGE = "rosters/gongwei-2025-2026.yaml"
FED_CONGRESS = "congresses/fed-2025.yaml"
COLLEGE_CONGRESS = "congresses/gongwei-2025.yaml"


def line_of(sample: DataCopy, relative: str, path: tuple) -> int:
    return parse(sample.path(relative).read_text(encoding="utf-8")).locate(path)[0]


def findings(sample: DataCopy, rule: str):
    return [f for f in sample.check().active if f.rule == rule]


def other_errors(sample: DataCopy, rule: str):
    return sorted({f.rule for f in sample.check().errors if f.rule != rule})


def assert_breaks(sample: DataCopy, rule: str, target: str, path: tuple) -> None:
    found = findings(sample, rule)
    assert found, f"{rule} not reported"
    expected = (target, line_of(sample, target, path))
    assert expected in {(f.file.split("/data/", 1)[-1], f.line) for f in found}, [
        (f.file, f.line, f.message) for f in found]
    assert other_errors(sample, rule) == []
    assert all(REGISTRY[rule].clause in f.message for f in found)


# ------------------------------------------------------------------ mutation helpers

def setter(path: tuple, value: Any) -> Callable:
    def change(data):
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return change


def deleter(path: tuple) -> Callable:
    def change(data):
        node = data
        for step in path[:-1]:
            node = node[step]
        del node[path[-1]]
    return change


def first_person(sample: DataCopy, roster: str, degree: str = "undergraduate") -> tuple[str, tuple]:
    data = sample.read(roster)
    for d, department in enumerate(data["departments"]):
        for s, member in enumerate(department["staff"]):
            if sample.read(f"people/{member['person']}.yaml")["degree"] == degree:
                return member["person"], ("departments", d, "staff", s, "person")
    raise AssertionError("no such person")


def add_fed_staff(sample: DataCopy, count: int, expansion: bool = False) -> None:
    """Add ``count`` new, eligible, properly selected staff to the fed roster."""
    roster = sample.read(FED)
    template = roster["departments"][1]["staff"][0]
    person = sample.read(f"people/{template['person']}.yaml")
    for n in range(count):
        pid = f"extra-{n:02d}"
        sample.write(f"people/{pid}.yaml", {**person, "id": pid})
        roster["departments"][n % len(roster["departments"])]["staff"].append({**copy.deepcopy(template), "person": pid})
    if expansion:
        roster["expansion"] = {"reason": "分校区较多", "explanation": "浦东、黄浦两校区分别设立服务窗口"}
    sample.write(FED, roster)


def proposal_with_status(sample: DataCopy, status: str) -> str:
    for path in sorted(sample.root.glob("proposals/*.yaml")):
        data = sample.read(f"proposals/{path.name}")
        if data["history"][-1]["status"] == status:
            return f"proposals/{path.name}"
    raise AssertionError(status)


# ------------------------------------------------------------------ simple cases: (rule, file, change, target, path)

SIMPLE = [
    ("structure.no-president-titles", FED, setter(("presidium", 0, "title"), "副主席"), FED, ("presidium", 0, "title")),
    ("structure.exec-chair-each-semester", FED, lambda d: d["executive_chairs"].pop(), FED, ("executive_chairs",)),
    ("structure.exec-chair-from-presidium", FED,
     lambda d: d["executive_chairs"][0].update(person=d["departments"][0]["heads"][0]["person"]),
     FED, ("executive_chairs", 0, "person")),
    ("structure.exec-chair-rotates", FED,
     lambda d: d["executive_chairs"][1].update(person=d["executive_chairs"][0]["person"]),
     FED, ("executive_chairs", 1, "person")),
    ("structure.college-guided-by-fed", "organizations/gongwei.yaml", deleter(("guided_by",)),
     "organizations/gongwei.yaml", ("guided_by",)),
    ("size.fed-presidium-max", FED, lambda d: d["presidium"].append(dict(d["presidium"][0])), FED, ("presidium",)),
    ("size.fed-departments-max", FED,
     lambda d: d["departments"].append({**copy.deepcopy(d["departments"][1]), "id": "extra", "name": "额外部"}),
     FED, ("departments",)),
    ("size.fed-dept-heads", FED, lambda d: d["departments"][1]["heads"].pop(), FED, ("departments", 1, "heads")),
    ("size.fed-dept-staff-max", FED,
     lambda d: d["departments"][1]["staff"].extend([dict(d["departments"][1]["staff"][0])] * 4),
     FED, ("departments", 1, "staff")),
    ("size.college-total-range", COLLEGE, lambda d: [dep.update(staff=[]) for dep in d["departments"]],
     COLLEGE, ("id",)),
    ("size.college-presidium-max", COLLEGE, lambda d: d["presidium"].append(dict(d["presidium"][0])),
     COLLEGE, ("presidium",)),
    ("size.no-other-posts", FED, setter(("departments", 0, "staff", 0, "title"), "部长助理"),
     FED, ("departments", 0, "staff", 0, "title")),
    ("size.volunteers-project-bound", FED, deleter(("volunteers", 0, "end")), FED, ("volunteers", 0, "project")),
    ("selection.fed-presidium-source", FED_CONGRESS, deleter(("elections", 0, "candidates", 0, "source")),
     FED_CONGRESS, ("elections", 0, "candidates", 0, "person")),
    ("selection.fed-presidium-chain", FED_CONGRESS, lambda d: d["elections"][0]["candidates"][0]["selection"].pop(),
     FED_CONGRESS, ("elections", 0, "candidates", 0, "selection")),
    ("selection.fed-dept-chain", FED, setter(("departments", 0, "staff", 0, "selection"), []),
     FED, ("departments", 0, "staff", 0, "selection")),
    ("selection.college-chain", COLLEGE, lambda d: d["departments"][0]["staff"][0]["selection"].pop(),
     COLLEGE, ("departments", 0, "staff", 0, "selection")),
    ("selection.fed-from-colleges-share", FED,
     lambda d: [m.update(from_college_union=False) for m in d["presidium"] +
                [m for dep in d["departments"] for m in dep["heads"] + dep["staff"]]], FED, ("id",)),
    ("congress.delegate-coverage", COLLEGE_CONGRESS,
     lambda d: d.update(delegates=[x for x in d["delegates"] if x["grade"] != "D3"]), COLLEGE_CONGRESS, ("delegates",)),
    ("congress.delegate-procedure", COLLEGE_CONGRESS, deleter(("delegates", 0, "recommended_by")),
     COLLEGE_CONGRESS, ("delegates", 0, "person")),
    ("congress.work-report", COLLEGE_CONGRESS, deleter(("work_report",)), COLLEGE_CONGRESS, ("date",)),
    ("congress.results-announced", COLLEGE_CONGRESS, deleter(("results", "announced")), COLLEGE_CONGRESS, ("results",)),
    ("congress.results-filed", FED_CONGRESS, deleter(("results", "filed")), FED_CONGRESS, ("results",)),
    ("congress.college-approval", COLLEGE_CONGRESS, lambda d: d["approval"].update(date=d["date"]),
     COLLEGE_CONGRESS, ("approval", "date")),
    ("discipline.major-matter-reported", "matters/gongwei-2025-2026-matter.yaml",
     lambda d: d["reported"].update(date=d["date"] + timedelta(days=1)),
     "matters/gongwei-2025-2026-matter.yaml", ("reported", "to")),
    ("discipline.misconduct-handled", "misconduct/fed-2024-2025-case-1.yaml", deleter(("private", "reported_on")),
     "misconduct/fed-2024-2025-case-1.yaml", ("id",)),
    ("review.board-composition", "reviews/fed-2025-2026-1.yaml", lambda d: d.update(board=d["board"][:2] + d["board"][5:]),
     "reviews/fed-2025-2026-1.yaml", ("board",)),
    ("review.dimensions", "reviews/fed-2025-2026-1.yaml", deleter(("evaluations", 0, "scores", "纪律作风")),
     "reviews/fed-2025-2026-1.yaml", ("evaluations", 0, "scores")),
    ("review.college-student-led", "reviews/gongwei-2025-2026-1.yaml",
     lambda d: d.update(board=[m for m in d["board"] if m["role"] != "班级团支部代表"]),
     "reviews/gongwei-2025-2026-1.yaml", ("board",)),
    ("review.honors-merit-based", "honors/fed-2025-2026-1-honor.yaml", setter(("basis",), "post"),
     "honors/fed-2025-2026-1-honor.yaml", ("basis",)),
    ("rights.mechanism", COLLEGE, setter(("departments", 0, "function"), "综合"), COLLEGE, ("departments",)),
    ("rights.feedback-channels", "organizations/gongwei.yaml", lambda d: d["feedback_channels"].pop(),
     "organizations/gongwei.yaml", ("feedback_channels",)),
    ("guidance.fed-adviser", "organizations/fed.yaml", setter(("advisers", 1, "full_time"), False),
     "organizations/fed.yaml", ("advisers", 1, "full_time")),
    ("guidance.college-adviser", "organizations/gongwei.yaml", lambda d: d["advisers"].append(dict(d["advisers"][1])),
     "organizations/gongwei.yaml", ("advisers",)),
    ("guidance.publication-reviewed", "announcements/notice-2026-09-15.yaml", deleter(("review",)),
     "announcements/notice-2026-09-15.yaml", ("title",)),
]


@pytest.mark.parametrize("rule, relative, change, target, path", SIMPLE, ids=[c[0] for c in SIMPLE])
def test_breaking_one_thing_reports_exactly_that_rule(sample, rule, relative, change, target, path):
    assert not findings(sample, rule)
    sample.edit(relative, change)
    assert_breaks(sample, rule, target, path)


def test_every_rule_is_named_by_a_test_here_or_in_test_integrity():
    """A rule counts as tested when its ID is a string in one of these test modules: a case of
    SIMPLE or an argument of a test that breaks it. Adding a rule means adding such a test."""
    named = set()
    for module in ("test_rules.py", "test_integrity.py", "test_time.py"):
        tree = ast.parse((Path(__file__).parent / module).read_text(encoding="utf-8"))
        named |= {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert sorted(set(REGISTRY) - named) == []


# ------------------------------------------------------------------ cases that need more than one edit


def test_structure_model(sample):
    sample.edit("organizations/gongwei.yaml", setter(("rights_mechanism",), "权益事务由主席团直接受理"))
    sample.edit(COLLEGE, setter(("departments",), []))
    assert_breaks(sample, "structure.model", COLLEGE, ("departments",))


@pytest.mark.parametrize("extra, expansion, typical, maximum", [
    (2, False, False, False),   # 40
    (3, False, True, False),    # 41
    (3, True, False, False),    # 41 with an expansion reason
    (22, True, False, False),   # 60
    (23, True, False, True),    # 61
])
def test_fed_total_boundaries(sample, extra, expansion, typical, maximum):
    add_fed_staff(sample, extra, expansion)
    ids = {f.rule for f in sample.check().active}
    assert ("size.fed-total-typical" in ids) is typical
    assert ("size.fed-total-max" in ids) is maximum
    assert sample.check().errors == []


def test_fed_presidium_five_passes_and_dept_heads_three_pass_four_fail(sample):
    assert len(sample.read(FED)["presidium"]) == 5 and not findings(sample, "size.fed-presidium-max")
    sample.edit(FED, lambda d: d["departments"][1]["heads"].append(d["departments"][1]["staff"].pop()))
    assert not findings(sample, "size.fed-dept-heads")  # 3 heads
    sample.edit(FED, lambda d: d["departments"][1]["heads"].append(d["departments"][1]["staff"].pop()))
    found = findings(sample, "size.fed-dept-heads")  # 4 heads
    assert [(f.line, "4" in f.message) for f in found] == [(line_of(sample, FED, ("departments", 1, "heads")), True)]
    # The promoted staff have no review as heads yet: that, and nothing else, is also reported.
    assert other_errors(sample, "size.fed-dept-heads") == ["review.every-semester"]


@pytest.mark.parametrize("rule, change", [
    ("eligibility.evidence", setter(("private", "academic"), [])),
    ("eligibility.political-status", lambda d: d["private"].update(
        political_status=[{"status": "群众", "since": d["private"]["political_status"][0]["since"]}])),
    ("eligibility.no-failed-courses", lambda d: d["private"]["academic"][0].update(failed_courses=1)),
])
def test_eligibility(sample, rule, change):
    person, path = first_person(sample, FED)
    sample.edit(f"people/{person}.yaml", change)
    assert_breaks(sample, rule, FED, path)


@pytest.mark.parametrize("rank, broken", [(60, False), (61, True)])
def test_undergrad_rank_thirty_percent_exactly_passes(sample, rank, broken):
    person, path = first_person(sample, FED)
    sample.edit(f"people/{person}.yaml", lambda d: d["private"]["academic"][0].update(rank=rank, cohort_size=200))
    if broken:
        assert_breaks(sample, "eligibility.undergrad-rank", FED, path)
    else:
        assert not findings(sample, "eligibility.undergrad-rank")


def test_private_values_never_appear_in_eligibility_messages(sample):
    person, _ = first_person(sample, FED)
    sample.edit(f"people/{person}.yaml", lambda d: d["private"]["academic"][0].update(rank=187, cohort_size=199))
    found = findings(sample, "eligibility.undergrad-rank")
    assert found and not any("187" in f.message or "199" in f.message for f in found)


@pytest.mark.parametrize("rule, congress, roster", [
    ("selection.fed-presidium-elected", FED_CONGRESS, FED),
    ("selection.college-presidium-elected", COLLEGE_CONGRESS, COLLEGE),
])
def test_presidium_member_not_elected(sample, rule, congress, roster):
    person = sample.read(roster)["presidium"][0]["person"]
    sample.edit(congress, lambda d: [c.update(elected=False) for c in d["elections"][0]["candidates"]
                                     if c["person"] == person])
    assert_breaks(sample, rule, roster, ("presidium", 0, "person"))


@pytest.mark.parametrize("mutate, message", [
    (lambda steps: steps.__setitem__(slice(None), [dict(s, date=d) for s, d in
                                                   zip(steps, reversed([s["date"] for s in steps]))]), "顺序"),
    (lambda steps: steps[-1].update(date=steps[-1]["date"] + timedelta(days=30)), "晚于"),
])
def test_chain_order_and_deadline(sample, mutate, message):
    sample.edit(FED_CONGRESS, lambda d: mutate(d["elections"][0]["candidates"][0]["selection"]))
    found = findings(sample, "selection.fed-presidium-chain")
    assert found and message in found[0].message


def test_fed_from_colleges_share_half_passes(sample):
    """Judged on every day: the departments start on their own (17 of 33 from colleges), the presidium
    joins later (2 of 5): half on both days passes; one fewer in the departments fails."""
    roster = sample.read(FED)
    staff = [m for d in roster["departments"] for m in d["heads"] + d["staff"]]
    for index, member in enumerate(staff):
        member["from_college_union"] = index % 2 == 0
    for index, member in enumerate(roster["presidium"]):
        member["from_college_union"] = index < 2
    sample.write(FED, roster)
    assert (len(staff), len(roster["presidium"])) == (33, 5)
    assert not findings(sample, "selection.fed-from-colleges-share")
    staff[0]["from_college_union"] = False
    sample.write(FED, roster)
    assert findings(sample, "selection.fed-from-colleges-share")


@pytest.mark.parametrize("congress, org, rule", [
    ("congresses/fed-2024.yaml", "organizations/fed.yaml", "congress.fed-annual"),
    ("congresses/gongwei-2024.yaml", "organizations/gongwei.yaml", "congress.college-annual"),
])
def test_annual_congress(sample, congress, org, rule):
    def before_term(d):
        d["date"] = d["date"].replace(year=2024, month=8, day=20)
        if "request" in d:
            d["request"]["submitted"] = d["date"] - timedelta(days=60)
            d["approval"]["date"] = d["date"] - timedelta(days=30)
    sample.edit(congress, before_term)
    assert_breaks(sample, rule, org, ("id",))


@pytest.mark.parametrize("surplus, warned", [(0, False), (1, True)])
def test_delegate_quota_at_one_percent(sample, surplus, warned):
    delegates = len(sample.read(COLLEGE_CONGRESS)["delegates"])

    def students(d):
        table = d["students"]["2025-2026"]
        table["U1"] += 100 * delegates + surplus - sum(table.values())
    sample.edit("organizations/gongwei.yaml", students)
    if warned:
        assert_breaks(sample, "congress.delegate-quota", COLLEGE_CONGRESS, ("delegates",))
    else:
        assert not findings(sample, "congress.delegate-quota")


@pytest.mark.parametrize("days_late, broken", [(0, False), (1, True)])
def test_college_request_exactly_one_month_before(sample, days_late, broken):
    sample.edit(COLLEGE_CONGRESS, lambda d: d["request"].update(
        submitted=one_month_before(d["date"]) + timedelta(days=days_late)))
    if broken:
        assert_breaks(sample, "congress.college-request-lead", COLLEGE_CONGRESS, ("request", "submitted"))
    else:
        assert not findings(sample, "congress.college-request-lead")


@pytest.mark.parametrize("day, expected", [
    ("2025-03-31", "2025-02-28"), ("2024-03-31", "2024-02-29"), ("2025-01-15", "2024-12-15"), ("2025-04-20", "2025-03-20"),
])
def test_one_month_before_clamps_to_month_end(day, expected):
    from datetime import date
    assert one_month_before(date.fromisoformat(day)) == date.fromisoformat(expected)


def test_results_not_approved_after_thirty_days(sample):
    sample.edit(FED_CONGRESS, lambda d: d["results"].pop("approved") and d["results"].pop("filed"))
    assert_breaks(sample, "congress.results-approved", FED_CONGRESS, ("results",))


def test_pending_results_within_thirty_days_pass_and_appointing_early_fails(sample):
    pending = "congresses/renji-2026.yaml"
    assert "approved" not in sample.read(pending)["results"]
    assert not findings(sample, "congress.results-approved")
    sample.edit("rosters/renji-2026-2027.yaml", lambda d: d["presidium"][0].update(appointed=TODAY))
    assert_breaks(sample, "congress.results-approved", "rosters/renji-2026-2027.yaml", ("presidium", 0, "appointed"))


def test_induction_and_duty_training(sample):
    sample.edit("trainings/gongwei-2025-2026-induction.yaml", setter(("attendees",), []))
    (sample.root / "trainings/gongwei-2024-2025-duty.yaml").unlink()
    assert_breaks(sample, "discipline.induction-training", COLLEGE, ("departments", 0, "heads", 0, "person"))
    assert_breaks(sample, "discipline.duty-training", "rosters/gongwei-2024-2025.yaml", ("term",))


def test_misconduct_message_never_quotes_the_case(sample):
    case = sample.read("misconduct/fed-2024-2025-case-1.yaml")["private"]
    sample.edit("misconduct/fed-2024-2025-case-1.yaml", deleter(("private", "reported_on")))
    for f in findings(sample, "discipline.misconduct-handled"):
        assert case["case"] not in f.message and case["person"] not in f.message


def test_review_missing_for_one_semester_only(sample):
    (sample.root / "reviews/fed-2025-2026-2.yaml").unlink()
    (sample.root / "honors/fed-2025-2026-2-honor.yaml").unlink()
    found = findings(sample, "review.every-semester")
    assert {f.message.split("（")[0] for f in found} == {"学期 2025-2026-2 没有学联述职评议记录"}
    assert_breaks(sample, "review.every-semester", FED, ("term",))


def test_review_missing_for_one_officer(sample):
    review = sample.read("reviews/fed-2025-2026-1.yaml")
    person = review["evaluations"][-1]["person"]
    sample.edit("reviews/fed-2025-2026-1.yaml", lambda d: d["evaluations"].pop())
    roster = sample.read(FED)
    path = next(("presidium", i, "person") for i, m in enumerate(roster["presidium"]) if m["person"] == person) \
        if any(m["person"] == person for m in roster["presidium"]) else next(
        ("departments", d, "heads", h, "person") for d, dep in enumerate(roster["departments"])
        for h, m in enumerate(dep["heads"]) if m["person"] == person)
    assert_breaks(sample, "review.every-semester", FED, path)


def test_current_semester_review_is_not_yet_required(sample):
    assert not any(sample.path("reviews").glob("fed-2026-2027-1.yaml"))
    assert not findings(sample, "review.every-semester")


@pytest.mark.parametrize("students, others, broken", [(3, 2, False), (2, 2, True)])
def test_board_half_students_fails(sample, students, others, broken):
    def board(d):
        rest = [m for m in d["board"] if m["role"] != "学生代表"][:others]
        d["board"] = [m for m in d["board"] if m["role"] == "学生代表"][:students] + rest
    sample.edit("reviews/fed-2025-2026-1.yaml", board)
    assert bool(findings(sample, "review.board-composition")) is broken


def test_party_reporting(sample):
    (sample.root / "party-reports/gongwei-2025-2026-1-report.yaml").unlink()
    assert_breaks(sample, "rights.party-reporting", COLLEGE, ("term",))


def test_proposal_lifecycle_skip_and_missing_reason(sample):
    closed = proposal_with_status(sample, "closed")
    sample.edit(closed, lambda d: d.update(history=[e for e in d["history"] if e["status"] != "accepted"]))
    assert_breaks(sample, "rights.proposal-handled", closed, ("history", 1, "status"))


def test_not_accepted_needs_a_reason(sample):
    rejected = proposal_with_status(sample, "not_accepted")
    sample.edit(rejected, deleter(("history", 1, "note")))
    assert_breaks(sample, "rights.proposal-handled", rejected, ("history", 1, "status"))


def test_answered_proposal_needs_the_answer(sample):
    answered = proposal_with_status(sample, "closed")
    sample.edit(answered, deleter(("answers",)))
    assert_breaks(sample, "rights.proposal-feedback", answered, ("history",))


@pytest.mark.parametrize("days, overdue", [(90, False), (91, True)])
def test_proposal_due_on_day_ninety(sample, days, overdue):
    target = "proposals/fed-2025-001.yaml"

    def accepted(d):
        d["history"] = [{**d["history"][0], "date": TODAY - timedelta(days=days + 7)},
                        {"status": "accepted", "date": TODAY - timedelta(days=days)}]
    sample.edit(target, accepted)
    found = [f for f in findings(sample, "rights.proposal-answered") if f.file.endswith(target)]
    assert bool(found) is overdue
    if overdue:
        assert_breaks(sample, "rights.proposal-answered", target, ("history",))


def test_response_days_setting_is_honoured(sample):
    assert findings(sample, "rights.proposal-answered")
    sample.edit("settings.yaml", setter(("response_days",), 3000))
    assert not findings(sample, "rights.proposal-answered")

"""Records through time (issue 13): no future facts, membership by date, who approves and in what order.

Same style as tests/test_rules.py: a copy of the sample with one thing broken reports exactly that
rule at that line (the failing fixture); the twin next to it is the same situation done right.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from generator.rules import REGISTRY
from generator.rules.timeline import likely_typo
from tests.conftest import TODAY, DataCopy
from tests.test_rules import COLLEGE_CONGRESS, FED, assert_breaks, findings, line_of, setter

ANSWERED = "proposals/fed-2024-001.yaml"
REPORT = "party-reports/fed-2025-2026-1-report.yaml"
NOTICE = "announcements/notice-2026-10-26.yaml"
MATTER = "matters/gongwei-2026-2027-matter.yaml"


# ------------------------------------------------------------------ data.future-date

@pytest.mark.parametrize("typed, today, meant", [
    (date(2052, 11, 18), TODAY, date(2025, 11, 18)),   # transposed year digits
    (date(2036, 3, 1), TODAY, date(2026, 3, 1)),       # one year digit off
    (date(2026, 12, 11), date(2026, 11, 24), date(2026, 11, 12)),  # month and day swapped
    (date(2027, 1, 5), date(2027, 1, 2), date(2026, 1, 5)),  # last year's number after New Year
])
def test_likely_typo(typed, today, meant):
    assert likely_typo(typed, today) == meant


def test_answer_dated_2052_is_a_future_fact_naming_the_typo(sample: DataCopy):
    sample.edit(ANSWERED, lambda d: d["answers"][0].update(date=date(2052, 11, 18)))
    assert_breaks(sample, "data.future-date", ANSWERED, ("answers", 0, "date"))
    message = findings(sample, "data.future-date")[0].message
    assert "2052-11-18" in message and "晚于今天（2026-11-24）" in message and "2025-11-18 的笔误" in message


@pytest.mark.parametrize("relative, change, path", [
    (REPORT, setter(("date",), TODAY + timedelta(days=1)), ("date",)),
    (NOTICE, lambda d: d["review"].update(date=TODAY + timedelta(days=2)), ("review", "date")),
    ("reviews/fed-2025-2026-1.yaml", setter(("date",), date(2062, 1, 10)), ("date",)),
    (MATTER, lambda d: (d.update(date=TODAY + timedelta(days=9)), d["reported"].update(date=TODAY + timedelta(days=1))),
     ("reported", "date")),
    ("congresses/fed-2025.yaml", lambda d: d["results"]["filed"].update(date=TODAY + timedelta(days=1)),
     ("results", "filed", "date")),
    ("waivers/jichu-2026-2027-size.yaml", setter(("approved_on",), TODAY + timedelta(days=1)), ("approved_on",)),
])
def test_reported_facts_after_today_are_errors(sample: DataCopy, relative, change, path):
    assert not findings(sample, "data.future-date")
    sample.edit(relative, change)
    assert_breaks(sample, "data.future-date", relative, path)


def test_appointment_after_today_is_an_error_but_a_planned_leaving_day_is_not(sample: DataCopy):
    sample.edit(FED, lambda d: d["departments"][0]["staff"][0].update(left=TODAY + timedelta(days=30),
                                                                         left_reason="毕业"))
    assert not findings(sample, "data.future-date") and sample.check().errors == []
    sample.edit(FED, lambda d: (d["departments"][0]["staff"][0].update(appointed=TODAY + timedelta(days=3)),
                                d["departments"][0]["staff"][0].pop("left"),
                                d["departments"][0]["staff"][0].pop("left_reason")))
    assert_breaks(sample, "data.future-date", FED, ("departments", 0, "staff", 0, "appointed"))


def test_planned_congress_and_matter_are_allowed(sample: DataCopy):
    """Twin: a scheduled congress (request and approval already made) and a 重大活动 reported beforehand."""
    congress = sample.read(COLLEGE_CONGRESS)
    congress.update(id="gongwei-2027", date=date(2027, 3, 20), elections=[], results={},
                    request={"submitted": date(2026, 11, 2), "to": "fed"},
                    approval={"by": "fed", "date": date(2026, 11, 20)})
    congress["work_report"]["date"] = date(2027, 3, 20)
    sample.write("congresses/gongwei-2027.yaml", congress)
    sample.edit(MATTER, lambda d: d.update(date=TODAY + timedelta(days=20)))
    assert sample.check().errors == []


def test_a_planned_congress_cannot_report_results(sample: DataCopy):
    congress = sample.read(COLLEGE_CONGRESS)
    congress.update(id="gongwei-2027", date=date(2027, 3, 20),
                    request={"submitted": date(2026, 11, 2), "to": "fed"},
                    approval={"by": "fed", "date": date(2026, 11, 20)})
    for election in congress["elections"]:
        election["date"] = date(2027, 3, 20)
    congress["results"]["announced"] = date(2027, 3, 20)
    congress["results"]["approved"]["date"] = date(2027, 3, 27)
    sample.write("congresses/gongwei-2027.yaml", congress)
    found = findings(sample, "data.future-date")
    assert {f.message.split("日期")[0] for f in found} >= {"选举（已记录得票或当选）", "选举结果公告", "党组织批准"}


# ------------------------------------------------------------------ membership by date

JICHU = "rosters/jichu-2025-2026.yaml"


def test_sample_records_a_resignation_a_replacement_and_a_by_election(sample: DataCopy):
    roster = sample.read(JICHU)
    assert len(roster["presidium"]) == 4  # four listed, never more than three at once
    assert any(m.get("replaces") for m in roster["presidium"])
    assert sample.read("congresses/jichu-2025-2.yaml")["elections"][0]["name"] == "主席团成员补选"
    assert not findings(sample, "size.college-presidium-max")


def test_presidium_counted_on_the_same_day(sample: DataCopy):
    """size.college-presidium-max: the replacement overlapping the member who left is four at once."""
    sample.edit(JICHU, lambda d: (d["presidium"][2].update(left=date(2026, 4, 25)), d["presidium"][3].pop("replaces")))
    assert_breaks(sample, "size.college-presidium-max", JICHU, ("presidium",))
    assert "2026-04-24 当天同时在任" in findings(sample, "size.college-presidium-max")[0].message


def test_fed_presidium_replacement_is_not_counted_twice(sample: DataCopy):
    """size.fed-presidium-max: six listed, five at once (failing twin: the leaver never leaves)."""
    def replace(d, left):
        d["presidium"][4].update(left=left, left_reason="调整")
        d["presidium"].append({**copy.deepcopy(d["presidium"][4]), "appointed": left,
                               "replaces": d["presidium"][4]["person"]})
        for key in ("left", "left_reason"):
            d["presidium"][-1].pop(key)
    sample.edit(FED, lambda d: replace(d, date(2026, 3, 10)))
    assert not findings(sample, "size.fed-presidium-max") and sample.check().errors == []
    sample.edit(FED, lambda d: (d["presidium"][4].update(left=date(2026, 3, 11)), d["presidium"][5].pop("replaces")))
    assert_breaks(sample, "size.fed-presidium-max", FED, ("presidium",))


def test_exec_chair_rotation_counts_only_serving_members(sample: DataCopy):
    """structure.exec-chair-rotates: with every other member gone, the one left may chair again."""
    def alone(d):
        d["executive_chairs"][1]["person"] = d["executive_chairs"][0]["person"]
        for m in d["presidium"]:
            if m["person"] != d["executive_chairs"][0]["person"]:
                m.update(left=date(2026, 1, 10), left_reason="毕业")
    sample.edit("rosters/fed-2025-2026.yaml", alone)
    assert not findings(sample, "structure.exec-chair-rotates")
    sample.edit("rosters/fed-2025-2026.yaml", lambda d: [m.update(left=date(2026, 3, 1)) for m in d["presidium"]
                                                          if m.get("left")])
    assert_breaks(sample, "structure.exec-chair-rotates", "rosters/fed-2025-2026.yaml", ("executive_chairs", 1, "person"))


def test_exec_chair_must_be_serving_that_semester(sample: DataCopy):
    """structure.exec-chair-from-presidium: a member who left before the semester cannot chair it."""
    sample.edit(JICHU, lambda d: d["presidium"][1].update(left=date(2026, 2, 17), left_reason="调整"))
    assert_breaks(sample, "structure.exec-chair-from-presidium", JICHU, ("executive_chairs", 1, "person"))


def test_volunteer_judged_by_overlap_with_staff_service(sample: DataCopy):
    """size.volunteers-project-bound: volunteered in August, joined the staff in October: no conflict."""
    roster = sample.read(FED)
    staff = roster["departments"][0]["staff"][0]
    project = {"project": "迎新志愿服务", "start": date(2025, 8, 20), "end": date(2025, 9, 5),
               "volunteers": [{"person": staff["person"]}]}
    sample.edit(FED, lambda d: d["volunteers"].append(project))
    assert not findings(sample, "size.volunteers-project-bound")
    sample.edit(FED, lambda d: d["volunteers"][-1].update(end=date(2025, 10, 5)))
    assert_breaks(sample, "size.volunteers-project-bound", FED, ("volunteers", len(roster["volunteers"]), "volunteers", 0,
                                                                "person"))


def test_leaving_needs_a_reason(sample: DataCopy):
    sample.edit(JICHU, lambda d: d["presidium"][2].pop("left_reason"))
    found = [f for f in sample.check().errors if f.rule == "data.schema"]
    assert found and "left_reason" in found[0].message


def test_replacement_after_the_leaver_left(sample: DataCopy):
    """data.date-order: an 增补 member takes office on or after the day the replaced member left."""
    sample.edit(JICHU, lambda d: d["presidium"][3].update(appointed=date(2026, 3, 1)))
    assert "data.date-order" in {f.rule for f in sample.check().errors}
    assert any("早于被接替者离任日期" in f.message for f in findings(sample, "data.date-order"))


def test_roster_page_shows_who_left_when_and_why(sample_site):
    import re
    text = lambda path: re.sub(r"<[^>]+>", "", (sample_site / path).read_text(encoding="utf-8"))
    page = text("organizations/jichu/2025-2026/index.html")
    assert "2026年3月6日离任（辞职）" in page and "增补，接替" in page and "任期已满" in page
    fed = text("organizations/fed/index.html")
    assert "2026年11月6日离任（辞职）" in fed and "在任；增补，接替" in fed


def test_private_leaving_reason_stays_off_the_view(sample: DataCopy):
    from generator.rules.check import check
    from generator.site.public import build_view
    sample.edit(JICHU, lambda d: d["presidium"][2].update(left_reason="罢免", reason_public=False))
    data, outcome = check(sample.root, TODAY)
    view = build_view(data, outcome, TODAY)
    roster = next(r for r in view.rosters["jichu"] if r.term == "2025-2026")
    assert roster.presidium[2].reason == "" and roster.presidium[2].state == "left"
    assert "罢免" not in repr(view.rosters)


# ------------------------------------------------------------------ who approves, and in what order

@pytest.mark.parametrize("rule, relative, change, path", [
    ("congress.results-approved", COLLEGE_CONGRESS, lambda d: d["results"]["approved"].update(by="公共卫生学院团委"),
     ("results", "approved", "by")),
    ("congress.college-request-lead", COLLEGE_CONGRESS, lambda d: d["request"].update(to="gongwei"), ("request", "to")),
    ("rights.party-reporting", REPORT, setter(("to",), "医学院团委"), ("to",)),
    ("congress.results-filed", COLLEGE_CONGRESS, lambda d: d["results"]["filed"].update(to="上海市学生联合会"),
     ("results", "filed", "to")),
    ("data.date-order", COLLEGE_CONGRESS, lambda d: d["results"]["approved"].update(date=d["date"] - timedelta(days=1)),
     ("results", "approved", "date")),
    ("data.date-order", COLLEGE_CONGRESS, lambda d: d["results"].update(announced=d["date"] - timedelta(days=2)),
     ("results", "announced")),
    ("data.date-order", COLLEGE_CONGRESS, lambda d: d["approval"].update(date=d["request"]["submitted"] - timedelta(days=1)),
     ("approval", "date")),
    ("data.date-order", COLLEGE_CONGRESS, lambda d: d["results"]["filed"].update(date=d["results"]["approved"]["date"]
                                                                              - timedelta(days=1)),
     ("results", "filed", "date")),
])
def test_the_body_the_plan_names_and_the_order_it_runs(sample: DataCopy, rule, relative, change, path):
    assert not findings(sample, rule)
    sample.edit(relative, change)
    found = findings(sample, rule)
    assert line_of(sample, relative, path) in {f.line for f in found if f.file.endswith(relative)}, [
        (f.line, f.message) for f in found]
    if rule == "data.date-order":
        assert any("§2.6" in f.message for f in found)
    assert all(REGISTRY[rule].clause in f.message for f in found)


def test_a_presidium_replacement_must_be_elected(sample: DataCopy):
    """selection.college-presidium-elected: 增补 to the presidium only through a congress election (§2.5)."""
    sample.edit("congresses/jichu-2025-2.yaml", lambda d: d["elections"][0]["candidates"][0].update(elected=False))
    sample.edit("congresses/jichu-2025-2.yaml", lambda d: d["elections"][0]["candidates"][0].pop("votes"))
    assert_breaks(sample, "selection.college-presidium-elected", JICHU, ("presidium", 3, "person"))


def test_share_is_judged_on_every_day(sample: DataCopy):
    """selection.fed-from-colleges-share: a replacement from outside the colleges can tip one day below half."""
    roster = sample.read(FED)
    staff = [m for d in roster["departments"] for m in d["heads"] + d["staff"]]
    assert not findings(sample, "selection.fed-from-colleges-share")
    # everyone appointed on 2025-10-01 from a college union except enough to sit exactly at half
    for index, member in enumerate(staff):
        member["from_college_union"] = index % 2 == 0
    for index, member in enumerate(roster["presidium"]):
        member["from_college_union"] = index < 2
    leaver = next(m for m in staff if m["from_college_union"])
    leaver.update(left=date(2026, 3, 2), left_reason="毕业")
    sample.write(FED, roster)
    found = findings(sample, "selection.fed-from-colleges-share")
    assert found and found[0].message.startswith("2026-03-02 在任的学联工作人员 37 人中来自院系学生会的 18 人")

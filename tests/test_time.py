"""Records through time (issue 13): no future facts, membership by date, who approves and in what order.

Same style as tests/test_rules.py: a copy of the sample with one thing broken reports exactly that
rule at that line (the failing fixture); the twin next to it is the same situation done right.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from generator.rules.timeline import likely_typo
from tests.conftest import TODAY, DataCopy
from tests.test_rules import COLLEGE_CONGRESS, FED, assert_breaks, findings, other_errors, setter

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
    sample.edit(FED, lambda d: d["departments"][0]["staff"][0].update(left=TODAY + timedelta(days=30)))
    assert not findings(sample, "data.future-date") and sample.check().errors == []
    sample.edit(FED, lambda d: d["departments"][0]["staff"][0].update(appointed=TODAY + timedelta(days=3),
                                                                         left=None))
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

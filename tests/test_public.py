"""The public view as of "today": nothing is shown ahead of its record, private findings stay counts."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from generator.rules import REGISTRY
from generator.rules.check import check
from generator.site.public import build_view
from generator.site.view import fields_of
from generator.site.render.downloads import FIELDS, rows, to_csv
from tests.conftest import TODAY


def view_of(sample):
    data, outcome = check(sample.root, TODAY)
    return build_view(data, outcome, TODAY), outcome


def congress(view, congress_id):
    return next(c for c in view.congresses if c.id == congress_id)


def test_a_result_approved_or_filed_after_today_is_still_pending(sample):
    sample.edit("congresses/fed-2026.yaml", lambda d: d["results"]["approved"].update(date=TODAY + timedelta(days=5)))
    sample.edit("congresses/renji-2026.yaml", lambda d: d["results"].update(filed={"to": "医学院学联", "date": TODAY}))
    view, _ = view_of(sample)
    assert congress(view, "fed-2026").results.badge == "待批准"
    assert congress(view, "renji-2026").results.badge == "待批准"  # filed, but never approved


def test_candidates_are_not_shown_elected_before_the_announcement(sample):
    sample.edit("congresses/renji-2026.yaml", lambda d: d["results"].update(announced=TODAY + timedelta(days=3)))
    view, _ = view_of(sample)
    candidates = [c for e in congress(view, "renji-2026").elections for c in e.candidates]
    assert candidates and not any(c.elected or c.votes is not None for c in candidates)
    assert "results-renji-2026" not in {a.id for a in view.announcements}


def test_future_proposals_and_events_are_not_published_yet(sample):
    sample.edit("proposals/fed-2025-001.yaml", lambda d: (
        d["history"].append({"status": "answered", "date": TODAY + timedelta(days=10)}),
        d.setdefault("answers", []).append({"office": "后勤保障处", "date": TODAY + timedelta(days=10), "text": "将来"})))
    sample.edit("proposals/fed-2024-002.yaml", lambda d: [e.update(date=e["date"] + timedelta(days=1000))
                                                         for e in d["history"]])
    view, _ = view_of(sample)
    proposal = next(p for p in view.proposals if p.id == "fed-2025-001")
    assert proposal.status == "in_progress" and proposal.overdue and proposal.answers == []
    assert proposal.days is None and proposal.answered is None
    assert "fed-2024-002" not in {p.id for p in view.proposals}


def test_findings_of_rules_over_private_data_are_published_as_counts(sample):
    sample.edit("misconduct/fed-2024-2025-case-1.yaml", lambda d: d["private"].pop("reported_on"))
    view, outcome = view_of(sample)
    assert any(f.rule == "discipline.misconduct-handled" for f in outcome.warnings)
    row = next(r for r in view.compliance if r.id == "discipline.misconduct-handled")
    assert row.status == "warning" and row.findings == [] and row.hidden == 1
    # exactly the rules declared private=True publish counts; the others publish their messages
    for row in view.compliance:
        active = [f for f in outcome.active if f.rule == row.id]
        if REGISTRY[row.id].private:
            assert row.findings == [] and row.hidden == len(active)
        else:
            assert len(row.findings) == len(active) and row.hidden == 0
    assert any(row.findings for row in view.compliance)  # the sample's overdue proposal is named


def test_csv_cells_never_start_a_formula(sample):
    sample.edit("proposals/fed-2025-001.yaml", lambda d: d.update(title='=HYPERLINK("http://x","点我")'))
    view, _ = view_of(sample)
    text = to_csv(rows(view, "proposals"), list(FIELDS["proposals"]))
    assert "'=HYPERLINK" in text and ',=HYPERLINK' not in text


def test_ids_that_site_pages_use_are_refused(sample):
    source = sample.path("announcements/notice-2026-10-26.yaml")
    target = sample.path("announcements/2026.yaml")
    target.write_text(source.read_text(encoding="utf-8").replace("id: notice-2026-10-26", "id: '2026'"),
                      encoding="utf-8")
    source.unlink()
    found = [f for f in sample.check().errors if f.file.endswith("2026.yaml")]
    assert [f.rule for f in found] == ["data.schema"] and "保留给网站页面的 ID" in found[0].message


def test_the_view_holds_only_frozen_view_types_and_plain_values(sample):
    """Templates, feeds and downloads read attributes of declared types: no record model, no loose dict."""
    view, _ = view_of(sample)
    seen = set()

    def walk(value, where):
        if dataclasses.is_dataclass(value):
            assert type(value).__module__.startswith("generator.site.view."), where
            assert type(value).__dataclass_params__.frozen, where
            if id(value) in seen:
                return
            seen.add(id(value))
            for name, item in fields_of(value).items():
                walk(item, f"{where}.{name}")
        elif isinstance(value, (list, tuple)):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str), where
                walk(item, f"{where}[{key!r}]")
        else:
            assert value is None or isinstance(value, (str, int, float, date)), (where, type(value))

    walk(view, "view")
    assert len(seen) > 1000

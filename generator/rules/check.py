"""Load, run every rule, apply waivers: the gate that CI and the site build share."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..records import models
from ..records.cache import for_data
from ..records.dataset import Dataset, load
from .findings import Finding, Outcome, Severity
from . import run


def apply_waivers(data: Dataset, findings: list[tuple[Finding, str]], today: date) -> list[Finding]:
    """Mark warnings covered by a current waiver; an expired waiver says so and stops passing."""
    out = []
    for finding, record_id in findings:
        if finding.severity == Severity.warning and record_id:
            for waiver in data.of(models.Waiver).values():
                if waiver.rule != finding.rule or waiver.record != record_id:
                    continue
                if waiver.approved_on <= today <= waiver.expires:
                    finding = replace(finding, waived_by=waiver.id)
                    break
                if waiver.expires < today:
                    finding = replace(finding, message=f"{finding.message}；豁免 {waiver.id} 已于 {waiver.expires} 到期")
        out.append(finding)
    return sorted(set(out))


def check_dataset(data: Dataset, today: date) -> Outcome:
    return Outcome(apply_waivers(data, run(data, today), today))


def check(data_dir: Path | str, today: date, cached: bool = False) -> tuple[Dataset, Outcome]:
    """Load and check ``data_dir``; ``cached`` reuses parsed files from ``generator.cache``.

    Pure: the commands that call it decide the process's garbage-collector settings
    (``generator.records.collector.paused`` around it halves its time at scale)."""
    data = load(data_dir, for_data(Path(data_dir)) if cached else None)
    return data, check_dataset(data, today)

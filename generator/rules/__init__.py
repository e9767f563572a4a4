"""Every rule of the plan as a check, grouped in modules by plan section.

Importing this package registers all rules; ``run`` applies them to a dataset.
"""

from __future__ import annotations

from datetime import date

from ..records.dataset import Dataset
from .findings import Finding
from . import (  # noqa: F401  (importing registers the rules)
    congress, discipline, eligibility, guidance, integrity, review, rights, selection, size, structure,
    timeline,
)
from .context import Context
from .registry import REGISTRY, Rule

__all__ = ["REGISTRY", "Rule", "run", "finding_for"]


def finding_for(rule: Rule, file: str, line: int, column: int, message: str, fix: str) -> Finding:
    return Finding(file=file, line=line, column=column, rule=rule.id, severity=rule.severity.value,
                   message=f"{message}（{rule.cited}）", clause=rule.cited, fix=fix)


def run(data: Dataset, today: date) -> list[tuple[Finding, str]]:
    """All findings of all rules, each with the ID of the record it is about."""
    ctx = Context(data, today)
    out: list[tuple[Finding, str]] = []
    for problem in data.problems:
        rule = REGISTRY[problem.rule]
        out.append((finding_for(rule, problem.file, problem.line, problem.column, problem.message, problem.fix), ""))
    for rule in REGISTRY.values():
        if rule.check is None:
            continue
        for violation in rule.check(ctx):
            file, line, column, record_id = data.where(violation.node, *violation.fields)
            out.append((finding_for(rule, file, line, column, violation.message, violation.fix), record_id))
    return out

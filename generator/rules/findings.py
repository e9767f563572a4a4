"""What a check reports: one finding per broken rule per place."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    clause: str
    fix: str = ""
    waived_by: str = ""  # waiver ID when a warning is waived

    def as_json(self) -> dict:
        data = asdict(self)
        return {key: data[key] for key in ("rule", "severity", "file", "line", "column", "message", "clause")}


@dataclass
class Outcome:
    """Findings of one check run, split the way the gate needs them."""

    findings: list[Finding]

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.waived_by]

    @property
    def waived(self) -> list[Finding]:
        return [f for f in self.findings if f.waived_by]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.active if f.severity == Severity.error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.active if f.severity == Severity.warning]

    def blocks(self, strict: bool = False) -> bool:
        return bool(self.errors or (strict and self.warnings))

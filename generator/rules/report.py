"""Findings as people (text), programs (json) and GitHub Actions (workflow commands) read them."""

from __future__ import annotations

import hashlib
import json
import re
from itertools import groupby

from .findings import Outcome

LABEL = {"error": "错误", "warning": "提示"}

# Anything a terminal or a log viewer would act on rather than show: line breaks, escapes
# (ESC starts colour and cursor codes), C1 controls, line separators, bidirectional overrides.
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` on one line with every control character written out (``\\x1b``, ``\\u202e``).

    File names come from the file system and messages may quote IDs, so a report never lets
    them start a new line, a terminal escape or a workflow command.
    """
    return _UNSHOWN.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def as_text(outcome: Outcome) -> str:
    lines = []
    for file, group in groupby(outcome.findings, key=lambda f: f.file):
        lines.append(visible(file) or "（数据目录）")
        for f in group:
            label = "已豁免" if f.waived_by else LABEL[f.severity]
            waived = f"（豁免：{f.waived_by}）" if f.waived_by else ""
            lines.append(visible(f"  {f.file}:{f.line}:{f.column}  {label}  {f.rule}  {f.message}{waived}  — {f.fix}"))
        lines.append("")
    summary = f"共 {len(outcome.errors)} 个错误，{len(outcome.warnings)} 个提示"
    if outcome.waived:
        summary += f"，{len(outcome.waived)} 个已豁免"
    lines.append(summary + "。")
    return "\n".join(lines) + "\n"


def as_json(outcome: Outcome) -> str:
    findings = []
    for f in outcome.active:
        item = f.as_json()
        item["message"] = f"{f.message} —— {f.fix}" if f.fix else f.message
        findings.append(item)
    body = {"errors": len(outcome.errors), "warnings": len(outcome.warnings), "findings": findings}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    """GitHub's workflow-command escaping (%, CR, LF), after every other control character is written out."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(outcome: Outcome) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on its file and line."""
    lines = []
    for f in outcome.active:
        command = "error" if f.severity == "error" else "warning"
        props = f"file={_escape_property(f.file)},line={f.line},col={f.column},title={_escape_property(f.rule)}"
        lines.append(f"::{command} {props}::{_escape_data(f'{LABEL[f.severity]}：{f.message} —— {f.fix}')}")
    lines.append(f"共 {len(outcome.errors)} 个错误，{len(outcome.warnings)} 个提示。")
    return "\n".join(lines) + "\n"


CODECLIMATE_SEVERITY = {"error": "major", "warning": "minor"}


def as_codeclimate(outcome: Outcome) -> str:
    """GitLab Code Quality report (a subset of Code Climate's format) for the merge-request widget."""
    issues = []
    for f in outcome.active:
        fingerprint = hashlib.sha1(f"{f.rule}\0{f.file}\0{f.message}".encode("utf-8")).hexdigest()
        issues.append({
            "type": "issue",
            "check_name": f.rule,
            "description": f"{LABEL[f.severity]}：{f.message}" + (f" —— {f.fix}" if f.fix else ""),
            "categories": ["Compatibility"],
            "severity": CODECLIMATE_SEVERITY[f.severity],
            "fingerprint": fingerprint,
            "location": {"path": f.file, "lines": {"begin": max(f.line, 1)}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": as_text, "json": as_json, "github": as_github, "codeclimate": as_codeclimate}


def render(outcome: Outcome, fmt: str) -> str:
    return FORMATS[fmt](outcome)

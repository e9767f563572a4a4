"""Presentation: Chinese labels, badges and figures the view derives for display (no record access)."""

from __future__ import annotations

import statistics

from .proposals import Office, Proposal

DEGREES = {"undergraduate": "本科生", "master": "硕士研究生", "doctoral": "博士研究生"}
SOURCES = {"fed-staff": "学联工作人员", "college-staff": "院系学生会工作人员", "exemplary": "各领域优秀学生典型"}
GRADE_ORDER = [f"U{i}" for i in range(1, 9)] + [f"M{i}" for i in range(1, 4)] + [f"D{i}" for i in range(1, 7)]
# Result badges: an unapproved result is never shown as final.
RESULT_STATES = {"pending": "待批准", "approved": "已批准", "filed": "已备案"}
RULE_STATES = {"pass": "通过", "warning": "提示", "waived": "已豁免", "error": "不通过"}
CHANNEL_TYPES = {"online": "线上", "offline": "线下"}
BOARD_ROLES = ("学生代表", "党委学生工作部门", "团委", "班级团支部代表")


def grade_name(grade: str) -> str:
    kind = {"U": "本科", "M": "硕士", "D": "博士"}[grade[0]]
    return f"{kind}{grade[1:]}年级"


def offices(proposals: list[Proposal]) -> list[Office]:
    """Per office: proposals handled, answered, overdue, and the median days to an answer."""
    rows = []
    for office in sorted({p.office for p in proposals if p.office}):
        mine = [p for p in proposals if p.office == office]
        days = [p.days for p in mine if p.days is not None]
        rows.append(Office(
            office=office,
            total=len(mine),
            answered=sum(1 for p in mine if p.answered),
            overdue=sum(1 for p in mine if p.overdue),
            median_days=statistics.median(days) if days else None,
        ))
    return rows

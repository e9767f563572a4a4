"""gongshi rules: every rule with its ID, severity, clause and explanation."""

from __future__ import annotations

import json
import sys

from ..rules import REGISTRY

SEVERITY = {"error": "错误（阻止发布）", "warning": "提示（--strict 时阻止发布）"}


def register(sub) -> None:
    p = sub.add_parser("rules", help="列出全部规则及其条款与解释")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def run(args) -> int:
    rules = sorted(REGISTRY.values(), key=lambda r: r.id)
    if args.format == "json":
        body = [{"id": r.id, "severity": r.severity.value, "clause": r.clause, "phrase": r.phrase,
                 "title": r.title, "explanation": r.explanation, "example": r.example} for r in rules]
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        return 0
    for r in rules:
        sys.stdout.write(f"{r.id}  [{SEVERITY[r.severity.value]}]  {r.cited}\n  {r.title}：{r.explanation}\n")
        if r.example:
            sys.stdout.write(f"  违反示例：{r.example}\n")
        sys.stdout.write("\n")
    return 0

"""The rule registry: what ``gongshi rules``, the checker and the compliance page all read.

A rule is a function ``check(ctx) -> Iterable[Violation]`` registered with the
catalog ID, severity, the plan clause it enforces (with the short Chinese phrase
of the plan), and an explanation that states any interpretation we chose.

A rule that reads private fields or records of a kind that is never published
(grades, political status, trainings, honors, matters, misconduct) and whose
messages name a person or the content of such a record is declared
``private=True``: the compliance page then publishes only the number of its
findings, never their messages or the records their waivers are for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .findings import Severity

if TYPE_CHECKING:
    from ..records.models import Node
    from .context import Context


@dataclass(frozen=True)
class Violation:
    """One broken rule at one place: the node (and optionally a field inside it)."""

    node: "Node"
    message: str
    fix: str
    fields: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    clause: str
    phrase: str
    title: str
    explanation: str
    example: str = ""
    check: Callable[["Context"], Iterable[Violation]] | None = field(default=None, compare=False)
    private: bool = False

    @property
    def cited(self) -> str:
        """The clause as messages cite it: §2.3「主席团成员不超过 5 人」."""
        return f"{self.clause}「{self.phrase}」" if self.phrase else self.clause


REGISTRY: dict[str, Rule] = {}


def rule(
    id: str,
    severity: Severity | str,
    clause: str,
    phrase: str,
    title: str,
    explanation: str,
    example: str = "",
    *,
    private: bool = False,
) -> Callable:
    """Register ``check`` under ``id``; a rule without a check function is reported by the loader."""

    def register(check: Callable | None) -> Callable | None:
        if id in REGISTRY:
            raise ValueError(f"rule {id} registered twice")
        REGISTRY[id] = Rule(id, Severity(severity), clause, phrase, title, explanation, example, check, private)
        return check

    return register


def declare(id: str, severity: Severity | str, clause: str, phrase: str, title: str, explanation: str,
            example: str = "") -> None:
    """Register a rule whose findings come from the loader, not from a check function."""
    rule(id, severity, clause, phrase, title, explanation, example)(None)

"""Property test: randomly broken sample records are reported, never crash the checker or hang it."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.rules.check import check
from tests.conftest import SAMPLE, TODAY

FILES = sorted(p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*.yaml"))
NASTY = [
    None, 0, -1, 10**15, 3.5, True, "", "　", "🙂" * 500, "x" * 200_000, [], {}, [None], {"x": None},
    "2024-02-30", date(1, 1, 1), date(9999, 12, 31), "<script>alert(1)</script>", "../../etc/passwd",
    "'; DROP TABLE x; --", "\u202e\u200b\ufeff", "2024-09-01T10:00:00",
]


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += paths(item, prefix + (index,))
    return out


def mutate(tree: Any, path: tuple, action: str, nasty: Any) -> Any:
    if not path:
        return nasty if action == "replace" else tree
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = nasty
    elif action == "add" and isinstance(parent[last], dict):
        parent[last]["unexpected_key"] = nasty
    return tree


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(SAMPLE, root)
    return root


@pytest.mark.skipif(not FILES, reason="sample data missing")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_record_is_reported_not_raised(workspace, data):
    relative = data.draw(st.sampled_from(FILES), label="file")
    path = workspace / relative
    original = path.read_bytes()
    try:
        if data.draw(st.booleans(), label="raw bytes"):
            cut = data.draw(st.integers(0, len(original)), label="cut")
            junk = data.draw(st.binary(max_size=40), label="junk")
            path.write_bytes(original[:cut] + junk + original[cut + len(junk):])
        else:
            tree = yaml.safe_load(original)
            where = data.draw(st.sampled_from(paths(tree)), label="path")
            action = data.draw(st.sampled_from(["delete", "replace", "add"]), label="action")
            nasty = data.draw(st.sampled_from(NASTY), label="value")
            text = yaml.safe_dump(mutate(tree, where, action, nasty), allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        _, outcome = check(workspace, TODAY)
        assert time.perf_counter() - started < 20
        for finding in outcome.findings:
            assert finding.rule and finding.file and finding.line >= 1 and finding.message
    finally:
        path.write_bytes(original)

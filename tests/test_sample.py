"""The bundled sample: what README promises about it, the editor schemas, and the synthetic generator."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.records import models, schema
from generator.rules.check import check
from generator.synth.synth import generate
from tests.conftest import ROOT, SAMPLE, TODAY

DELIBERATE_WARNINGS = {("rights.proposal-answered", "proposals/fed-2025-001.yaml")}
DELIBERATE_WAIVED = {("size.college-total-range", "rosters/jichu-2026-2027.yaml")}


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as the YAML language server does for validation: dates stay strings."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def relative(file: str) -> str:
    return Path(file).resolve().relative_to(SAMPLE).as_posix()


def test_sample_has_no_error_and_only_the_deliberate_warnings():
    _, outcome = check(SAMPLE, TODAY)
    assert outcome.errors == []
    assert {(f.rule, relative(f.file)) for f in outcome.warnings} == DELIBERATE_WARNINGS
    assert {(f.rule, relative(f.file)) for f in outcome.waived} == DELIBERATE_WAIVED


def test_sample_is_as_large_and_varied_as_promised():
    data, _ = check(SAMPLE, TODAY)
    colleges = [o for o in data.of(models.Organization).values() if o.type == "college"]
    assert len(colleges) >= 6 and len(data.of(models.Term)) == 3
    statuses = Counter(p.status for p in data.of(models.Proposal).values())
    assert len(data.of(models.Proposal)) >= 30 and set(statuses) == set(models.STATUS_NAMES)
    assert len(data.of(models.Announcement)) >= 3 and data.of(models.Misconduct) and data.of(models.Waiver)
    held = {(c.organization, c.term) for c in data.of(models.Congress).values() if c.date <= TODAY}
    assert held == {(o, t) for o in data.of(models.Organization) for t in data.of(models.Term)}
    assert any(c.date > TODAY for c in data.of(models.Congress).values())  # a planned congress


def test_committed_schemas_are_current():
    for name, text in schema.rendered().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run gongshi schema"


def test_every_sample_file_has_its_modeline_and_validates_as_an_editor_would():
    validators = {}
    for kind in models.KINDS:
        path = ROOT / "schemas" / schema.file_name(kind)
        validators[kind] = jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))
    files = [(SAMPLE / "settings.yaml", models.Settings)] + [
        (path, kind) for kind in models.KINDS if kind.KIND.folder for path in sorted((SAMPLE / kind.KIND.folder).glob("*.yaml"))]
    assert len(files) > 1000
    for path, kind in files:
        text = path.read_text(encoding="utf-8")
        modeline = text.splitlines()[0]
        assert modeline == schema.modeline(kind), path
        target = (path.parent / modeline.split("$schema=")[1]).resolve()
        assert target == (ROOT / "schemas" / schema.file_name(kind)).resolve()
        errors = list(validators[kind].iter_errors(yaml.load(text, Loader=EditorLoader)))
        assert errors == [], (path, errors[0].message)


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.yaml")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_synth_is_deterministic_and_reproduces_the_sample(tmp_path):
    generate(tmp_path / "a", years=3, colleges=6, sample=True, proposals_per_college=5)
    assert digest(tmp_path / "a") == digest(SAMPLE)


@pytest.mark.parametrize("years, colleges", [(1, 1), (2, 3), (4, 8)])
def test_synth_at_other_sizes_passes_check(tmp_path, years, colleges):
    generate(tmp_path / "data", years=years, colleges=colleges)
    data, outcome = check(tmp_path / "data", TODAY)
    assert outcome.errors == []
    assert len([o for o in data.of(models.Organization).values() if o.type == "college"]) == colleges

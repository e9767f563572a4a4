"""Open data: datapackage.json validated by frictionless, popolo.json by Popolo's JSON Schemas."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from generator.site.render import downloads

# Popolo's JSON Schemas (draft-03) as the npm package popit-api 0.0.14 ships them (schemas/popolo/;
# mySociety's PopIt API, AGPL): fetched with npm at test time, never copied into this repository.
POPIT = "popit-api@0.0.14"
POPOLO_DATE = r"^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}T[0-9]{2}(:[0-9]{2}){0,2}(Z|[+-][0-9]{2}(:[0-9]{2})?))$"


def test_datapackage_validates_with_frictionless(sample_site):
    from frictionless import validate

    report = validate(str(sample_site / "downloads/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((sample_site / "downloads/datapackage.json").read_text(encoding="utf-8"))
    assert [r["path"] for r in package["resources"]] == [f"{t}.csv" for t in downloads.TABLES]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in package["resources"]:  # describes the headers the CSVs have, in order
        with open(sample_site / "downloads" / resource["path"], encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert all(f["title"] and f["type"] for f in resource["schema"]["fields"])


def test_datapackage_keys_are_checked(sample_site, tmp_path):
    """A delegate of a congress that is not in congresses.csv breaks a foreign key: the keys are real."""
    from frictionless import validate

    copy = tmp_path / "downloads"
    shutil.copytree(sample_site / "downloads", copy)
    lines = (copy / "congresses.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
    held = next(i for i, line in enumerate(lines) if line.startswith("fed-2025,"))  # a congress with delegates
    (copy / "congresses.csv").write_text("\ufeff" + "".join(lines[:held] + lines[held + 1:]), encoding="utf-8")
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_download_fields_are_the_rows_keys(sample_site):
    from generator.rules.check import check
    from generator.site.public import build_view

    from conftest import SAMPLE, TODAY

    data, outcome = check(SAMPLE, TODAY)
    view = build_view(data, outcome, TODAY)
    for table in downloads.TABLES:
        table_rows = downloads.rows(view, table)
        assert table_rows, table
        assert all(tuple(row) == downloads.FIELDS[table] for row in table_rows), table


@pytest.fixture(scope="session")
def popolo_schemas(tmp_path_factory) -> dict[str, dict]:
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI"):
            pytest.fail("npm is needed to fetch Popolo's JSON Schemas")
        pytest.skip("npm is not installed")
    folder = tmp_path_factory.mktemp("popolo")
    result = subprocess.run([npm, "pack", POPIT, "--pack-destination", str(folder), "--silent"],
                            capture_output=True, text=True, timeout=180)
    if result.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"npm pack {POPIT} failed: {result.stderr}")
        pytest.skip(f"npm pack {POPIT} failed (offline?)")
    schemas = {}
    with tarfile.open(next(folder.glob("*.tgz"))) as archive:
        for member in archive.getmembers():
            if member.name.startswith("package/schemas/popolo/") and member.name.endswith(".json"):
                schemas[Path(member.name).stem] = json.load(archive.extractfile(member))
    assert {"person", "organization", "membership", "post"} <= set(schemas)
    return schemas


def test_popolo_export_validates_with_popolos_schemas(sample_site, popolo_schemas):
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    registry = Registry().with_resources(
        (schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT3))
        for schema in popolo_schemas.values())
    popolo = json.loads((sample_site / "downloads/popolo.json").read_text(encoding="utf-8"))
    for collection, kind in (("persons", "person"), ("organizations", "organization"),
                             ("memberships", "membership"), ("posts", "post")):
        assert popolo[collection], collection
        validator = Draft3Validator(popolo_schemas[kind], registry=registry)
        for item in popolo[collection]:
            errors = list(validator.iter_errors(item))
            assert errors == [], (collection, item, errors[0].message)
    # popit-api has no event schema: congress events are checked against the spec's fields and date pattern.
    import re

    assert popolo["events"]
    for event in popolo["events"]:
        assert set(event) <= {"id", "name", "classification", "organization_id", "start_date", "end_date"}
        assert re.match(POPOLO_DATE, event["start_date"]) and event["classification"] == "congress"
    ids = {key: {item["id"] for item in popolo[key]} for key in ("persons", "organizations", "posts")}
    for membership in popolo["memberships"]:  # every reference resolves inside the document
        assert membership["person_id"] in ids["persons"] and membership["post_id"] in ids["posts"]
        assert membership["organization_id"] in ids["organizations"]
        assert "end_date" not in membership or membership["start_date"] <= membership["end_date"]
    persons = popolo["persons"]
    assert all(set(p) == {"id", "name"} for p in persons)  # public fields only

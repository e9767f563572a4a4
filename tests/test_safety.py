"""Nothing private leaks, nothing hostile runs, nothing is lost, and the same records give the same site.

One copy of the sample is seeded with canary values in every private field and with XSS
payloads in every text field people write, then built once; every output file is scanned.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import html.parser
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

import pytest

from generator.records import models
from generator.site.build import Blocked, build_site
from generator.workflow.diff import compare
from generator.rules.check import check
from generator.rules.report import FORMATS
from tests.browser import chromium, serve
from tests.conftest import ROOT, SAMPLE, TODAY, DataCopy

CANARIES = ("CANARYSN", "CANARYPH", "CANARYID", "CANARYCASE", "CANARYINV", "CANARYHANDLING", "CANARYREP", "86421")

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "[点我](javascript:window.__xss=3)",
    '<a href="javascript:window.__xss=4">链接</a>',
    '<iframe src="data:text/html,<script>parent.__xss=5</script>"></iframe>',
    "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<svg onload="window.__xss=6"></svg>',
    '"><script>window.__xss=7</script>',
    '<details open ontoggle="window.__xss=8">x</details>',
    '<form action="javascript:window.__xss=9"><button>提交</button></form>',
    "<style>body{display:none}</style>",
    "<object data=\"javascript:window.__xss=10\"></object>",
    "[x](  JaVaScRiPt:window.__xss=11)",
    "<a href=\"&#106;avascript:window.__xss=12\">x</a>",
]
HOSTILE = "\n\n".join(PAYLOADS)


def seed(records: DataCopy) -> None:
    """Canaries in every private field; payloads in every field people write."""
    for i, path in enumerate(sorted(records.path("people").glob("*.yaml"))):
        def change(d, i=i):
            d["private"].update(student_number=f"CANARYSN{i:05d}", phone=f"CANARYPH{i:05d}", id_number=f"CANARYID{i:05d}")
            for entry in d["private"].get("academic", []):
                entry.update(rank=1, cohort_size=86421)
        records.edit(f"people/{path.name}", change)
    for path in records.path("misconduct").glob("*.yaml"):
        records.edit(f"misconduct/{path.name}", lambda d: d["private"].update(
            case="CANARYCASE", investigated_by="CANARYINV", handling="CANARYHANDLING", reported_to="CANARYREP"))
    records.edit("proposals/fed-2024-001.yaml", lambda d: (
        d.update(title="提案<script>window.__xss=20</script>", text=HOSTILE,
                 submitters=['<img src=x onerror="window.__xss=21">']),
        [a.update(text=HOSTILE, office="<b onmouseover=window.__xss=22>后勤</b>") for a in d.get("answers", [])]))
    records.edit("announcements/notice-2026-09-15.yaml", lambda d: d.update(
        title='公告"><svg onload=window.__xss=23>', body=HOSTILE))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[DataCopy, Path]:
    root = tmp_path_factory.mktemp("hostile")
    records = DataCopy(root / "data")
    shutil.copytree(SAMPLE, records.root)
    seed(records)
    assert records.check().errors == []
    out = root / "site"
    build_site(ROOT / "mkdocs.yml", records.root, out, TODAY)
    return records, out


def every_output(site: Path):
    for path in sorted(site.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            yield path, gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw  # .gz and Pagefind's files


# ---------------------------------------------------------------- privacy

def test_no_private_value_in_any_output_file(hostile):
    _, site = hostile
    # the search index holds words lower-cased
    hits = [(str(p.relative_to(site)), c) for p, raw in every_output(site) for c in CANARIES
            if c.encode() in raw or c.lower().encode() in raw]
    assert hits == []
    assert list((site / "pagefind/fragment").iterdir()) and (site / "downloads/gongshi.json").is_file()
    assert (site / "downloads/popolo.json").is_file() and (site / "downloads/datapackage.json").is_file()
    assert (site / "downloads/people.csv").is_file()


def test_a_new_private_field_stays_out_without_any_template_change(tmp_path, monkeypatch):
    class PrivateWithMore(models.PrivatePerson):
        blood_type: Optional[str] = None

    monkeypatch.setitem(models.Person.model_fields, "private",
                        models.Person.model_fields["private"].__class__.from_annotated_attribute(
                            PrivateWithMore, PrivateWithMore()))
    models.Person.model_rebuild(force=True)
    try:
        records = DataCopy(tmp_path / "data")
        shutil.copytree(SAMPLE, records.root)
        for path in records.path("people").glob("*.yaml"):
            records.edit(f"people/{path.name}", lambda d: d["private"].update(blood_type="CANARYBLOOD"))
        data, outcome = check(records.root, TODAY)
        assert outcome.errors == []
        assert next(iter(data.of(models.Person).values())).private.blood_type == "CANARYBLOOD"  # the model reads it
        build_site(ROOT / "mkdocs.yml", records.root, tmp_path / "site", TODAY)
        assert [p for p, raw in every_output(tmp_path / "site") if b"CANARYBLOOD" in raw] == []
    finally:
        monkeypatch.undo()
        models.Person.model_rebuild(force=True)


def test_check_and_diff_outputs_never_quote_a_private_value(hostile, tmp_path):
    records, _ = hostile
    # break eligibility so that messages are about the private values
    person = next(records.path("people").glob("2025-fed-*.yaml")).name
    records.edit(f"people/{person}", lambda d: [a.update(rank=86000, failed_courses=3)
                                                for a in d["private"]["academic"]])
    records.edit("misconduct/fed-2024-2025-case-1.yaml", lambda d: d["private"].pop("reported_on"))
    outcome = records.check()
    assert outcome.findings
    for name, render in FORMATS.items():
        out = render(outcome)
        assert not [c for c in CANARIES if c in out], name
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "data")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    shutil.rmtree(repo / "data")
    shutil.copytree(records.root, repo / "data")
    subprocess.run([*git, "commit", "-qam", "canaries"], cwd=repo, check=True)
    changes = compare(repo / "data", "HEAD~1", "HEAD", TODAY)
    summary = changes.as_markdown() + changes.as_json()
    assert "新出现的检查问题" in summary and not [c for c in CANARIES if c in summary]


# ---------------------------------------------------------------- hostile text

class Executable(html.parser.HTMLParser):
    """Markup that could run a payload: frames and objects, handlers or bad URLs, script bodies from records.

    Material itself uses inline SVG icons, <details> and a search <form>, so those are judged by
    their attributes, not their names.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "__xss" in value:
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "data", "formaction") and value.startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value[:30]}>")
        if tag in ("iframe", "object", "embed", "frame", "base", "meta") and tag != "meta" or \
                (tag == "meta" and ("http-equiv", "refresh") in attrs):
            self.found.append(f"<{tag}>")
        self.in_script = tag in ("script", "style")

    def handle_data(self, data):
        if self.in_script and ("__xss" in data or "display:none" in data):
            self.found.append("script/style body from a record")

    def handle_endtag(self, tag):
        self.in_script = False


def test_no_executable_markup_reaches_any_page(hostile):
    _, site = hostile
    for page in ("proposals/fed-2024-001", "announcements/notice-2026-09-15", "announcements", "proposals", ""):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        parser = Executable()
        parser.feed(text)
        assert parser.found == [], page
    assert "__xss" in (site / "proposals/fed-2024-001/index.html").read_text(encoding="utf-8")  # shown as text


def test_hostile_text_does_not_run_in_the_browser(hostile):
    _, site = hostile
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("proposals/fed-2024-001/", "announcements/notice-2026-09-15/", "announcements/", "proposals/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            page.mouse.move(200, 300)
            assert page.evaluate("typeof window.__xss") == "undefined", path
        page.select_option("select[name=year]", "2024")
        page.wait_for_function("document.getElementById('gs-count').textContent.startsWith('符合条件')")
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert dialogs == []


# ---------------------------------------------------------------- nothing is lost

def tree(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_blocked_build_leaves_the_previous_site_untouched(sample_site, tmp_path, monkeypatch):
    import mkdocs.commands.build as mkdocs_build

    out = tmp_path / "site"
    shutil.copytree(sample_site, out)
    before = tree(out)
    records = DataCopy(tmp_path / "data")
    shutil.copytree(SAMPLE, records.root)
    records.edit("rosters/fed-2025-2026.yaml", lambda d: d["presidium"].append(dict(d["presidium"][0])))
    ran = []
    monkeypatch.setattr(mkdocs_build, "build", lambda config: ran.append(config))
    with pytest.raises(Blocked):
        build_site(ROOT / "mkdocs.yml", records.root, out, TODAY)
    assert ran == []  # the check came first: MkDocs never ran
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []  # no staging folder left


def test_mkdocs_build_on_its_own_refuses_blocked_records_with_the_report(tmp_path, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    records = DataCopy(tmp_path / "data")
    shutil.copytree(SAMPLE, records.root)
    records.edit("rosters/fed-2025-2026.yaml", lambda d: d["presidium"].append(dict(d["presidium"][0])))
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins["gongshi"].config["data_dir"] = str(records.root)
    with pytest.raises(Abort):
        build(config)
    assert "记录违反规则，不能发布" in caplog.text and "size.fed-presidium-max" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_write_failure_midway_leaves_the_previous_site_untouched(sample_site, tmp_path, monkeypatch):
    import mkdocs.commands.build as mkdocs_build

    out = tmp_path / "site"
    shutil.copytree(sample_site, out)
    before = tree(out)
    written = []
    real = mkdocs_build._build_page

    def failing(page, *args, **kwargs):
        written.append(page)
        if len(written) == 20:
            raise OSError(28, "No space left on device")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", failing)
    with pytest.raises(Exception):
        build_site(ROOT / "mkdocs.yml", SAMPLE, out, TODAY)
    assert len(written) == 20 and tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize("failure", ["搜索索引生成失败（pagefind）：磁盘已满", "unexpected"])
def test_a_search_index_failure_fails_the_build_and_leaves_the_previous_site_untouched(sample_site, tmp_path,
                                                                                      monkeypatch, caplog, capfd,
                                                                                      failure):
    """The index is made beside MkDocs' page rendering: its failure, expected or not, still stops
    the build, in Chinese."""
    from mkdocs.exceptions import Abort

    from generator.site import search_index

    out = tmp_path / "site"
    shutil.copytree(sample_site, out)
    before = tree(out)

    def failing(entries, site):
        if failure == "unexpected":
            raise ValueError("unexpected")
        raise search_index.SearchIndexError(failure)

    monkeypatch.setattr(search_index, "write", failing)
    with pytest.raises(Abort):
        build_site(ROOT / "mkdocs.yml", SAMPLE, out, TODAY)
    assert "搜索索引生成失败（pagefind）：" + ("unexpected" if failure == "unexpected" else "磁盘已满") in caplog.text
    assert "Traceback" not in caplog.text
    assert "Exception in thread" not in capfd.readouterr().err  # what a thread's uncaught exception prints
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_killing_a_build_midway_leaves_the_previous_site_untouched(sample_site, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(sample_site, out)
    before = tree(out)
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "--data", str(SAMPLE), "--out", str(out),
                                "--today", "2026-11-24"], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.name.startswith(".site.building-") and any(p.rglob("*.html"))
                                                  for p in tmp_path.iterdir()):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert tree(out) == before


# ---------------------------------------------------------------- determinism

def test_two_builds_at_different_times_and_places_are_byte_identical(sample_site, tmp_path, monkeypatch):
    time.sleep(1.1)  # a different wall-clock second from the session build
    other = tmp_path / "elsewhere" / "site"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(ROOT / "mkdocs.yml", SAMPLE, other, TODAY)
    assert "SOURCE_DATE_EPOCH" not in os.environ  # set for the build only (the plugin's on_startup and on_shutdown)
    first, second = tree(sample_site), tree(other)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []

"""Attacks a careless or hostile committer can make through a pull request (issue 14).

Each test reproduces one attack that succeeded on an earlier version: it failed (or never
finished) there and must pass here. docs/threat-model.md cites each test by name.
"""

from __future__ import annotations

import hmac
import json
import os
import pickle
import re
import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from generator.records import models
from generator.records.models import MAX_MARKDOWN_CHARS
from generator.rules.check import check
from generator.rules.findings import Finding, Outcome
from generator.rules.report import FORMATS
from generator.cli import main
from generator.site.markup import MAX_DEPTH, render
from tests.conftest import ROOT, SAMPLE, TODAY

# ---------------------------------------------------------------- linear-time Markdown


def _shapes(size: int) -> dict[str, str]:
    """Inputs that made Python-Markdown (and nh3's parser) super-linear, each about ``size`` characters."""
    return {
        "[": "[" * size,
        "[a](": "[a](" * (size // 4),
        "![": "![" * (size // 2),
        "<a ": "<a " * (size // 3),
        "emphasis runs": "*a_" * (size // 3),
        "nested emphasis": "**" * (size // 4) + "a" + "**" * (size // 4),
        "backticks": "".join("`" * i + "a" for i in range(1, 300)) * (size // 45_000 + 1),
        "nested lists": "".join("  " * (i % 300) + "- x\n" for i in range(size // 300)),
        "nested quotes": "> " * (size // 2),
        "quoted lists": "> - " * (size // 4),
        "table rows": "|a|b|\n|-|-|\n" + "|x|y|\n" * (size // 6),
        "entities": "&#" * (size // 2),
        "headings": "# a\n" * (size // 4),
        "mixed": "[*`<a (![_\n" * (size // 11),
    }


@pytest.mark.parametrize("size", [MAX_MARKDOWN_CHARS, 1_000_000])
def test_any_shape_of_text_renders_in_linear_time(size):
    """A 1 MB text (over the limit: shown as plain text) and a longest allowed text, of every shape."""
    for name, text in _shapes(size).items():
        render.cache_clear()
        start = time.perf_counter()
        html = render(text)
        elapsed = time.perf_counter() - start
        assert elapsed < 2, (name, elapsed)
        assert "<script" not in html
    render.cache_clear()


def test_a_text_over_the_limit_is_a_finding(sample):
    sample.edit("proposals/fed-2024-001.yaml", lambda d: d.update(text="[" * (MAX_MARKDOWN_CHARS + 1)))
    found = [f for f in sample.check().errors if f.file.endswith("fed-2024-001.yaml")]
    assert [f.rule for f in found] == ["data.schema"]
    assert f"超过 {MAX_MARKDOWN_CHARS} 字" in found[0].message and "text" in found[0].message


def test_deep_nesting_is_shown_as_plain_text():
    html = render("> " * (MAX_DEPTH + 5) + "深处")
    assert "<blockquote>" not in html and "深处" in html
    assert render("> > 引用").count("<blockquote>") == 2


def test_written_headings_sit_under_the_page_headings():
    assert render("## 现状\n\n文字\n\n### 细节") == "<h3>现状</h3>\n<p>文字</p>\n<h4>细节</h4>\n"
    assert render("# 一\n\n###### 六") == "<h3>一</h3>\n<h6>六</h6>\n"
    assert "<h" not in render("`<h1>x</h1>`").replace("&lt;h1", "")


# ---------------------------------------------------------------- text written into XML and terminals


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x0c", "\x85", "\u202e", "\u2028", "\ufffe"])
def test_a_control_character_in_record_text_is_a_finding(sample, char):
    path = sample.path("announcements/notice-2026-09-15.yaml")
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
    lines[at] = f"title: {json.dumps('公告' + char + '标题')}"  # a YAML double-quoted scalar takes JSON's escapes
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in check(sample.root, TODAY)[1].errors if f.file.endswith("notice-2026-09-15.yaml")]
    assert [f.rule for f in found] == ["data.schema"], found
    assert f"U+{ord(char):04X}" in found[0].message and found[0].line > 1


def test_check_reports_show_control_characters_instead_of_obeying_them():
    finding = Finding("data/people/a\x1b[2J\nb.yaml", 1, 1, "data.schema", "error", "标题\x1b]0;x\x07\u202e有误",
                      "第三十条", "修改\r\n")
    outcome = Outcome([finding])
    for name in ("text", "github"):
        out = FORMATS[name](outcome)
        assert not any(c in out for c in "\x1b\x07\r\u202e"), name
        assert out.count("\n") == out.rstrip("\n").count("\n") + 1 == len(out.splitlines()), name
    text = FORMATS["text"](outcome)
    assert "a\\x1b[2J\\x0ab.yaml" in text and len(text.splitlines()) == 4
    annotation = FORMATS["github"](outcome).splitlines()[0]
    assert annotation.startswith("::error file=data/people/a\\x1b[2J%0Ab.yaml,line=1,col=1,title=data.schema::")
    assert annotation.endswith("修改%0D%0A")
    for name in ("json", "codeclimate"):
        assert "\x1b" not in FORMATS[name](outcome)  # JSON escapes it


# ---------------------------------------------------------------- messages never quote private values


def test_messages_never_quote_a_value_under_private_or_in_an_unknown_key(sample):
    sample.edit("misconduct/fed-2024-2025-case-1.yaml",
                lambda d: d["private"].update(person="zhang-san-canary77"))
    person = sample.path("people/2024-fed-c1.yaml")
    person.write_text(person.read_text(encoding="utf-8").replace("  phone: '13379799458'", "  phone 13379799458:")
                      .replace("major: 临床医学", "major: !tagcanary55 临床医学"), encoding="utf-8")
    other = sample.path("people/2024-fed-c2.yaml")
    other.write_text(other.read_text(encoding="utf-8").replace("\nprivate:\n", "\nprivate:\n  canary-key-99: 1\n"),
                     encoding="utf-8")
    outcome = check(sample.root, TODAY)[1]
    messages = {(f.file.rsplit("/", 1)[-1], f.rule, f.message) for f in outcome.errors}
    assert any(file == "fed-2024-2025-case-1.yaml" and rule == "data.unknown-reference"
               and message.startswith("引用的人员不存在") for file, rule, message in messages)
    assert any(file == "2024-fed-c1.yaml" and rule == "data.yaml-syntax" and "标签" in message
               for file, rule, message in messages)
    assert any(file == "2024-fed-c2.yaml" and rule == "data.schema" and message.startswith("`private` 下有未知字段")
               for file, rule, message in messages)
    for name, render_report in FORMATS.items():
        out = render_report(outcome)
        assert not [c for c in ("canary77", "13379799458", "tagcanary55", "canary-key-99") if c in out], name


def test_an_unknown_key_holding_a_value_is_not_quoted(sample):
    person = sample.path("people/2024-fed-c1.yaml")
    person.write_text(person.read_text(encoding="utf-8").replace("  phone: '13379799458'", "  phone 13379799458:"),
                      encoding="utf-8")
    found = [f for f in check(sample.root, TODAY)[1].errors if f.file.endswith("2024-fed-c1.yaml")]
    assert [(f.rule, f.line) for f in found] == [("data.schema", 11)]
    assert "13379799458" not in found[0].message + found[0].fix


# ---------------------------------------------------------------- nothing outside the repository is published


def _repository(tmp_path: Path) -> Path:
    """A records repository: mkdocs.yml, data/ (the sample) and content/ (this checkout's)."""
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "data")
    shutil.copytree(ROOT / "content", repo / "content")
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    return repo


def test_a_symlinked_record_folder_is_refused_and_fmt_never_writes_through_it(tmp_path, capsys):
    repo = _repository(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(repo / "data/announcements", elsewhere)
    messy = elsewhere / "notice-2026-01-05.yaml"
    messy.write_text(messy.read_text(encoding="utf-8").replace("schema: gongshi/v1\n", "") + "schema: gongshi/v1\n",
                     encoding="utf-8")
    before = {p.name: p.read_bytes() for p in elsewhere.iterdir()}
    (repo / "data/announcements").symlink_to(elsewhere)
    (repo / "data/people/linked.yaml").symlink_to(repo / "data/people/2024-fed-c1.yaml")
    data, outcome = check(repo / "data", TODAY)
    refused = {Path(f.file).name for f in outcome.errors if f.rule == "data.yaml-syntax" and "符号链接" in f.message}
    assert refused == {"announcements", "linked.yaml"}
    assert data.of(models.Announcement) == {} and "linked" not in data.of(models.Person)
    assert main(["fmt", str(repo / "data")]) == 0
    assert {p.name: p.read_bytes() for p in elsewhere.iterdir()} == before
    capsys.readouterr()


@pytest.mark.parametrize("link", ["content/archive", "content/assets/passwd.txt", "templates/pages/x.html"])
def test_a_symlink_in_content_or_templates_makes_check_fail(tmp_path, link):
    repo = _repository(tmp_path)
    target = {"content/archive": repo / "data", "content/assets/passwd.txt": Path("/etc/passwd"),
              "templates/pages/x.html": repo / "data/people/2024-fed-c1.yaml"}[link]
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    (repo / link).symlink_to(target)
    outcome = check(repo / "data", TODAY)[1]
    assert [(f.rule, f.file.endswith(link)) for f in outcome.errors if "符号链接" in f.message] == \
        [("data.yaml-syntax", True)]


def test_mkdocs_never_publishes_a_linked_file(tmp_path):
    from mkdocs.structure.files import get_files
    from mkdocs.config import load_config

    from generator.site.plugin import _drop_links

    repo = _repository(tmp_path)
    (repo / "content/archive").symlink_to(repo / "data")
    (repo / "content/assets/passwd.txt").symlink_to("/etc/passwd")
    config = load_config(str(repo / "mkdocs.yml"))
    files = get_files(config)
    assert any(f.src_uri.startswith("archive/") for f in files)  # MkDocs itself follows links
    _drop_links(files, config.docs_dir)
    names = [f.src_uri for f in files]
    assert "about.md" in names and not [n for n in names if n.startswith("archive/") or n.endswith("passwd.txt")]


def test_deeply_nested_folders_are_a_finding_not_a_crash(sample):
    deep = str(sample.path("proposals"))
    for _ in range(1_500):  # os.makedirs and pathlib's mkdir(parents=True) themselves recurse too deep
        deep = os.path.join(deep, "a")
        os.mkdir(deep)
    with open(os.path.join(deep, "x.txt"), "w", encoding="utf-8") as file:
        file.write("x")
    try:
        found = [f for f in sample.check().errors if f.file.endswith("/a/x.txt")]
        assert [f.rule for f in found] == ["data.schema"]
    finally:  # shutil.rmtree recurses as well: remove the chain from the bottom
        os.remove(os.path.join(deep, "x.txt"))
        while deep != str(sample.path("proposals")):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


# ---------------------------------------------------------------- the parse cache never changes a result


def _forge(path: Path, entries) -> None:
    from generator.records import cache

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps({"format": cache.FORMAT, "entries": entries}))


def test_a_forged_cache_entry_cannot_change_a_record(sample, tmp_path, monkeypatch):
    from generator.records import cache

    monkeypatch.setenv("GONGSHI_CACHE_DIR", str(tmp_path / "cache"))
    raw = sample.path("proposals/fed-2025-001.yaml").read_bytes()
    forged = yaml.safe_load(raw) | {"title": "伪造的标题"}
    location = cache.location(sample.root, "parsed", ".pickle")
    _forge(location, {cache.digest(raw): forged})
    data, _ = check(sample.root, TODAY, cached=True)
    assert data.of(models.Proposal)["fed-2025-001"].title != "伪造的标题"
    # signed like the real cache but with another key (a cache restored from another runner)
    signed = location.read_bytes()
    assert signed.startswith(cache.MAGIC)
    payload = pickle.loads(signed[len(cache.MAGIC) + 32:])
    payload["entries"][cache.digest(raw)] = payload["entries"]["forged"] = forged
    # the file known by its stat signature (not even read) as the forged entry
    stat = os.stat(sample.path("proposals/fed-2025-001.yaml"))
    payload["files"] = {"proposals/fed-2025-001.yaml": cache.signature(stat) + ("forged",)}
    other = pickle.dumps(payload)
    location.write_bytes(cache.MAGIC + hmac.new(b"k" * 32, cache.FORMAT.encode() + other, "sha256").digest() + other)
    data, _ = check(sample.root, TODAY, cached=True)
    assert data.of(models.Proposal)["fed-2025-001"].title != "伪造的标题"


@pytest.mark.parametrize("content", [b"", b"garbage", b"gongshi-cache-1\n" + b"\0" * 40, "entries-list", "values"])
def test_a_malformed_cache_file_is_a_miss(sample, tmp_path, monkeypatch, content, capsys):
    from generator.records import cache

    monkeypatch.setenv("GONGSHI_CACHE_DIR", str(tmp_path / "cache"))
    location = cache.location(sample.root, "parsed", ".pickle")
    if content == "entries-list":
        _forge(location, [1, 2])
    elif content == "values":
        _forge(location, {cache.digest(sample.path("settings.yaml").read_bytes()): [None], 3: {}})
    else:
        location.parent.mkdir(parents=True, exist_ok=True)
        location.write_bytes(content)
    cold = check(sample.root, TODAY)[1]
    assert check(sample.root, TODAY, cached=True)[1].findings == cold.findings
    assert main(["check", str(sample.root), "--today", TODAY.isoformat()]) in (0, 1)
    capsys.readouterr()


# ---------------------------------------------------------------- every output reads the same gated view


def test_political_status_is_in_no_download_before_the_results_are_announced(sample):
    from generator.site.build import render as render_site
    from generator.records.dataset import load

    sample.edit("settings.yaml", lambda d: d.update(publish_candidate_political_status=True))
    congress = sample.read("congresses/fed-2026.yaml")
    before = congress["results"]["announced"] - timedelta(days=1)
    statuses = ("共青团员", "中共党员", "中共预备党员", "群众")

    def fed_2026(day):
        data = load(sample.root)
        generated = render_site(data, check(sample.root, day)[1], [ROOT / "templates"], day)
        everything = json.loads(generated.files["downloads/gongshi.json"])
        found = json.dumps([c for c in everything["congresses"] if c["id"] == "fed-2026"], ensure_ascii=False)
        return found

    found = fed_2026(before)
    assert "fed-2026" in found and not [s for s in statuses if s in found]
    found = fed_2026(TODAY)
    assert [s for s in statuses if s in found]  # published once announced, as settings say


# ---------------------------------------------------------------- the site swap


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _two_sites(tmp_path: Path) -> tuple[Path, Path, dict, dict]:
    out, staging = tmp_path / "site", tmp_path / ".site.building-1-x"
    for folder, text in ((out, "old"), (staging, "new")):
        (folder / "sub").mkdir(parents=True)
        (folder / "index.html").write_text(text, encoding="utf-8")
        (folder / "sub" / f"{text}.html").write_text(text, encoding="utf-8")
    return out, staging, _tree(out), _tree(staging)


def test_a_kill_during_the_swap_leaves_the_old_or_the_new_site(tmp_path, monkeypatch):
    from generator.site import publish

    assert publish._renameat2 is not None  # Linux with glibc: the atomic path is the one tested
    out, staging, old, new = _two_sites(tmp_path)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies right after the one rename that publishes

    monkeypatch.setattr(publish.shutil, "rmtree", killed)
    monkeypatch.setattr(publish.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        publish.swap(staging, out)
    assert _tree(out) == new
    monkeypatch.undo()
    publish.clean_leftovers(out)  # the next build: pid 1 is alive, so rename the leftover as a dead one's
    assert staging.exists()
    staging.rename(tmp_path / ".site.building-999999999-x")
    (tmp_path / ".site.old-999999999-y").mkdir()
    (tmp_path / ".site.building-1-z").mkdir()  # pid 1 is alive: a build still running keeps its folder
    publish.clean_leftovers(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.building-1-z", "site"]


def test_a_site_on_a_mount_point_is_replaced_entry_by_entry(tmp_path, monkeypatch):
    from generator.site import publish

    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("stale", encoding="utf-8")
    (out / "sub").mkdir()
    (out / "sub" / "old.html").write_text("old", encoding="utf-8")
    (out / "lost+found").mkdir()
    real_ismount = os.path.ismount
    monkeypatch.setattr(publish.os.path, "ismount", lambda p: Path(p) == out or real_ismount(p))
    staging = publish.staging_dir(out)
    assert staging.parent == out
    (staging / "sub").mkdir()
    (staging / "sub" / "new.html").write_text("new", encoding="utf-8")
    (staging / "index.html").write_text("new", encoding="utf-8")
    publish.swap(staging, out)
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "lost+found", "sub"]
    assert _tree(out) == {"index.html": b"new", "sub/new.html": b"new"}


# ---------------------------------------------------------------- CI templates

GITHUB_WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
# Commit SHAs checked against the tags of each action's repository (node24 releases).
PINNED = {
    "actions/checkout": ("fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09", "v5.1.0"),
    "actions/setup-python": ("ece7cb06caefa5fff74198d8649806c4678c61a1", "v6.3.0"),
    "actions/upload-pages-artifact": ("fc324d3547104276b827a68afc52ff2a11cc49c9", "v5.0.0"),
    "actions/deploy-pages": ("cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "v5.0.0"),
}


def _steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, job, step


@pytest.mark.parametrize("path", GITHUB_WORKFLOWS, ids=lambda p: p.name)
def test_workflows_take_untrusted_values_only_through_env(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    for _, _, step in _steps(workflow):
        assert "${{" not in step.get("run", ""), step["run"]


@pytest.mark.parametrize("path", GITHUB_WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commit_shas_with_their_version(path):
    text = path.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for target, comment in uses:
        action, _, ref = target.partition("@")
        assert action in PINNED, action
        sha, version = PINNED[action]
        assert ref == sha and comment.strip() == f"# {version}", target


def test_only_the_deploy_job_may_write_pages_or_mint_tokens():
    for path in GITHUB_WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {"contents": "read"}, path.name
        for name, job in workflow["jobs"].items():
            granted = {k for k, v in job.get("permissions", {}).items() if v == "write"}
            uses = {step.get("uses", "").split("@")[0] for step in job.get("steps", [])}
            if granted:
                assert granted == {"pages", "id-token"} and uses == {"actions/deploy-pages"}, (path.name, name)
                assert not any("run" in step for step in job["steps"])


def test_the_publish_path_restores_no_cache_a_pull_request_could_write():
    publish = (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "actions/cache" not in publish and "cache:" not in publish
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "cache" not in gitlab.get("default", {}) and "cache" not in gitlab["pages"]
    assert "${{" not in (ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8")


def test_dependabot_keeps_actions_and_pip_current():
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed (no wheel on PyPI)")
def test_actionlint_is_clean():
    result = subprocess.run(["actionlint", *map(str, GITHUB_WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout

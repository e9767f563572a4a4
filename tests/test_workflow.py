"""The staff workflow: CI templates, fmt, new, diff and the report formats CI reads."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.records import models
from generator.workflow.diff import compare
from generator.rules.check import check
from generator.cli import COMMANDS, main, parser
from generator.rules.report import as_codeclimate, as_github
from generator.records.schema import modeline
from tests.conftest import ROOT, SAMPLE, TODAY, DataCopy

WORKFLOWS = [ROOT / ".github/workflows/pull-request.yml", ROOT / ".github/workflows/publish.yml",
             ROOT / ".gitlab-ci.yml"]


def commands_in(path: Path) -> list[str]:
    """Every shell line of a CI file that runs gongshi."""
    lines = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("run", "script", "before_script") and isinstance(value, str):
                    lines.extend(value.splitlines())
                elif key in ("script", "before_script") and isinstance(value, list):
                    lines.extend(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [line.split(">")[0].strip() for line in lines if line.strip().startswith("gongshi")]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_ci_files_call_only_existing_commands_with_valid_options(path):
    found = commands_in(path)
    assert found, f"{path.name} runs no gongshi command"
    for line in found:
        argv = [re.sub(r"\$\{?\{?[^}\s\"]*\}?\}?", "x", word) for word in shlex.split(line)][1:]
        assert argv[0] in COMMANDS
        parser().parse_args(argv)  # exits (SystemExit) on an unknown option


def test_pull_request_workflow_runs_check_fmt_diff_and_build():
    text = (ROOT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    for expected in ("gongshi check data --format github", "gongshi fmt --check", "gongshi diff",
                     "GITHUB_STEP_SUMMARY", "gongshi build"):
        assert expected in text
    publish = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = publish[True] if True in publish else publish["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"]


def test_gongshi_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in COMMANDS)


def test_pre_commit_hooks_and_vscode_schemas():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"gongshi-check", "gongshi-fmt"}
    assert all(h["entry"].split()[1] in COMMANDS for h in hooks)
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for kind in models.KINDS:
        schema = modeline(kind).split("schemas/")[1]
        assert (ROOT / "schemas" / schema).is_file()
        assert f"./schemas/{schema}" in settings


# ---------------------------------------------------------------- report formats

def test_github_annotations_follow_workflow_command_syntax(sample):
    sample.edit("rosters/fed-2025-2026.yaml", lambda d: d["presidium"].append(dict(d["presidium"][0])))
    out = as_github(sample.check())
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert annotations
    pattern = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::[^\r\n]+$")
    assert all(pattern.match(line) for line in annotations), annotations
    assert any(line.startswith("::error ") and "fed-2025-2026.yaml" in line for line in annotations)


def test_codeclimate_report_for_gitlab(sample):
    sample.edit("rosters/fed-2025-2026.yaml", lambda d: d["presidium"].append(dict(d["presidium"][0])))
    issues = json.loads(as_codeclimate(sample.check()))
    assert issues and all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) for i in issues)
    assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


# ---------------------------------------------------------------- fmt

UNORDERED = """# yaml-language-server: $schema=../../schemas/announcement.schema.json
schema: gongshi/v1
title: 'yes'
id: notice-2026-11-20
organization: fed
body: "第一行\\n第二行"
date: 2026-11-20
"""
COMMENTED = """# yaml-language-server: $schema=../../schemas/announcement.schema.json
schema: gongshi/v1
title: 测试公告   # 标题写在前面也可以
id: notice-2026-11-21
# 发布的组织
organization: fed
body: 正文
date: 2026-11-21
"""


def test_fmt_orders_keys_keeps_values_comments_and_is_idempotent(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(SAMPLE / "proposals", root / "proposals")
    unordered, commented = root / "announcements/notice-2026-11-20.yaml", root / "announcements/notice-2026-11-21.yaml"
    unordered.parent.mkdir()
    unordered.write_text(UNORDERED, encoding="utf-8")
    commented.write_text(COMMENTED, encoding="utf-8")
    assert main(["fmt", "--check", str(root)]) == 1
    assert main(["fmt", str(root)]) == 0
    once = unordered.read_text(encoding="utf-8")
    assert once.index("id:") < once.index("organization:") < once.index("title:") < once.index("body:")
    assert "body: |" in once and "  第二行" in once
    assert yaml.safe_load(once)["title"] == "yes" and yaml.safe_load(once)["body"] == "第一行\n第二行"
    # comments stay next to the key they were written beside (that mapping keeps its order)
    assert commented.read_text(encoding="utf-8") == COMMENTED
    assert main(["fmt", "--check", str(root)]) == 0
    assert main(["fmt", str(root)]) == 0 and unordered.read_text(encoding="utf-8") == once


def test_fmt_check_passes_on_the_sample_and_never_rewrites_a_broken_file(tmp_path, capsys):
    assert main(["fmt", "--check", str(SAMPLE)]) == 0
    capsys.readouterr()
    root = tmp_path / "data"
    shutil.copytree(SAMPLE / "proposals", root / "proposals")
    broken = root / "proposals/fed-2025-001.yaml"
    broken.write_text("schema: gongshi/v1\nid: [unclosed\n", encoding="utf-8")
    assert main(["fmt", str(root)]) == 1
    assert broken.read_text(encoding="utf-8") == "schema: gongshi/v1\nid: [unclosed\n"
    out = capsys.readouterr()
    assert "fed-2025-001.yaml:2:" in out.err and "没有闭合" in out.err and "1 个文件有 YAML 错误" in out.err
    assert "所有文件格式已统一" not in out.out + out.err  # never both "cannot" and "all tidy"
    assert main(["fmt", "--check", str(root)]) == 1
    out = capsys.readouterr()
    assert "所有文件格式已统一" not in out.out + out.err and "没有检查" in out.err


def test_fmt_reaches_every_file_the_checker_reads(tmp_path, capsys):
    """A record in a subfolder is loaded by check, so fmt must keep it canonical too."""
    root = tmp_path / "data"
    nested = root / "announcements/2026/notice-2026-11-20.yaml"
    nested.parent.mkdir(parents=True)
    nested.write_text(UNORDERED, encoding="utf-8")
    assert main(["fmt", "--check", str(root)]) == 1
    assert "announcements/2026/notice-2026-11-20.yaml" in capsys.readouterr().out
    assert main(["fmt", str(root)]) == 0
    assert main(["fmt", "--check", str(root)]) == 0


# ---------------------------------------------------------------- new

FILL = {
    "title": "测试", "text": "内容", "body": "内容", "name": "测试", "short_name": "测试", "case": "内容",
    "league_org": "医学院团委", "party_org": "医学院党委", "reason": "理由", "approved_by": "医学院团委",
    "rule": "size.fed-total-typical", "record": "fed-2026-2027", "to": "医学院团委", "term": "2026-2027",
    "organization": "fed", "person": "2024-fed-p01", "review": "fed-2025-2026-1", "enrolled": 2024,
    "grade": "U1", "seats": 1, "college": "jichu", "semester": "2026-2027-1", "appointed": date(2026, 11, 24),
}


def fill(node, choices: dict[str, str], key=None):
    """Fill every blank a template left: a choice the template's comment offers, else a valid value."""
    if isinstance(node, dict):
        return {k: fill(v, choices, k) for k, v in node.items()}
    if isinstance(node, list):
        return [fill(v, choices, key) for v in node]
    if node is not None:
        return node
    if key in choices:
        return choices[key]
    if key in FILL:
        return FILL[key]
    if key in ("date", "start", "end", "occurred", "approved_on", "expires", "since", "as_of"):
        return date(2026, 11, 24)
    if key == "submitters":
        return "张三"
    if key == "id":
        return "2027-2028-1"
    if key == "degree":
        return "undergraduate"
    return "测试"


@pytest.mark.parametrize("kind", sorted(k.KIND.name for k in models.KINDS if k is not models.Settings))
def test_new_writes_a_template_that_passes_the_schema_once_filled(sample, kind, capsys):
    before = {p for p in sample.root.rglob("*.yaml")}
    assert main(["new", kind, "--data", str(sample.root), "--today", "2026-11-24"]) == 0
    (path,) = {p for p in sample.root.rglob("*.yaml")} - before
    model = models.BY_KIND[kind]
    text = path.read_text(encoding="utf-8")
    assert text.startswith(modeline(model) + "\n")
    assert path.stem == yaml.safe_load(text)["id"]
    blank = [f for f in check(sample.root, TODAY)[1].findings if f.file.endswith(path.name) and f.rule == "data.schema"]
    assert blank, "a blank template must not pass"
    offered = {k: v.split(" / ")[0] for k, v in re.findall(r"(\w+):\s+#.*?可选：([^；\n]+)", text)}
    data = fill(yaml.safe_load(text), offered)
    if kind == "term":
        data["semesters"][1]["id"] = "2027-2028-2"
    model.model_validate(data)
    # and it refuses to overwrite
    assert main(["new", kind, "--data", str(sample.root), "--today", "2026-11-24", "--id", path.stem]) == 2


# ---------------------------------------------------------------- diff

def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def test_diff_between_two_commits(tmp_path):
    repo = tmp_path / "records"
    shutil.copytree(SAMPLE, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    records = DataCopy(repo / "data")
    roster = records.read("rosters/fed-2026-2027.yaml")
    leaving = records.read(f"people/{roster['departments'][0]['staff'][0]['person']}.yaml")["name"]
    records.edit("rosters/fed-2026-2027.yaml", lambda d: d["departments"][0]["staff"].pop(0))
    records.edit("proposals/fed-2025-001.yaml", lambda d: (
        d["history"].append({"status": "answered", "date": date(2026, 11, 20)}),
        d.setdefault("answers", []).append({"office": "后勤保障处", "date": date(2026, 11, 20), "text": "已增加早晚班次。"})))
    records.edit("rosters/fed-2025-2026.yaml", lambda d: d["presidium"].append(dict(d["presidium"][0], title="副主席")))
    records.edit("reviews/fed-2025-2026-1.yaml", lambda d: d["evaluations"][0].update(outcome="不合格"))
    records.edit("congresses/gongwei-2025.yaml", lambda d: d["delegates"].pop())
    git(repo, "commit", "-qam", "head")

    out = compare(repo / "data", "HEAD~1", "HEAD", TODAY).as_markdown()
    names = out.split("### 名单")[1].split("### ")[0]
    assert leaving in names and "原文：" in names
    proposal = out.split("### 提案")[1].split("### ")[0]
    assert "办理中" in proposal and "已答复" in proposal and "已增加早晚班次。" in proposal
    assert "新出现的检查问题" in out and "size.fed-presidium-max" in out
    assert "已解决的检查问题" in out and "rights.proposal-answered" in out
    assert "不合格" in out.split("### 述职评议")[1].split("### ")[0]
    assert "### 代表大会" in out
    assert "存在错误，网站不会发布" in out


def test_diff_reports_an_unknown_revision_without_a_traceback(capsys):
    assert main(["diff", "no-such-revision-xyz", "--data", str(SAMPLE)]) == 2
    assert "无法读取版本" in capsys.readouterr().err


def test_new_twice_gives_two_files_and_refuses_unsafe_ids(tmp_path, capsys):
    root = tmp_path / "data"
    shutil.copytree(SAMPLE, root)
    for _ in range(2):
        assert main(["new", "proposal", "--data", str(root), "--today", "2026-11-24"]) == 0
    assert sorted(p.name for p in (root / "proposals").glob("fed-2026-01[34].yaml")) == [
        "fed-2026-013.yaml", "fed-2026-014.yaml"]
    assert main(["new", "proposal", "--data", str(root), "--id", "../../escape"]) == 2
    assert not (tmp_path / "escape.yaml").exists() and "无效" in capsys.readouterr().err

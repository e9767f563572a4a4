"""gongshi diff: every kind of change a reader would see is reported, page by page, in Markdown
that no record text can break."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.workflow.diff import compare, inline
from tests.conftest import SAMPLE, TODAY, DataCopy

HOSTILE_TITLE = "关于 `x` *y* [点我](https://evil.example) | 表格 @someone $m$ \\ 结尾 <!--"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


def section(out: str, heading: str) -> str:
    assert f"### {heading}\n" in out, heading
    return out.split(f"### {heading}\n")[1].split("\n### ")[0]


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """A repository whose second commit makes one change of every class; (markdown, json, facts)."""
    repo = tmp_path_factory.mktemp("diff") / "records"
    shutil.copytree(SAMPLE, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    records = DataCopy(repo / "data")
    facts = {}
    facts["old_title"] = records.read("proposals/fed-2025-001.yaml")["title"]
    records.edit("proposals/fed-2025-001.yaml", lambda d: d.update(title="关于校车班次的提案（改名）"))
    records.edit("proposals/fed-2024-001.yaml", lambda d: d.update(text=d["text"] + "另附：晚间增开一班。"))
    records.edit("proposals/fed-2024-002.yaml", lambda d: d["answers"][0].update(text="答复已修订：本周起执行。"))
    person = records.read("rosters/fed-2026-2027.yaml")["presidium"][0]["person"]
    facts["old_name"] = records.read(f"people/{person}.yaml")["name"]
    records.edit(f"people/{person}.yaml", lambda d: d.update(name="欧阳改名"))
    records.edit("announcements/notice-2026-01-05.yaml", lambda d: d.update(body="述职评议改在线上进行。"))
    records.edit("congresses/fed-2025.yaml", lambda d: d.update(date=date(2025, 10, 19)))
    facts["deleted"] = records.read("announcements/notice-2026-09-15.yaml")["title"]
    records.path("announcements/notice-2026-09-15.yaml").unlink()
    records.write("announcements/notice-2026-11-20.yaml", dict(
        records.read("announcements/notice-2026-01-05.yaml"), id="notice-2026-11-20", title=HOSTILE_TITLE,
        date=date(2026, 11, 20)))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "head")
    summary = compare(repo / "data", "HEAD~1", "HEAD", TODAY)
    return summary.as_markdown("https://gongshi.example.org/"), json.loads(summary.as_json()), facts


def test_a_renamed_proposal_shows_both_titles(changed):
    out, _, facts = changed
    proposals = section(out, "提案")
    assert f"原文：{inline(facts['old_title'])}" in proposals
    assert "改为：关于校车班次的提案（改名）" in proposals
    assert "[关于校车班次的提案（改名）](https://gongshi.example.org/proposals/fed-2025-001/)" in proposals


def test_edited_proposal_text_and_answer_are_quoted(changed):
    proposals = section(changed[0], "提案")
    assert "另附：晚间增开一班。" in proposals
    assert "改为：答复已修订：本周起执行。" in proposals


def test_a_renamed_person_shows_on_the_roster(changed):
    out, _, facts = changed
    roster = section(out, "名单")
    assert facts["old_name"] in roster and "欧阳改名" in roster


def test_announcement_body_new_and_deleted_announcements(changed):
    out, _, facts = changed
    notices = section(out, "公告")
    assert "改为：述职评议改在线上进行。" in notices
    assert f"- 删除 {inline(facts['deleted'])}" in notices
    assert "- 新增 [" + inline(HOSTILE_TITLE) + "](https://gongshi.example.org/announcements/notice-2026-11-20/)" \
        in notices


def test_a_congress_date_change_is_quoted(changed):
    congresses = section(changed[0], "代表大会")
    assert "2025年10月18日" in congresses and "2025年10月19日" in congresses


def test_json_lists_the_same_changes(changed):
    _, data, _ = changed
    paths = {(p["change"], p["path"]) for p in data["pages"]}
    assert ("removed", "announcements/notice-2026-09-15.md") in paths
    assert ("added", "announcements/notice-2026-11-20.md") in paths
    assert ("changed", "proposals/fed-2025-001.md") in paths
    assert {p["group"] for p in data["pages"]} >= {"公告", "名单", "代表大会", "提案"}
    assert isinstance(data["blocks"], bool) and data["errors"] >= 0


def test_a_title_cannot_break_the_markdown(changed):
    out = changed[0]
    # nothing a record wrote can open HTML, a comment, a code span, a link, a mention or math
    assert "<" not in out and ">" not in out
    line = next(x for x in out.splitlines() if "notice-2026-11-20" in x)
    stripped = re.sub(r"\\[\\`*_\[\]|~$]|&(lt|gt|amp|#64);", "", line)
    assert not re.search(r"[`*|~$@]", stripped.split("](")[0])
    assert "[点我](" not in out and "@someone" not in out
    # the verdict still closes the summary
    assert out.rstrip().splitlines()[-1].startswith(("合并后：", "**合并后："))


@pytest.mark.parametrize("text", ["a\nb", "<!--", "</details>", "x\r\n# 标题", "\x1b[31mred", "a\u202eb", "`` code ``"])
def test_inline_keeps_any_text_on_one_literal_line(text):
    out = inline(text)
    assert "\n" not in out and "\r" not in out and "<" not in out and "\x1b" not in out and "\u202e" not in out
    assert not re.search(r"(?<!\\)`", out)


def test_an_absolute_symlink_is_a_finding_not_a_crash(tmp_path, capsys):
    repo = tmp_path / "records"
    shutil.copytree(SAMPLE, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    os.symlink("/etc/passwd", repo / "data/people/passwd.yaml")
    os.symlink("../../../outside.yaml", repo / "data/people/outside.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "links")
    assert main(["diff", "HEAD~1", "HEAD", "--data", str(repo / "data"), "--today", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    found = section(out, "新出现的检查问题")
    assert "people/passwd.yaml" in found and "people/outside.yaml" in found
    assert "root:" not in out and "存在错误，网站不会发布" in out
    assert not (tmp_path / "outside.yaml").exists()
    # the other way round, HEAD is exported rather than read in place: the links are a finding there too
    assert main(["diff", "HEAD", "HEAD~1", "--data", str(repo / "data"), "--today", "2026-11-24"]) == 0
    resolved = section(capsys.readouterr().out, "已解决的检查问题")
    assert "people/passwd.yaml" in resolved and "people/outside.yaml" in resolved


def test_no_change_says_so(tmp_path, capsys):
    repo = tmp_path / "records"
    shutil.copytree(SAMPLE, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    assert main(["diff", "HEAD", "--data", str(repo / "data"), "--today", "2026-11-24", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["pages"] == []
    assert main(["diff", "HEAD", "--data", str(repo / "data"), "--today", "2026-11-24"]) == 0
    assert "网站内容没有变化" in capsys.readouterr().out


def test_private_edits_show_no_page_and_no_value(tmp_path):
    """The diff reads the public pages only: a change under private: is invisible, its value never quoted."""
    repo = tmp_path / "records"
    shutil.copytree(SAMPLE, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    records = DataCopy(repo / "data")
    for path in sorted(records.path("people").glob("*.yaml"))[:20]:
        records.edit(f"people/{path.name}", lambda d: d["private"].update(
            student_number="CANARY71", phone="13900007777"))
    git(repo, "commit", "-qam", "private only")
    summary = compare(repo / "data", "HEAD~1", "HEAD", TODAY)
    assert summary.pages == [] and summary.files == []
    out = summary.as_markdown() + summary.as_json()
    assert "CANARY71" not in out and "13900007777" not in out

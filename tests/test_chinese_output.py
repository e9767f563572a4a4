"""Everything a staff member can read from a command is Chinese, apart from codes, IDs, field
names, paths and URLs: a sample of every command's output, including argparse's usage, help and
errors, on records with the usual mistakes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from generator.cli import COMMANDS, main
from tests.conftest import ROOT, SAMPLE, english_words


def run(capsys, *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command_is_chinese(command, capsys):
    code, text = run(capsys, command, "--help")
    assert code == 0 and text.startswith("用法：gongshi")
    assert "选项" in text and "显示本帮助并退出" in text
    assert english_words(text) == [], text


@pytest.mark.parametrize("argv", [
    [], ["nope"], ["check", "--bogus"], ["check", "--format", "xml"], ["diff"], ["new"], ["new", "robot"],
    ["check", "--today", "2026-13-40"], ["synth", "--years", "x", "--out", "o"], ["check", "--output"],
])
def test_usage_errors_are_chinese(argv, capsys):
    code, text = run(capsys, *argv)
    assert code == 2 and "错误：" in text and "用法：" in text
    assert english_words(re.sub(r"'[^']*'|--bogus", "", text)) == [], text  # what was typed is quoted as typed


@pytest.fixture
def mistaken(tmp_path):
    """A records repository in git whose working tree has the usual staff mistakes."""
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "data")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base"],
                   cwd=repo, check=True)
    notice = repo / "data/announcements/notice-2026-01-05.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle：", 1), encoding="utf-8")
    proposal = repo / "data/proposals/fed-2025-003.yaml"
    proposal.write_text(proposal.read_text(encoding="utf-8").replace("status: in_progress", "status: 办理中", 1),
                        encoding="utf-8")
    review = repo / "data/proposals/fed-2025-004.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: \"", 1), encoding="utf-8")
    return repo


def test_every_command_speaks_chinese_on_records_with_mistakes(mistaken, capsys, monkeypatch):
    monkeypatch.chdir(mistaken)
    today = ("--today", "2026-11-24")
    outputs = {
        "check": run(capsys, "check", "data", *today),
        "fmt": run(capsys, "fmt", "data"),
        "fmt --check": run(capsys, "fmt", "--check", "data"),
        "new": run(capsys, "new", "proposal", "--data", "data", "--org", "fed", *today),
        "check after new": run(capsys, "check", "data", *today),
        "diff": run(capsys, "diff", "HEAD", "--data", "data", *today),
        "diff unknown revision": run(capsys, "diff", "no-such-branch", "--data", "data", *today),
        "build": run(capsys, "build", "--config", str(ROOT / "mkdocs.yml"), "--data", "data", "--out", "site", *today),
        "rules": run(capsys, "rules"),
        "schema": run(capsys, "schema", "--out", "schemas"),
        "synth": run(capsys, "synth", "--years", "1", "--colleges", "1", "--out", "synth"),
        "migrate": run(capsys, "migrate", "--check", "data"),
        "serve without config": run(capsys, "serve", "--config", "missing.yml"),
    }
    assert outputs["check"][0] == 1 and outputs["build"][0] == 1 and outputs["fmt"][0] == 1
    assert "未填写" in outputs["check after new"][1] and "in_progress" in outputs["check"][1]
    for name, (_, text) in outputs.items():
        assert english_words(text.replace("\\", "")) == [], (name, text)  # diff escapes `_` for Markdown
    # the report formats: what a person reads in each is Chinese too
    for fmt in ("json", "github", "codeclimate"):
        code, text = run(capsys, "check", "data", "--format", fmt, *today)
        if fmt == "github":
            messages = [line.rsplit("::", 1)[1] for line in text.splitlines() if line.startswith("::")]
        elif fmt == "json":
            messages = [f["message"] for f in json.loads(text[: text.rindex("}") + 1])["findings"]]
        else:
            messages = [i["description"] for i in json.loads(text[: text.rindex("]") + 1])]
        assert messages and english_words("\n".join(messages)) == [], (fmt, messages)

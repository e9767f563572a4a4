"""YAML mistakes staff make, each reported in Chinese on the line that has to change, with the fix."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.records.loader import YamlProblem, parse
from tests.conftest import DataCopy

# (mistake, text, line to change, words the message must hold, words the fix must hold)
MISTAKES = [
    ("full-width colon", "id: a\noffice：体育系\nname: b\n", 2, ["office", "全角冒号"], ["`office: …`"]),
    ("full-width colon in a list item", "id: a\nanswers:\n- office：体育系\n  date: 2024-01-01\n", 3,
     ["office", "全角冒号"], ["半角冒号"]),
    ("full-width colon on the last line", "id: a\nanswers:\n- office：体育系\n", 3, ["全角冒号"], ["半角"]),
    ("full-width space in the indent", "id: a\nanswers:\n- office: x\n\u3000 date: 2024-01-01\n", 4,
     ["全角空格"], ["半角空格"]),
    ("full-width space after a dash", "id: a\nsubmitters:\n-\u3000张三\n- 李四\n", 3, ["`-`", "全角空格"], ["半角空格"]),
    ("full-width colon after a Chinese key", "id: a\n标题：通知\nname: b\n", 2, ["全角冒号"], ["英文", "`title: …`"]),
    ("full-width closing quote", "id: a\ntitle: \"通知”\nname: b\nx: 1\n", 2, ["全角引号"], ["半角 \""]),
    ("full-width comma in brackets", "id: a\ntags: [a，b\nname: c\n", 2, ["全角逗号"], ["[a, b]"]),
    ("missing space after a colon", "id: a\ntitle:通知\nname: b\n", 2, ["title", "缺少空格"], ["`title: …`"]),
    ("missing space after a colon in a list", "id: a\nhistory:\n- status:answered\n  date: 2024-01-01\n", 3,
     ["status", "缺少空格"], ["`status: …`"]),
    ("unclosed double quote", "id: a\ntitle: \"通知\nname: b\nx: 1\ny: 2\n", 2, ["引号", "没有闭合"], ["补上 \""]),
    ("unclosed single quote", "id: a\ntitle: '通知\nname: b\nx: 1\n", 2, ["引号", "没有闭合"], ["补上 '"]),
    ("tab in the indent", "id: a\nreview:\n\tbody: b\n", 3, ["制表符"], ["空格"]),
    ("list item field out of line", "id: a\nanswers:\n  - office: x\n   date: 2024\nname: b\n", 4,
     ["date", "缩进", "`answers` 的列表项"], ["4 格"]),
    ("field out of its block", "id: a\nreview:\n  reviewer: x\n body: y\nname: b\n", 4,
     ["body", "缩进", "`review`"], ["2 格"]),
    ("field indented under a value", "id: a\nreview:\n  reviewer: x\n    body: y\n", 4,
     ["body", "reviewer"], ["对齐"]),
    ("colon and space inside a value", "id: a\ntitle: 时间: 下午\n", 2, ["冒号+空格"], ["引号"]),
    ("unclosed bracket", "id: a\ntags: [a, b\nname: c\n", 2, ["[", "没有闭合"], ["]"]),
    ("dash without space", "id: a\ntags:\n-a\n- b\n", 3, ["`-`", "空格"], ["`- …`"]),
    ("list item under a key with a value", "id: a\nname: b\n- c\n", 3, ["列表项", "name"], ["对齐"]),
    ("value starting with a backtick", "id: a\ntitle: `x`\n", 2, ["开头"], ["引号"]),
    ("value starting with a star", "id: *a\n", 1, ["`*`"], ["引号"]),
    ("text after a closing quote", "title: \"通知\" 全文\nid: a\n", 1, ["引号闭合之后"], ["一对引号"]),
    ("bad escape in double quotes", "title: \"a\\q\"\n", 1, ["反斜杠"], ["单引号"]),
    ("second document", "id: a\n---\nid: b\n", 2, ["`---`"], ["一个文件只放一条记录"]),
    ("control character", "id: a\nname: b\x07\n", 2, ["控制字符"], ["删去"]),
    ("block scalar indicator with text", "text: |正文\n  a\n", 1, ["`|`"], ["下一行"]),
]


@pytest.mark.parametrize("mistake,text,line,words,fix_words", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_named_on_its_line_with_the_fix(mistake, text, line, words, fix_words):
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    problem = caught.value
    assert problem.line == line, (problem.line, problem.message)
    for word in words:
        assert word in problem.message, (word, problem.message)
    for word in fix_words:
        assert word in problem.fix, (word, problem.fix)
    assert not any(english in problem.message + problem.fix
                   for english in ("could not", "expected", "found", "while", "mapping", "scanning"))


def test_full_width_text_inside_a_text_block_is_left_alone():
    text = "id: a\ntext: |\n  \u3000\u3000第一段：说明\n  note：正文中的冒号\n  - \u3000列表\nname: c\n"
    assert parse(text).data["text"].startswith("\u3000\u3000第一段")
    quoted = "id: a\ntext: \"第一段\n  \u3000\u3000第二段\"\nname: c\n"  # a paragraph indent in quoted text
    assert "\u3000\u3000第二段" in parse(quoted).data["text"]


def test_check_reports_the_mistake_with_file_line_and_fix(sample: DataCopy, capsys):
    path = sample.path("announcements/notice-2026-01-05.yaml")
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[number] = lines[number].replace("title:", "title：", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", str(sample.root), "--today", "2026-11-24"]) == 1
    out = capsys.readouterr().out
    assert f"notice-2026-01-05.yaml:{number + 1}:" in out and "全角冒号" in out and "`title: …`" in out


def messages_for(sample: DataCopy, relative: str, change) -> list:
    sample.edit(relative, change)
    return [f for f in sample.check().findings if f.file.endswith(relative)]


def test_a_chinese_status_label_suggests_its_code(sample: DataCopy):
    found = messages_for(sample, "proposals/fed-2025-001.yaml",
                         lambda d: d["history"][-1].update(status="办理中"))
    assert found and "办理中" in found[0].message and "in_progress" in found[0].message
    assert "in_progress（办理中）" in found[0].fix and "answered（已答复）" in found[0].fix
    assert " or " not in found[0].fix


def test_a_wrong_code_lists_codes_with_labels(sample: DataCopy):
    person = sorted(sample.path("people").glob("*.yaml"))[0].name
    found = messages_for(sample, f"people/{person}", lambda d: d.update(degree="博士后"))
    assert found and "博士后" not in found[0].message + found[0].fix  # only labels are ever quoted
    assert "undergraduate（本科生）" in found[0].fix and "doctoral（博士研究生）" in found[0].fix


def test_fields_left_blank_by_gongshi_new_say_unfilled(sample: DataCopy, capsys):
    assert main(["new", "proposal", "--data", str(sample.root), "--org", "fed", "--today", "2026-11-24"]) == 0
    capsys.readouterr()
    assert main(["check", str(sample.root), "--today", "2026-11-24"]) == 1
    out = capsys.readouterr().out
    assert "字段 `title` 未填写" in out and "字段 `text` 未填写" in out and "应为文本" not in out

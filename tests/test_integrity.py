"""The data.* rules and the `gongshi check` command surface, on a tiny hand-made dataset."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.rules.check import check
from generator.cli import main
from tests.conftest import TODAY

FILES = {
    "settings.yaml": """schema: gongshi/v1
id: settings
site_name: 测试站点
federation: fed
upper_federation: 上海市学生联合会
""",
    "organizations/fed.yaml": """schema: gongshi/v1
id: fed
name: 上海交通大学医学院学生联合会
short_name: 医学院学联
type: federation
league_org: 医学院团委
party_org: 医学院党委
""",
    "terms/2024-2025.yaml": """schema: gongshi/v1
id: 2024-2025
name: 2024—2025学年
start: 2024-09-01
end: 2025-08-31
semesters:
  - id: 2024-2025-1
    name: 第一学期
    start: 2024-09-01
    end: 2025-01-19
  - id: 2024-2025-2
    name: 第二学期
    start: 2025-02-17
    end: 2025-08-31
""",
    "people/p-0001.yaml": """schema: gongshi/v1
id: p-0001
name: 林小雨
college: fed
degree: undergraduate
enrolled: 2022
""",
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def data_findings(root: Path):
    return [f for f in check(root, TODAY)[1].findings if f.rule.startswith("data.")]


def test_tiny_dataset_has_no_integrity_findings(tiny):
    assert data_findings(tiny) == []


def test_syntax_error_names_file_and_line_and_the_rest_is_still_checked(tiny):
    (tiny / "people/p-0002.yaml").write_text("schema: gongshi/v1\nid: p-0002\nname: [未闭合\n", encoding="utf-8")
    (tiny / "people/p-0001.yaml").write_text(FILES["people/p-0001.yaml"].replace("enrolled", "enroled"),
                                              encoding="utf-8")
    found = {(f.rule, Path(f.file).name, f.line) for f in data_findings(tiny)}
    assert ("data.yaml-syntax", "p-0002.yaml", 4) in found or ("data.yaml-syntax", "p-0002.yaml", 3) in found
    assert ("data.schema", "p-0001.yaml", 6) in found  # the typo'd key's own line


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: t.replace("degree: undergraduate", "degree: 本科"), "取值"),
        (lambda t: t.replace("enrolled: 2022", "enrolled: 二〇二二"), "整数"),
        (lambda t: t.replace("name: 林小雨\n", ""), "缺少必填字段"),
        (lambda t: t.replace("id: p-0001", "id: P 0001"), "格式"),
    ],
)
def test_schema_errors_are_reported_in_chinese(tiny, change, message):
    path = tiny / "people/p-0001.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    found = [f for f in data_findings(tiny) if f.rule == "data.schema"]
    assert found and message in found[0].message


def test_file_name_must_match_id(tiny):
    (tiny / "people/p-0001.yaml").rename(tiny / "people/p-0009.yaml")
    found = data_findings(tiny)
    assert [f.rule for f in found] == ["data.schema"] and "文件名" in found[0].message


@pytest.mark.parametrize("header", ["", "schema: gongshi/v9\n"])
def test_schema_version_missing_or_unsupported(tiny, header):
    path = tiny / "people/p-0001.yaml"
    path.write_text(header + path.read_text(encoding="utf-8").replace("schema: gongshi/v1\n", ""), encoding="utf-8")
    assert [f.rule for f in data_findings(tiny)] == ["data.schema-version"]


def test_duplicate_semester_id(tiny):
    text = FILES["terms/2024-2025.yaml"].replace("id: 2024-2025\n", "id: 2025-2026\n")
    text = text.replace("start: 2024-09-01\nend: 2025-08-31", "start: 2025-09-01\nend: 2026-08-31")
    text = text.replace("    start: 2024-09-01\n    end: 2025-01-19", "    start: 2025-09-01\n    end: 2026-01-19")
    text = text.replace("    start: 2025-02-17\n    end: 2025-08-31", "    start: 2026-02-17\n    end: 2026-08-31")
    (tiny / "terms/2025-2026.yaml").write_text(text, encoding="utf-8")
    found = [f for f in data_findings(tiny) if f.rule == "data.duplicate-id"]
    assert len(found) == 2 and all(f.file.endswith("2025-2026.yaml") for f in found)


def test_unknown_reference_points_at_the_field(tiny):
    path = tiny / "people/p-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("college: fed", "college: nowhere"), encoding="utf-8")
    found = data_findings(tiny)
    assert [(f.rule, f.line) for f in found] == [("data.unknown-reference", 4)]
    assert "nowhere" in found[0].message


def test_reference_to_a_broken_file_is_not_reported_twice(tiny):
    (tiny / "organizations/fed.yaml").write_text(FILES["organizations/fed.yaml"] + "colour: red\n", encoding="utf-8")
    rules = [f.rule for f in data_findings(tiny)]
    assert "data.schema" in rules and "data.unknown-reference" not in rules


def test_date_order(tiny):
    path = tiny / "terms/2024-2025.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    end: 2025-01-19", "    end: 2024-08-01"),
                    encoding="utf-8")
    found = [f for f in data_findings(tiny) if f.rule == "data.date-order"]
    assert found and all(f.line == 10 or f.line == 9 for f in found)


def test_symlink_out_of_data_is_refused(tiny, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text(FILES["people/p-0001.yaml"].replace("p-0001", "p-0002"), encoding="utf-8")
    (tiny / "people/p-0002.yaml").symlink_to(outside)
    found = data_findings(tiny)
    assert [(f.rule, Path(f.file).name) for f in found] == [("data.yaml-syntax", "p-0002.yaml")]


# ------------------------------------------------------------------ the command


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_exit_codes(tiny, capsys, tmp_path):
    with pytest.raises(SystemExit) as caught:  # argparse: a usage error
        main(["check", str(tmp_path / "missing")])
    assert caught.value.code == 2 and "不存在" in capsys.readouterr().err
    path = tiny / "people/p-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tiny), "--today", "2026-11-24")
    assert code == 1
    assert re.search(r"p-0001\.yaml:7:1  错误  data\.schema  未知字段 `colour`.*（数据完整性）  — ", out)


def test_bad_today_is_a_usage_error(tiny, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["check", str(tiny), "--today", "2026-13-01"])
    assert caught.value.code == 2


def test_json_format_has_exactly_the_documented_keys(tiny, capsys):
    path = tiny / "people/p-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(tiny), "--format", "json", "--today", "2026-11-24")
    body = json.loads(out)
    assert set(body) == {"errors", "warnings", "findings"}
    assert body["errors"] >= 1
    assert set(body["findings"][0]) == {"rule", "severity", "file", "line", "column", "message", "clause"}


def test_github_format_is_workflow_commands(tiny, capsys):
    path = tiny / "people/p-0001.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", str(tiny), "--format", "github", "--today", "2026-11-24")
    lines = [l for l in out.splitlines() if l.startswith("::")]
    assert lines
    for line in lines:
        assert re.fullmatch(r"::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[a-z0-9.-]+::[^\n]+", line)

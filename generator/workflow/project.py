"""A records repository: what `gongshi init` writes and `gongshi upgrade-files` keeps current.

A records repository holds its own records (data/), mkdocs.yml, an about page and whatever
templates or pages it overrides. Everything else (templates, staff guide, assets) comes from the
installed Gongshi. The CI, pre-commit and editor files and the JSON Schemas are copies of the
shipped ones that belong to one Gongshi version: the CI files install exactly that version.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .. import package_files
from ..records import schema

# The reference CI files install this checkout; a records repository installs a pinned release.
EDITABLE_INSTALL = re.compile(r"pip install -e \.(?=\s|$)")
# mkdocs.yml pins the sample's day; a new repository computes statuses for the real date.
PINNED_TODAY = re.compile(r"(?:^[ \t]*#[^\n]*\n)*^[ \t]*today:[^\n]*\n", re.M)


def requirement() -> str:
    """What a records repository's CI installs: exactly the running version."""
    return f"gongshi=={package_files.version()}"


def generated_files(install: str | None = None) -> dict[str, str]:
    """Path in a records repository -> text, for the files tied to the installed Gongshi version."""
    install = install or requirement()
    out = {}
    for relative in package_files.PROJECT_FILES:
        text = package_files.path(relative).read_text(encoding="utf-8")
        if relative.startswith(".github/") or relative == ".gitlab-ci.yml":
            text, count = EDITABLE_INSTALL.subn(f'pip install "{install}"', text)
            if not count:
                raise RuntimeError(f"{relative}: 找不到安装 Gongshi 的命令，无法固定版本")
        out[relative] = text
    out |= {f"schemas/{name}": text for name, text in schema.rendered().items()}
    return out


@dataclass(frozen=True)
class Names:
    """The union's names, from `gongshi init` flags; staff edit the records afterwards."""

    name: str = "某某大学学生联合会"
    short_name: str = "某某学联"
    federation_id: str = "fed"
    site_name: str = ""
    upper_federation: str = "上级学生联合会"

    @property
    def site(self) -> str:
        return self.site_name or f"{self.short_name}公示平台"


def mkdocs_config(sample: bool) -> str:
    text = package_files.path("mkdocs.yml").read_text(encoding="utf-8")
    return text if sample else PINNED_TODAY.sub("", text, count=1)


def sample_files() -> dict[str, bytes]:
    """The fictional sample: its records and its own about page."""
    data = package_files.path("data")
    out = {f"data/{p.relative_to(data).as_posix()}": p.read_bytes()
           for p in sorted(data.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}
    out["content/about.md"] = package_files.path("content/about.md").read_bytes()
    return out


def starter_files(names: Names, today: date) -> dict[str, bytes]:
    """A minimal valid set of records for one organization and the current academic year."""
    start = today.year if today.month >= 9 else today.year - 1
    term = f"{start}-{start + 1}"
    quoted = Names(**{k: _scalar(v) for k, v in vars(names).items()} | {"site_name": _scalar(names.site)})
    fields = {"names": quoted, "term": term, "start": start, "end": start + 1, "today": today.isoformat()}
    texts = {
        "data/settings.yaml": SETTINGS, f"data/organizations/{names.federation_id}.yaml": ORGANIZATION,
        f"data/terms/{term}.yaml": TERM, f"data/announcements/welcome-{today.isoformat()}.yaml": ANNOUNCEMENT,
    }
    out = {path: text.format(**fields).encode("utf-8") for path, text in texts.items()}
    out["content/about.md"] = ABOUT.format(names=names).encode("utf-8")
    return out


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same string (quoted when it must be)."""
    if value and yaml.safe_load(value) == value and not re.search(r"[#:'\"]|^\s|\s$", value):
        return value
    return json.dumps(value, ensure_ascii=False)


def init(target: Path, names: Names, today: date, sample: bool = False, install: str | None = None) -> list[str]:
    """Write a new records repository into ``target`` (missing or empty); returns the paths written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(target)
    files: dict[str, bytes] = {path: text.encode("utf-8") for path, text in generated_files(install).items()}
    files["mkdocs.yml"] = mkdocs_config(sample).encode("utf-8")
    files |= sample_files() if sample else starter_files(names, today)
    files["README.md"] = README.format(version=package_files.version(), install=install or requirement()).encode("utf-8")
    files[".gitignore"] = b"/site/\n.gongshi-cache/\n__pycache__/\n"
    for relative, content in sorted(files.items()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return sorted(files)


PINNED_INSTALL = re.compile(r'pip install "([^"]+)"')


def installed_from(root: Path) -> str | None:
    """The pip requirement a repository's CI installs, when it is not a plain ``gongshi==`` pin
    (a wheel or git URL chosen with ``init --install``): upgrades keep it rather than guess."""
    for relative in (".gitlab-ci.yml", ".github/workflows/publish.yml"):
        path = root / relative
        found = PINNED_INSTALL.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if found and not found.group(1).startswith("gongshi=="):
            return found.group(1)
    return None


def upgrade(root: Path, install: str | None = None, write: bool = True) -> list[str]:
    """Bring the version-tied files in ``root`` to the installed Gongshi; returns a unified diff per changed file."""
    install = install or installed_from(root)
    diffs = []
    for relative, text in generated_files(install).items():
        path = root / relative
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        if old == text:
            continue
        diffs.append("".join(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                  f"a/{relative}", f"b/{relative}")))
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return diffs


SETTINGS = """\
# yaml-language-server: $schema=../schemas/settings.schema.json
# 站点设置：网站名称、本会组织、上级学联和各种期限。改完运行 gongshi check。
# 记录格式的版本，由 gongshi migrate 维护，请勿手改
schema: gongshi/v1
# 固定为 settings
id: settings
# 网站名称，显示在每个页面的顶部和浏览器标题中
site_name: {names.site}
# 本会（学联）的组织 ID，对应 data/organizations/{names.federation_id}.yaml
federation: {names.federation_id}
# 上级学联名称：选举结果要报其备案
upper_federation: {names.upper_federation}
# 提案自立案之日起多少天内必须答复
response_days: 90
# 选举结果批准后多少天内报上级学联备案
filing_days: 30
# 是否公开候选人的政治面貌（默认不公开）
publish_candidate_political_status: false
# 检查所依据的改革方案，在「合规」页面引用
plan:
  # 方案名称（填写正式名称）
  title: 学联学生会组织改革方案
  # number: 某委〔2021〕83号    # 文号（可选）
  # url: https://example.org/plan.pdf  # 方案原文的网址（可选）
# look:                       # 本会的颜色和标志（可选；不填用默认配色）
#   primary: '#9b1c1c'        # 主色：页眉和链接
#   accent: '#283593'         # 强调色
#   logo: assets/logo.svg     # 标志图片，放在 content/assets/ 下
"""

ORGANIZATION = """\
# yaml-language-server: $schema=../../schemas/organization.schema.json
# 一个组织（学联或院系学生会）一个文件，文件名就是组织 ID。
schema: gongshi/v1
# 组织 ID：小写字母、数字和连字符，与文件名一致
id: {names.federation_id}
# 全称
name: {names.name}
# 简称，用在列表和导航中
short_name: {names.short_name}
# federation 学联 / college 院系学生会（院系学生会还要填 college_name 和 guided_by）
type: federation
# 指导本会的团组织
league_org: 校团委
# 同级党组织
party_org: 校党委
# 各学年所联系的学生人数，按年级（U 本科、M 硕士、D 博士，后跟年级）
students:
  {term}:
    U1: 1000
    U2: 1000
# 主要学生社团（每行一个，如 - 青年志愿者协会）
main_clubs: []
# 各学年的团组织指导老师（写法见《记录维护指南》中的记录说明）
advisers: []
# 同学意见建议的线上、线下征集渠道（方案要求两者都有）
feedback_channels:
- type: online
  name: 意见征集问卷
  description: 每学期开学后开放，结果在公告中公开
- type: offline
  name: 学联办公室意见箱
"""

TERM = """\
# yaml-language-server: $schema=../../schemas/term.schema.json
# 一个学年一个文件（9 月至次年 8 月），含两个学期。日期请按学校校历修改。
schema: gongshi/v1
# 学年 ID：起止年份
id: {term}
name: {start}—{end}学年
start: {start}-09-01
end: {end}-08-31
# 两个学期，ID 为学年 ID 加 -1 / -2
semesters:
- id: {term}-1
  name: {start}—{end}学年第一学期
  start: {start}-09-01
  end: {end}-01-19
- id: {term}-2
  name: {start}—{end}学年第二学期
  start: {end}-02-17
  end: {end}-08-31
"""

ANNOUNCEMENT = """\
# yaml-language-server: $schema=../../schemas/announcement.schema.json
# 公告：发布日起显示在首页和「公告」页面。新建公告用 gongshi new announcement。
schema: gongshi/v1
# 公告 ID，与文件名一致
id: welcome-{today}
# 发布公告的组织 ID
organization: {names.federation_id}
title: 公示平台开通
# 发布日期
date: {today}
# 正文，可用 Markdown
body: |
  本平台公开本会的组织架构、代表大会、述职评议和提案办理情况。
  欢迎同学通过组织页面列出的渠道提出意见和建议。
# 发布前团组织的审核（方案要求重要信息发布前经审核）
review:
  # 审核人
  reviewer: 校团委负责老师
  # 审核的团组织
  body: 校团委
  # 审核日期，不晚于发布日期
  date: {today}
"""

ABOUT = """\
---
title: 关于本站
---

# 关于本站

本站公开{names.name}的组织、选举、代表大会、述职评议和提案办理情况。

## 数据从哪里来

页面由工作人员维护的记录自动生成。每次发布前，系统会按改革方案逐条检查全部记录：记录违反方案规定时，网站不会发布，直到记录更正为止。检查结果见[合规](compliance.md)页面。

## 哪些信息不会公开

学号、电话、政治面貌、成绩与排名、违纪处理等信息只用于检查是否符合任职条件，不会出现在本站的任何页面、搜索结果、订阅或下载文件中。

## 订阅与下载

- [公告订阅（Atom）](feeds/announcements.xml)
- [提案答复订阅（Atom）](feeds/answers.xml)
- [数据下载](downloads.md)

工作人员请阅读[记录维护指南](guide/index.md)。
"""

README = """\
# 公示记录仓库

这个仓库保存本会的公示记录（`data/` 中的 YAML 文件），由 Gongshi {version} 检查并生成公示网站。
页面模板、样式和《记录维护指南》来自安装的 Gongshi，本仓库只保存记录和需要自定义的文件。

## 日常工作

1. 在 `data/` 中修改或新建记录（新建用 `gongshi new KIND`，例如 `gongshi new announcement`）。
2. 运行 `gongshi check`：有错误时会指出文件、行号、违反的条款和修改方法。
3. 运行 `gongshi build` 生成网站（在 `site/` 中），或 `gongshi serve` 在本机预览。
4. 发起拉取请求（合并请求）；检查通过并合并后，网站自动发布。

详细说明见网站“关于”页面底部的《记录维护指南》。

## 安装

```bash
python -m pip install "{install}"
```

持续集成（`.github/workflows/`、`.gitlab-ci.yml`）安装的是同一个版本。

## 自定义

- 网站名称、改革方案、颜色和标志：`data/settings.yaml`。
- 页面：`content/` 中的文件（如 `content/about.md`）。放入与 Gongshi 自带文件同名的文件即可替换它，
  例如 `content/guide/index.md` 替换指南首页。
- 模板：把 Gongshi 自带的模板复制到 `templates/` 下的相同位置再修改，例如 `templates/pages/home.html.j2`。

## 升级 Gongshi

```bash
python -m pip install -U "gongshi==新版本号"
gongshi migrate          # 把记录改写为新版本的格式（保留注释和顺序），并列出改动
gongshi upgrade-files    # 更新持续集成、编辑器配置和 schemas/，并显示改动
gongshi check
```

检查无误后提交所有改动。
"""

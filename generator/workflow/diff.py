"""What merging one revision of the records into another changes on the public site.

Both sides are compared through the public view (and the findings), never through the raw
records, so a change summary posted on a pull request cannot reveal a private value.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..rules.check import check
from ..site.public import View, build_view


class RevisionError(Exception):
    """A git revision that cannot be read."""


@dataclass
class Side:
    view: View
    findings: set[tuple[str, str, str, str]]  # (severity, rule, file, message)


def _git(repo: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True).stdout
    except FileNotFoundError:
        raise RevisionError("找不到 git 命令") from None
    except subprocess.CalledProcessError as error:
        raise RevisionError(error.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} 失败") from None


def export(data_dir: Path, revision: str, into: Path) -> Path:
    """Write the ``data_dir`` tree as it is at ``revision`` under ``into``; returns the exported data dir."""
    data_dir = data_dir.resolve()
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    relative = data_dir.relative_to(top).as_posix()
    _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    archive = _git(top, "archive", "--format=tar", revision, "--", relative)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / relative


def side(data_dir: Path, today: date) -> Side:
    data, outcome = check(data_dir, today)
    findings = {(f.severity, f.rule, Path(f.file).name, f.message) for f in outcome.active}
    return Side(build_view(data, outcome, today), findings)


def _memberships(view: View) -> dict[tuple[str, str], dict[str, tuple[str, str]]]:
    """(organization short name, term name) → person ID → (name, post)."""
    out: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
    for terms in view.rosters.values():
        for roster in terms:
            posts = {m["person"]["id"]: (m["person"]["name"], f"主席团·{m['title']}") for m in roster["presidium"]}
            for d in roster["departments"]:
                posts |= {m["person"]["id"]: (m["person"]["name"], f"{d['name']}·{m['title']}")
                          for m in d["heads"] + d["staff"]}
            out[(roster["organization"]["short_name"], roster["term_name"])] = posts
    return out


def _matched(before: list[dict], after: list[dict]):
    """Each record of ``after`` with its version in ``before`` (None when it is new)."""
    old = {item["id"]: item for item in before}
    for item in after:
        yield item, old.get(item["id"])


def _congress_changes(base: View, head: View) -> list[str]:
    items = []
    for c, was in _matched(base.congresses, head.congresses):
        if was is None:
            items.append(f"新增：{c['name']}（{c['date']}）")
            continue
        if len(c["delegates"]) != len(was["delegates"]):
            items.append(f"{c['name']}：代表 {len(was['delegates'])} → {len(c['delegates'])} 人")
        if c["results"]["badge"] != was["results"]["badge"]:
            items.append(f"{c['name']}：选举结果 {was['results']['badge']} → {c['results']['badge']}")
        elected = lambda v: sorted(x["person"]["name"] for e in v["elections"] for x in e["candidates"] if x["elected"])
        if elected(c) != elected(was):
            items.append(f"{c['name']}：当选名单改为 {'、'.join(elected(c)) or '（无）'}")
    return items


def _review_changes(base: View, head: View) -> list[str]:
    old = {(r["id"], e["person"]["id"]): e for r in base.reviews for e in r["evaluations"]}
    items = []
    for r in head.reviews:
        title = f"{r['organization'].get('short_name', '')} {r['semester_name']}"
        for e in r["evaluations"]:
            was = old.get((r["id"], e["person"]["id"]))
            if was is None:
                items.append(f"{title}：新增 {e['person']['name']} 的评议（{e['outcome']}）")
            elif (was["outcome"], was["scores"]) != (e["outcome"], e["scores"]):
                items.append(f"{title}：{e['person']['name']} {was['outcome']} → {e['outcome']}")
    return items


def _organization_changes(base: View, head: View) -> list[str]:
    fields = {"name": "全称", "short_name": "简称", "league_org": "指导团组织", "party_org": "同级党组织",
              "main_clubs": "主要学生社团", "rights_mechanism": "权益工作机制", "channels": "意见征集渠道",
              "advisers": "指导老师"}
    items = []
    for o, was in _matched(base.organizations, head.organizations):
        if was is None:
            items.append(f"新增组织：{o['name']}")
            continue
        items += [f"{o['short_name']}：{label}有变化" for key, label in fields.items() if o[key] != was[key]]
    return items


def summary(base: Side, head: Side) -> str:
    """Chinese Markdown: what the merge changes on the public site."""
    lines = ["## 合并后网站上的变化", ""]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.extend([f"### {title}", "", *[f"- {i}" for i in items], ""])

    old = {a["id"]: a for a in base.view.announcements}
    new = {a["id"]: a for a in head.view.announcements}
    section("公告", [f"新增：{a['title']}（{a['date']}）{'【' + a['badge'] + '】' if a['badge'] else ''}"
                   for i, a in new.items() if i not in old]
            + [f"修改：{a['title']}" + (f"（{old[i]['badge']} → {a['badge']}）" if a["badge"] != old[i]["badge"] else "")
               for i, a in new.items() if i in old and (a["title"], a["summary"], a["badge"], a["date"])
               != (old[i]["title"], old[i]["summary"], old[i]["badge"], old[i]["date"])]
            + [f"撤下：{a['title']}" for i, a in old.items() if i not in new])

    roster_items = []
    before, after = _memberships(base.view), _memberships(head.view)
    for key in sorted(set(before) | set(after)):
        org, term = key
        b, a = before.get(key, {}), after.get(key, {})
        roster_items += [f"{org} {term}：{name} 加入（{post}）" for pid, (name, post) in sorted(a.items()) if pid not in b]
        roster_items += [f"{org} {term}：{name} 离开（原 {post}）" for pid, (name, post) in sorted(b.items()) if pid not in a]
        roster_items += [f"{org} {term}：{name} {b[pid][1]} → {post}" for pid, (name, post) in sorted(a.items())
                         if pid in b and b[pid][1] != post]
    section("名单", roster_items)
    section("组织", _organization_changes(base.view, head.view))
    section("学生代表大会", _congress_changes(base.view, head.view))
    section("述职评议", _review_changes(base.view, head.view))

    old_p = {p["id"]: p for p in base.view.proposals}
    proposal_items = []
    for p in head.view.proposals:
        was = old_p.get(p["id"])
        if was is None:
            proposal_items.append(f"新提案 {p['id']}：{p['title']}（{p['status_name']}）")
            continue
        if was["status"] != p["status"]:
            proposal_items.append(f"{p['id']} {p['title']}：{was['status_name']} → {p['status_name']}")
        if len(p["answers"]) > len(was["answers"]):
            proposal_items.append(f"{p['id']} {p['title']}：新增答复 {len(p['answers']) - len(was['answers'])} 条")
        if p["overdue"] != was["overdue"]:
            proposal_items.append(f"{p['id']} {p['title']}：{'变为逾期' if p['overdue'] else '不再逾期'}")
    proposal_items += [f"删除提案 {i}：{p['title']}" for i, p in old_p.items()
                       if i not in {q["id"] for q in head.view.proposals}]
    section("提案", proposal_items)

    label = {"error": "错误", "warning": "警告"}
    section("新出现的检查问题", [f"{label[s]} {rule}（{file}）：{message}" for s, rule, file, message
                            in sorted(head.findings - base.findings)])
    section("已解决的检查问题", [f"{label[s]} {rule}（{file}）：{message}" for s, rule, file, message
                            in sorted(base.findings - head.findings)])
    if len(lines) == 2:
        lines += ["网站内容没有变化。", ""]
    errors = sum(1 for f in head.findings if f[0] == "error")
    lines.append(f"合并后：{errors} 个错误，{len(head.findings) - errors} 个警告。"
                 + ("**存在错误，网站不会发布。**" if errors else ""))
    return "\n".join(lines) + "\n"


def compare(data_dir: Path, base: str, head: str | None, today: date) -> str:
    """Summary of ``base`` → ``head`` (a revision, or the working tree when ``head`` is None)."""
    with tempfile.TemporaryDirectory(prefix="gongshi-diff-") as tmp:
        base_side = side(export(data_dir, base, Path(tmp) / "base"), today)
        head_dir = export(data_dir, head, Path(tmp) / "head") if head else data_dir
        return summary(base_side, side(head_dir, today))

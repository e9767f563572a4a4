"""The installable package: shipped files, overrides in a records repository, init, upgrades."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from generator import package_files
from generator.site.build import build_site

from conftest import ROOT, SAMPLE, TODAY


def test_checkout_is_its_own_package_root():
    """Run from this checkout (editable install), the shipped files are the repository's own."""
    assert package_files.root() == ROOT
    shipped = dict(package_files.shared_content())
    assert "guide/index.md" in shipped and "assets/gongshi.css" in shipped
    assert "about.md" not in shipped  # a deployment's about page is its own, never a fallback


def test_records_repository_overrides_only_what_it_keeps(tmp_path):
    """A repository with mkdocs.yml, data/ and one template gets the shipped guide and assets,
    and its own template replaces the shipped one of the same name."""
    repo = tmp_path / "union"
    (repo / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "content" / "about.md").write_text("# 关于\n\n见[指南](guide/index.md)。\n", encoding="utf-8")
    override = repo / "templates" / "pages" / "compliance.html.j2"
    override.parent.mkdir(parents=True)
    shipped = (ROOT / "templates" / "pages" / "compliance.html.j2").read_text(encoding="utf-8")
    override.write_text(shipped.replace("<h1", '<p id="own-template">本会自定义模板</p>\n<h1', 1), encoding="utf-8")
    out = repo / "site"
    build_site(repo / "mkdocs.yml", SAMPLE, out, TODAY)
    assert "本会自定义模板" in (out / "compliance" / "index.html").read_text(encoding="utf-8")
    assert "本会自定义模板" not in (out / "proposals" / "index.html").read_text(encoding="utf-8")
    assert (out / "guide" / "election" / "index.html").is_file()
    assert (out / "assets" / "gongshi.css").read_bytes() == (ROOT / "content/assets/gongshi.css").read_bytes()


def test_wheel_maps_every_shipped_folder():
    """pyproject's force-include covers what package_files and init read."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for relative in ("templates", "content/guide", "content/assets", "schemas", "mkdocs.yml", "data",
                     *package_files.PROJECT_FILES[2:], ".github/workflows"):
        assert f'"{relative}" = "generator/_files/{relative}"' in text, relative
        assert (ROOT / relative).exists()


UNION_NAMES = ("上海交通大学", "交大", "SJTU", "沪交医")


def test_no_union_is_hard_coded_in_what_the_package_ships():
    """Names, plan and look come from data/settings.yaml: no shipped file but the sample names a union.
    The sample's own files (data/, its about page) and its generator (generator/synth/) are exempt."""
    shipped = [ROOT / "mkdocs.yml", *package_files.PROJECT_FILES]
    for folder in ("generator", "templates", "content/guide", "content/assets", "schemas"):
        shipped += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts
                    and "_files" not in p.parts and "synth" not in p.parts]
    assert len(shipped) > 50
    for path in shipped:
        path = ROOT / path
        text = path.read_text(encoding="utf-8", errors="ignore")
        for name in UNION_NAMES:
            assert name not in text, f"{path.relative_to(ROOT)} names {name}: take it from data/settings.yaml"


def test_settings_set_name_plan_and_colours(tmp_path):
    """A union's settings, not mkdocs.yml or a template, give the site its name, plan and colours."""
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    settings = (data / "settings.yaml").read_text(encoding="utf-8")
    settings = settings.replace("site_name: 上海交通大学医学院学联公示平台", "site_name: 示例大学学联公示")
    settings += "  url: https://example.org/plan.pdf\nlook:\n  primary: '#123456'\n  logo: assets/union-logo.svg\n"
    (data / "settings.yaml").write_text(settings, encoding="utf-8")
    out = tmp_path / "site"
    build_site(ROOT / "mkdocs.yml", data, out, TODAY)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "- 示例大学学联公示</title>" in home and "上海交通大学医学院学联公示平台" not in home and "assets/look.css" in home
    assert 'src="assets/union-logo.svg"' in home
    assert "--md-primary-fg-color: #123456" in (out / "assets" / "look.css").read_text(encoding="utf-8")
    compliance = (out / "compliance" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/plan.pdf">《上海交通大学医学院学联学生会深化改革实施方案》</a>（沪交医委〔2021〕83号）' in compliance


def _gongshi(*argv: str) -> int:
    from generator.cli import main

    return main(list(argv))


def test_init_writes_a_repository_that_checks_clean_and_builds(tmp_path, monkeypatch, capsys):
    from generator.rules.check import check

    repo = tmp_path / "union"
    assert _gongshi("init", str(repo), "--name", "示例大学学生联合会", "--short-name", "示例学联",
                    "--federation-id", "union", "--today", "2026-11-27") == 0
    assert (repo / "data/organizations/union.yaml").is_file() and (repo / "data/terms/2026-2027.yaml").is_file()
    _, outcome = check(repo / "data", date(2026, 11, 27))
    assert outcome.errors == [] and outcome.warnings == []
    for path in (repo / "data").rglob("*.yaml"):  # every record explains itself and names its schema
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=") and text.count("\n#") >= 1
    for ci in (".github/workflows/publish.yml", ".github/workflows/pull-request.yml", ".gitlab-ci.yml"):
        text = (repo / ci).read_text(encoding="utf-8")
        assert f'pip install "gongshi=={package_files.version()}"' in text and "-e ." not in text
    assert "today:" not in (repo / "mkdocs.yml").read_text(encoding="utf-8")  # a live repository: the real date
    assert "日常工作" in (repo / "README.md").read_text(encoding="utf-8")
    monkeypatch.chdir(repo)
    assert _gongshi("fmt", "--check") == 0
    assert _gongshi("migrate", "--check") == 0
    assert _gongshi("upgrade-files", "--check") == 0
    assert _gongshi("build", "--today", "2026-11-27") == 0
    home = (repo / "site/index.html").read_text(encoding="utf-8")
    assert "示例学联公示平台" in home and "公示平台开通" in home
    assert (repo / "site/guide/election/index.html").is_file()  # the staff guide of the installed version
    about = (repo / "site/about/index.html").read_text(encoding="utf-8")
    assert "示例大学学生联合会" in about and "上海交通大学" not in about
    capsys.readouterr()
    assert _gongshi("init", str(repo)) == 2  # never over a non-empty folder
    assert "不会覆盖" in capsys.readouterr().err


def test_init_sample_writes_the_full_fictional_sample(tmp_path):
    repo = tmp_path / "demo"
    assert _gongshi("init", str(repo), "--sample") == 0
    for path in SAMPLE.rglob("*.yaml"):
        assert (repo / "data" / path.relative_to(SAMPLE)).read_bytes() == path.read_bytes()
    assert (repo / "content/about.md").read_bytes() == (ROOT / "content/about.md").read_bytes()
    assert (repo / "mkdocs.yml").read_text(encoding="utf-8") == (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_upgrade_files_refreshes_and_shows_the_diff(tmp_path, monkeypatch, capsys):
    repo = tmp_path / "union"
    _gongshi("init", str(repo))
    ci = repo / ".gitlab-ci.yml"
    ci.write_text(ci.read_text(encoding="utf-8").replace(package_files.version(), "0.0.1"), encoding="utf-8")
    (repo / "schemas/waiver.schema.json").unlink()
    monkeypatch.chdir(repo)
    capsys.readouterr()
    assert _gongshi("upgrade-files", "--check") == 1
    assert ci.read_text(encoding="utf-8").count("0.0.1") == 1  # --check writes nothing
    assert _gongshi("upgrade-files") == 0
    out = capsys.readouterr().out
    assert '-    - python -m pip install "gongshi==0.0.1"' in out and "+++ b/schemas/waiver.schema.json" in out
    assert (repo / "schemas/waiver.schema.json").is_file() and "0.0.1" not in ci.read_text(encoding="utf-8")
    assert _gongshi("upgrade-files", "--check") == 0


def test_upgrade_files_keeps_a_chosen_install_source(tmp_path, monkeypatch, capsys):
    """A union that installs from its own wheel or git URL keeps it; --install replaces it."""
    repo = tmp_path / "union"
    source = "gongshi @ https://example.org/gongshi-0.1.0-py3-none-any.whl"
    _gongshi("init", str(repo), "--install", source)
    monkeypatch.chdir(repo)
    capsys.readouterr()
    assert _gongshi("upgrade-files", "--check") == 0
    assert source in capsys.readouterr().err
    assert _gongshi("upgrade-files", "--install", "gongshi==0.1.0") == 0
    assert 'pip install "gongshi==0.1.0"' in (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")


UNVERSIONED = """\
# 旧记录：还没有 schema 一行
id: 2026-2027
name: 2026—2027学年   # 学年名称
start: 2026-09-01
end: 2027-08-31
semesters:
- id: 2026-2027-1
  name: 第一学期
  start: 2026-09-01
  end: 2027-01-19
- id: 2026-2027-2
  name: 第二学期
  start: 2027-02-17
  end: 2027-08-31
"""


def test_migrate_names_the_format_of_unversioned_records_keeping_comments(tmp_path, capsys):
    from generator.rules.check import check

    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    term = data / "terms" / "2026-2027.yaml"
    term.write_text(UNVERSIONED, encoding="utf-8")
    assert "data.schema-version" in {f.rule for f in check(data, TODAY)[1].errors}
    capsys.readouterr()
    assert _gongshi("migrate", str(data), "--check") == 1
    assert term.read_text(encoding="utf-8") == UNVERSIONED
    capsys.readouterr()
    assert _gongshi("migrate", str(data)) == 0
    out = capsys.readouterr().out
    assert "terms/2026-2027.yaml：加上 schema: gongshi/v1" in out and out.count("：加上") == 1
    text = term.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/term.schema.json\n")
    assert "# 旧记录：还没有 schema 一行\nschema: gongshi/v1\nid: 2026-2027\n" in text
    assert "name: 2026—2027学年   # 学年名称\n" in text  # comments and order kept
    assert check(data, TODAY)[1].errors == []
    before = {p: p.read_bytes() for p in data.rglob("*.yaml")}
    assert _gongshi("migrate", str(data)) == 0  # idempotent: nothing left to change
    assert {p: p.read_bytes() for p in data.rglob("*.yaml")} == before


def test_migrate_refuses_a_format_it_does_not_know(tmp_path, capsys):
    from generator.workflow import migrate

    data = tmp_path / "data"
    (data / "terms").mkdir(parents=True)
    (data / "terms" / "2026-2027.yaml").write_text(UNVERSIONED.replace("id:", "schema: gongshi/v9\nid:", 1),
                                                   encoding="utf-8")
    assert _gongshi("migrate", str(data)) == 1
    assert "gongshi/v9" in capsys.readouterr().err
    assert [s.target for s in migrate.chain(migrate.UNVERSIONED)][-1] == migrate.models.SCHEMA_VERSION

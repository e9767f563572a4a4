"""The installable package: shipped files, overrides in a records repository, init, upgrades."""

from __future__ import annotations

import shutil
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
    settings += "  url: https://example.org/plan.pdf\nlook:\n  primary: '#123456'\n"
    (data / "settings.yaml").write_text(settings, encoding="utf-8")
    out = tmp_path / "site"
    build_site(ROOT / "mkdocs.yml", data, out, TODAY)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "- 示例大学学联公示</title>" in home and "上海交通大学医学院学联公示平台" not in home and "assets/look.css" in home
    assert "--md-primary-fg-color: #123456" in (out / "assets" / "look.css").read_text(encoding="utf-8")
    compliance = (out / "compliance" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/plan.pdf">《上海交通大学医学院学联学生会深化改革实施方案》</a>（沪交医委〔2021〕83号）' in compliance

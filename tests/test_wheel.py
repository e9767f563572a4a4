"""The issue's end-to-end check: the built wheel, installed in a fresh virtualenv (not editable, not
run from this checkout), starts a records repository that checks, builds and takes an override.

The fresh virtualenv borrows the test environment's installed dependencies through a path file
(installing MkDocs, Material, jieba... from the index again would make this test minutes long);
set GONGSHI_WHEEL_DEPS=1 to let pip install the wheel's declared dependencies instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT


def run(argv: list, cwd: Path, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"{argv}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """(bin folder, environment) of a fresh virtualenv with the built wheel installed."""
    root = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root / "dist", ROOT], root, dict(os.environ))
    wheel = next((root / "dist").glob("gongshi-*.whl"))
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GONGSHI_TODAY")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    if os.environ.get("GONGSHI_WHEEL_DEPS"):
        run([python, "-m", "pip", "install", "-q", wheel], root, env, timeout=1800)
    else:
        purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], root, env)
        Path(purelib.stdout.strip(), "borrowed-dependencies.pth").write_text(
            sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
        run([python, "-m", "pip", "install", "-q", "--no-deps", wheel], root, env)
    where = run([python, "-c", "import generator, generator.package_files as p; print(generator.__file__); "
                 "print(p.root())"], root, env).stdout.split()
    assert str(root / "venv") in where[0] and where[1].endswith("_files")  # the wheel, not this checkout
    return bin_dir, env


def test_wheel_init_check_build_override(installed, tmp_path):
    bin_dir, env = installed
    gongshi = bin_dir / "gongshi"
    run([gongshi, "init", "union", "--name", "示例大学学生联合会", "--short-name", "示例学联"], tmp_path, env)
    union = tmp_path / "union"
    assert "0 个错误" in run([gongshi, "check"], union, env).stdout
    run([gongshi, "build"], union, env)
    home = (union / "site/index.html").read_text(encoding="utf-8")
    assert "示例学联公示平台" in home and "公示平台开通" in home
    assert (union / "site/guide/index.html").is_file() and (union / "site/assets/gongshi.css").is_file()
    for page in ("announcements", "organizations", "congresses", "reviews", "proposals", "compliance", "downloads",
                 "about", "guide/records"):  # every section of this repository's site, without the sample
        assert (union / "site" / page / "index.html").is_file(), page

    # one template of the installed version, overridden in the repository
    shipped = Path(run([bin_dir / "python", "-c", "from generator import package_files as p; "
                        "print(p.path('templates/pages/home.html.j2'))"], union, env).stdout.strip())
    own = union / "templates/pages/home.html.j2"
    own.parent.mkdir(parents=True)
    own.write_text(shipped.read_text(encoding="utf-8").replace("</h1>", "</h1>\n<p>本会自己的首页模板</p>", 1),
                   encoding="utf-8")
    run([gongshi, "build"], union, env)
    assert "本会自己的首页模板" in (union / "site/index.html").read_text(encoding="utf-8")
    assert "本会自己的首页模板" not in shipped.read_text(encoding="utf-8")

    run([gongshi, "init", "demo", "--sample"], tmp_path, env)  # the full sample travels in the wheel
    assert "0 个错误" in run([gongshi, "check"], tmp_path / "demo", env).stdout

    frictionless = Path(sys.executable).parent / "frictionless"
    result = run([frictionless, "validate", "site/downloads/datapackage.json", "--json"], union, env)
    assert json.loads(result.stdout)["valid"] is True

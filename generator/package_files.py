"""Where the files Gongshi ships besides its code are: templates, staff guide, assets, schemas,
CI and editor templates, the reference mkdocs.yml and the fictional sample.

A wheel carries them under ``generator/_files/`` in the same layout as this repository (the
build maps the top-level folders there, see pyproject.toml); a source checkout or an editable
install reads them from the repository itself. Every caller asks here, so code never guesses
where it was installed from.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import __version__

# Folders of content/ that come from the installed Gongshi unless a records repository has a
# file of the same name (its about page and other pages are its own).
SHARED_CONTENT = ("guide", "assets")
# Files `gongshi init` writes and `gongshi upgrade-files` refreshes, as paths in a records repository.
PROJECT_FILES = (
    ".github/workflows/pull-request.yml",
    ".github/workflows/publish.yml",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    ".vscode/settings.json",
)


@lru_cache(maxsize=1)
def root() -> Path:
    """The folder laid out like this repository: the wheel's copy, else the checkout."""
    bundled = Path(__file__).resolve().parent / "_files"
    if bundled.is_dir():
        return bundled
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "templates").is_dir():
        return checkout
    raise RuntimeError(f"Gongshi 安装不完整：找不到随附文件（{bundled}）")


def path(relative: str) -> Path:
    """A shipped file or folder by its path in this repository, e.g. ``templates`` or ``content/guide``."""
    return root() / relative


def version() -> str:
    return __version__


def shared_content() -> list[tuple[str, Path]]:
    """(path under content/, file) of every shipped page and asset, in a fixed order."""
    out = []
    for folder in SHARED_CONTENT:
        base = path("content") / folder
        out += sorted((f.relative_to(path("content")).as_posix(), f) for f in base.rglob("*") if f.is_file())
    return out

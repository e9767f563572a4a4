"""The package reads one way: each folder imports only folders listed before it (see
docs/contributing.md), so records never depend on rules, rules never on the site, and so on."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# generator/*.py at the top (package_files, the version) sit below everything; cli.py above.
LAYERS = ["", "records", "rules", "site", "workflow", "synth", "commands", "cli"]


def layer(module: str) -> int:
    """The layer of a dotted module name inside ``generator``."""
    parts = module.split(".")[1:]  # drop "generator"
    if not parts or parts[0] in ("__init__", "__main__", "package_files"):
        return 0 if parts[:1] != ["__main__"] else len(LAYERS)
    return LAYERS.index(parts[0]) if parts[0] in LAYERS else 0


def imports(path: Path) -> list[tuple[str, int]]:
    """(imported generator module, line) of every import in ``path``, relative ones resolved."""
    package = ["generator", *path.parent.relative_to(PACKAGE).parts]  # what "." means in this file
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            names = [f"{name}.{alias.name}" for alias in node.names]
            out += [(n, node.lineno) for n in names if n.startswith("generator")]
        elif isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names if alias.name.startswith("generator")]
    return out


def test_imports_follow_the_layer_order():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = ".".join(["generator", *path.relative_to(PACKAGE).with_suffix("").parts])
        for name, line in imports(path):
            if layer(name) > layer(here):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    assert wrong == []


def test_the_layer_check_catches_an_upward_import():
    assert layer("generator.records.models") < layer("generator.rules.context") < layer("generator.site.public")
    assert layer("generator.workflow.diff") < layer("generator.synth.synth") < layer("generator.commands.build")
    assert layer("generator.package_files") == 0 and layer("generator.cli") > layer("generator.commands")
    found = imports(PACKAGE / "site" / "render" / "pages.py")
    assert {"generator.site.public.View", "generator.records.models"} <= {name for name, _ in found}

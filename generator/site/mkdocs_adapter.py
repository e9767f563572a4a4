"""Every place Gongshi relies on MkDocs or Material behaviour that is not their documented plugin API.

Each workaround names the versions it was verified on; tests/test_mkdocs_adapter.py fails loudly
when an upgrade changes what it relies on. Verified on mkdocs 1.6.1 and mkdocs-material 9.7/9.8.
"""

from __future__ import annotations

from typing import Any


def startup(config: Any) -> None:
    """Run the plugins' ``on_startup`` for a one-off build.

    MkDocs 1.6.1 runs ``on_startup``/``on_shutdown`` only from its own CLI (``mkdocs build``,
    ``mkdocs serve``), not from ``mkdocs.commands.build.build``, which ``gongshi build`` calls.
    """
    config.plugins.on_startup(command="build", dirty=False)


def shutdown(config: Any) -> None:
    """Run the plugins' ``on_shutdown`` after a build started with ``startup`` (see there)."""
    config.plugins.on_shutdown()

"""The public view's types: everything pages, feeds, downloads and the diff read, as frozen dataclasses.

One module per section of the site. The allow-list that fills them from records is
``generator.site.public``; labels, badges and figures derived for display are in ``labels``.
A field that is only sometimes present (a candidate's political status, a result notice's
congress) is declared with ``OPTIONAL`` and left out of downloads when it is None.
"""

from __future__ import annotations

import dataclasses
from typing import Any

# field metadata: leave the field out of ``fields_of`` (and so of downloads) when it is None
OPTIONAL: dict[str, bool] = {"optional": True}


def optional(default: Any = None) -> Any:
    """A field that downloads show only when it is set."""
    return dataclasses.field(default=default, metadata=OPTIONAL)


def fields_of(item: Any) -> dict[str, Any]:
    """An item's fields by name, in declaration order (values not converted), without unset optional ones."""
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)
            if not (f.metadata.get("optional") and getattr(item, f.name) is None)}

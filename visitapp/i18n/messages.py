"""All user-visible text, merged from the feature catalogs in `visitapp/i18n/catalog/`. Each key has zh-CN
(the default) and English; a unit test checks both exist and carry the same {placeholders}, and that no
key is defined twice."""

from __future__ import annotations

import importlib
import pkgutil

from visitapp.i18n import catalog as _catalog_pkg

MESSAGES: dict[str, dict[str, str]] = {}
DUPLICATES: list[str] = []
for _info in sorted(pkgutil.iter_modules(_catalog_pkg.__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{_catalog_pkg.__name__}.{_info.name}")
    for _key, _texts in _module.MESSAGES.items():
        if _key in MESSAGES:
            DUPLICATES.append(_key)
        MESSAGES[_key] = _texts

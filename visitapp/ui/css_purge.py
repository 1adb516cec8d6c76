"""The Radix stylesheet without the components the app never draws.

Radix Themes ships one `components.css` with the rules of all ~60 components (432 KiB); the app draws
with about twenty. Every phone parses the whole built stylesheet before its first paint and matches its
rules on every style recalculation (Lighthouse's simulated phone: a 300 ms task for the stylesheet on
/agent). After the production build, `purge` keeps only the rules that can match:

1. The components used are the names the compiled pages import from `@radix-ui/themes`
   (`import {Badge as RadixThemesBadge, ...} from "@radix-ui/themes"`) in the build's sources.
2. Each component's class names (and the ones the pages write themselves: visitapp/ui/lean.py draws
   Radix's look on plain elements) (`rt-Badge`, `rt-BaseButton`, `rt-TextFieldInput`) are the `rt-`
   literals of its module in Radix's own ESM build and of the Radix modules it imports.
3. A selector that names a component class (`.rt-` and a capital letter) outside that set cannot match
   anything the app renders: it goes; a rule with no selector left goes; an at-rule left empty goes.
   Classes that are not a component's (`rt-r-size-2`, `rt-variant-soft`, the app's own) are kept.
4. Radix writes every prop class again for each of its five breakpoints (`.md\\:rt-r-gap-3` inside
   `@media (width>=1024px)`): 240 KiB of the sheet. Such a class is only ever set for a responsive prop
   value the pages write (`columns={"initial": "1", "sm": "2"}` compiles to `["sm"] : "2"`): a
   breakpoint's class stays when the pages give that breakpoint a value its class ends with
   (`sm` and `2` keep `.sm\\:rt-r-gtc-2` and `.sm\\:rt-r-p-2`), and goes otherwise.
5. The app is drawn light only (`appearance="light"`, `default_color_mode="light"`): the selectors of
   the dark appearance (`.dark`, `.dark-theme`) can never match and go too.

The parsing is tinycss2's (a CSS Syntax Level 3 tokenizer): the minified stylesheet has nested
`@media`/`@supports`/`@layer` blocks, strings and escapes (`.md\\:rt-r-size-2`) that a hand-written
splitter would get wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

RADIX_IMPORT = re.compile(r'import\s*\{([^}]*)\}\s*from\s*"@radix-ui/themes"')
RELATIVE_IMPORT = re.compile(r'from\s*"(\.{1,2}/[^"]+\.js)"')
COMPONENT_CLASS = re.compile(r"rt-[A-Z][A-Za-z]*")
SELECTOR_CLASS = re.compile(r"\.(rt-[A-Z][A-Za-z]*)")
ANY_CLASS = re.compile(r"\.(-?[_a-zA-Z][-_a-zA-Z0-9]*)")
NEVER_SET = frozenset({"dark", "dark-theme"})
BREAKPOINTS = ("xs", "sm", "md", "lg", "xl")
RESPONSIVE_VALUE = re.compile(r'\[?"(' + "|".join(BREAKPOINTS) + r')"\]?\s*:\s*"([^"\\]*)"')
BREAKPOINT_CLASS = re.compile(r"\.(" + "|".join(BREAKPOINTS) + r")\\:(rt-[-_a-zA-Z0-9]+)")


class Used:
    """What the pages can set: the component classes, and the values they give each breakpoint."""

    def __init__(self, classes: set[str], responsive: dict[str, set[str]] | None = None) -> None:
        self.classes = classes
        self.responsive = responsive or {}

    def breakpoint_class(self, breakpoint: str, name: str) -> bool:
        return any(name.endswith("-" + value) for value in self.responsive.get(breakpoint, ()))


def responsive_values(sources: Iterable[str]) -> dict[str, set[str]]:
    """`{"sm": {"2", "3"}, "md": {"4"}}` from the responsive props of the compiled pages."""
    values: dict[str, set[str]] = {}
    for text in sources:
        for breakpoint, value in RESPONSIVE_VALUE.findall(text):
            values.setdefault(breakpoint, set()).add(value)
    return values


def imported_components(sources: Iterable[str]) -> set[str]:
    """`Badge`, `TextField`, ... named in `import {X as Y} from "@radix-ui/themes"` of the compiled code."""
    names: set[str] = set()
    for text in sources:
        for group in RADIX_IMPORT.findall(text):
            for item in group.split(","):
                name = item.strip().split(" as ")[0].strip()
                if name:
                    names.add(name)
    return names


def named_classes(sources: Iterable[str]) -> set[str]:
    """The component classes the compiled pages write themselves (`class="rt-reset rt-Badge"`)."""
    return {name for text in sources for name in COMPONENT_CLASS.findall(text)}


def module_file(components_dir: Path, name: str) -> Path:
    """`TextField` -> `text-field.js`, `AlertDialog` -> `alert-dialog.js` in Radix's ESM components."""
    kebab = re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()
    return components_dir / f"{kebab}.js"


def component_classes(components_dir: Path, names: Iterable[str]) -> set[str]:
    """The `rt-` component classes of the named components and of every Radix module they import."""
    seen: set[Path] = set()
    todo = [module_file(components_dir, name) for name in names]
    classes: set[str] = set()
    while todo:
        path = todo.pop().resolve()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        classes.update(COMPONENT_CLASS.findall(text))
        todo.extend(path.parent / rel for rel in RELATIVE_IMPORT.findall(text))
    return classes


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list split at its top-level commas."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _keeps(selector: list, used: Used) -> bool:
    text = tinycss2.serialize(selector)
    if NEVER_SET.intersection(ANY_CLASS.findall(text)):
        return False
    if not all(used.breakpoint_class(bp, name) for bp, name in BREAKPOINT_CLASS.findall(text)):
        return False
    return all(name in used.classes for name in SELECTOR_CLASS.findall(text))


def _purge_rules(rules: list, used: Used) -> list:
    out: list = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            kept = [s for s in selectors if _keeps(s, used)]
            if not kept:
                continue
            if len(kept) != len(selectors):
                prelude: list = []
                for i, sel in enumerate(kept):
                    if i:
                        prelude.append(tinycss2.ast.LiteralToken(0, 0, ","))
                    prelude.extend(sel)
                rule.prelude = prelude
            out.append(rule)
        elif rule.type == "at-rule" and rule.content is not None and _holds_rules(rule):
            inner = _purge_rules(tinycss2.parse_blocks_contents(rule.content), used)
            if not any(r.type in ("qualified-rule", "at-rule") for r in inner):
                continue
            rule.content = _as_tokens(inner)
            out.append(rule)
        else:
            out.append(rule)
    return out


def _holds_rules(rule) -> bool:
    """@media, @supports, @layer, @container hold rules; @font-face, @keyframes, @property do not."""
    return rule.lower_at_keyword in ("media", "supports", "layer", "container", "document", "scope")


def _as_tokens(rules: list) -> list:
    """Rules as the component values of a block (what `rule.content` holds)."""
    return tinycss2.parse_component_value_list(tinycss2.serialize(rules))


def purge(css: str, used: Used) -> str:
    """The stylesheet without the selectors that cannot match what the pages draw."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return tinycss2.serialize(_purge_rules(rules, used))

"""The stylesheet carries the colour scales the app names, and only those."""

from __future__ import annotations

import re
from pathlib import Path

from visitapp.ui.theme import COLORS, UsedColorsOnly

ROOT = Path(__file__).resolve().parents[2]
RADIX = [
    "tomato",
    "red",
    "ruby",
    "crimson",
    "pink",
    "plum",
    "purple",
    "violet",
    "iris",
    "indigo",
    "blue",
    "cyan",
    "teal",
    "jade",
    "green",
    "grass",
    "bronze",
    "gold",
    "brown",
    "orange",
    "amber",
    "yellow",
    "lime",
    "mint",
    "sky",
    "gray",
    "mauve",
    "slate",
    "sage",
    "olive",
    "sand",
]


def _named_colors() -> set[str]:
    text = "\n".join(p.read_text() for p in [*ROOT.joinpath("visitapp").rglob("*.py"), ROOT / "assets" / "app.css"])
    literal = set(re.findall(r'"(' + "|".join(RADIX) + r')"', text))
    css_vars = set(re.findall(r"--(" + "|".join(RADIX) + r")-a?\d+", text))
    return literal | css_vars


def test_every_colour_the_code_names_is_in_the_stylesheet():
    named = _named_colors()
    assert {"teal", "red", "amber"} <= named
    assert named <= set(COLORS), sorted(named - set(COLORS))


def test_the_stylesheets_are_radix_tokens_for_those_colours_then_components():
    paths = UsedColorsOnly(theme=None).get_stylesheet_paths()
    assert paths[0].endswith("tokens/base.css") and paths[-2:] == (
        "@radix-ui/themes/components.css",
        "@radix-ui/themes/utilities.css",
    )
    assert [p.rsplit("/", 1)[-1] for p in paths[1:-2]] == [f"{c}.css" for c in COLORS]
    assert UsedColorsOnly(theme=None, enabled=False).get_stylesheet_paths() == ()

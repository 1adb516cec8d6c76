"""Radix's look on plain elements: the same class names Radix's components write, and no component."""

from __future__ import annotations

import pytest
import reflex as rx

from visitapp.field.ui.today_state import AgentTodayState as S
from visitapp.ui import lean


def test_a_badge_is_a_span_with_radix_badge_classes_and_its_colour():
    out = str(lean.badge("late", color="red", size="2", class_name="visit-phase"))
    assert out.startswith('jsx("span",')
    assert '"rt-reset rt-Badge rt-r-size-2 rt-variant-soft visit-phase"' in out
    assert '"data-accent-color":"red"' in out


def test_a_variant_that_is_a_var_is_part_of_the_class():
    out = str(lean.badge("x", color="teal", variant=rx.cond(S.tab == "today", "solid", "soft")))
    assert '"rt-variant-"+' in out and '"solid"' in out and '"soft"' in out


def test_a_button_is_a_touch_sized_radix_button_and_not_a_submit():
    out = str(lean.button("go", color="orange", class_name="not-visited-open"))
    assert out.startswith('jsx("button",')
    assert "rt-BaseButton rt-r-size-3 rt-variant-soft rt-Button touch not-visited-open" in out
    assert 'type:"button"' in out
    disabled = str(lean.button("go", color="gray", disabled=True))
    assert "disabled:true" in disabled and '"data-disabled":"true"' in disabled


def test_an_icon_uses_the_sprite_and_every_sprite_icon_has_a_symbol():
    assert 'jsx("use",{href:"#i-check"}' in str(lean.icon("check"))
    sprite = str(lean.icon_sprite())
    for name in lean.ICONS:
        assert f'id:"i-{name}"' in sprite
    with pytest.raises(KeyError):
        lean.icon("no-such-icon")


def test_toggles_mark_the_current_choice_pressed_and_pick_their_value():
    out = str(
        lean.toggles(
            S.tab,
            ("today", "Today", "tab-today", None),
            ("tomorrow", "Tomorrow", "tab-tomorrow", "the next day"),
            on_pick=S.set_tab,
        )
    )
    assert out.startswith('jsx("div",{className:"seg",role:"group"}')
    assert out.count('className:"seg-item"') == 2
    assert '=== "today"?.valueOf?.()) ? "true" : "false"' in out
    assert '({ ["value"] : "today" })' in out and '({ ["value"] : "tomorrow" })' in out
    assert '"aria-label":"the next day"' in out and out.count("aria-label") == 1


def test_the_not_visited_form_offers_every_reason_in_both_languages():
    """Compiled into the page: a language switch with the form open relabels them (they were state, in
    the language of the moment the form opened)."""
    from visitapp.core.enums import NotVisitedReason
    from visitapp.field.ui.visit_actions import not_visited_form

    out = str(not_visited_form(S, "1"))
    for reason in NotVisitedReason:
        assert f'value:"{reason.value}"' in out
    assert "时间不够" in out and "no time" in out

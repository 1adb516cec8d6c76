"""Touch targets a thumb can hit: every visible control at least 44 x 44 px (WCAG 2.5.5; Apple's and
Android's guidelines). A checkbox or radio counts by its label, which takes the tap too."""

from __future__ import annotations

from playwright.sync_api import Page

MIN_PX = 44

_SMALL_TARGETS_JS = """(min) => {
  const sel = 'button, a[href], select, textarea, summary, input:not([type=hidden]):not([type=file]), ' +
              '[role=checkbox], [role=radio], [role=combobox], [role=tab]';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.closest('[aria-hidden=true], [data-sonner-toaster], .rt-TableRoot')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    let box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const label = el.closest('label');
    if (label && (el.matches('[role=checkbox], [role=radio], input[type=checkbox], input[type=radio]'))) {
      box = label.getBoundingClientRect();
    }
    // a control inside a link or a button is tapped through it: the outer one counts
    const outer = el.parentElement && el.parentElement.closest('a[href], button');
    if (outer) continue;
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      out.push(`${el.tagName.toLowerCase()}#${el.id || ''}.${(el.className || '').toString().slice(0, 40)} ` +
               `"${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ` +
               `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return out;
}"""


def small_targets(page: Page, minimum: int = MIN_PX) -> list[str]:
    """The visible controls smaller than `minimum` px either way (described for the assertion message)."""
    return page.evaluate(_SMALL_TARGETS_JS, minimum)


def assert_touch_targets(page: Page, minimum: int = MIN_PX) -> None:
    small = small_targets(page, minimum)
    assert small == [], f"{len(small)} touch target(s) under {minimum} px: " + "; ".join(small)

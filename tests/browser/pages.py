"""The pages the browser tests open, the viewports they open them at, and how failures name things."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from tests.site.built import PROJECT
from tests.site.page_types import PAGES

# PAGES is the one table of page types (tests/site/page_types.py); the browser tests take it from here.
__all__ = ["ARTIFACTS", "ELEMENT_SUMMARY", "PAGES", "VIEWPORTS", "Viewport", "Visit", "describe", "screenshot"]

ARTIFACTS = PROJECT / "test-artifacts"


@dataclass(frozen=True)
class Viewport:
    width: int
    height: int
    mobile: bool = False  # a phone: meta viewport honoured, touch events, a dense screen

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}"

    def context_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"viewport": {"width": self.width, "height": self.height}}
        if self.mobile:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=3)
        return options


VIEWPORTS = (Viewport(320, 640), Viewport(390, 844, mobile=True), Viewport(1280, 800))


@dataclass
class Visit:
    """A loaded page and every request it made, allowed or not."""

    page: Page
    path: str
    viewport: Viewport
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "404 http://..." or "net::ERR_... http://..."

    def where(self) -> str:
        """How a failure names the page: '/log/ at 320x640'."""
        return f"{self.path} at {self.viewport.name}"


def screenshot(visit: Visit, kind: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ for a person to look at; returns its path."""
    path = ARTIFACTS / "screenshots" / visit.viewport.name / f"{kind}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=path, full_page=True, scale="css")  # CSS pixels: a 3x phone PNG is slow and huge
    return path


def describe(element: dict[str, Any]) -> str:
    """'a.more "How to do Easy trotting"' from what `ELEMENT_SUMMARY` returned in the page."""
    text = re.sub(r"\s+", " ", element.get("text", "")).strip()
    return element["selector"] + (f' "{text[:40]}"' if text else "")


# In-page helper: a short CSS-like name for an element, for failure messages.
ELEMENT_SUMMARY = """
(element) => {
  const parts = [];
  for (let node = element; node && node.nodeType === 1 && parts.length < 3; node = node.parentElement) {
    let part = node.localName;
    if (node.id) { parts.unshift(part + '#' + node.id); break; }
    if (node.classList.length) part += '.' + [...node.classList].join('.');
    parts.unshift(part);
  }
  return parts.join(' > ');
}
"""

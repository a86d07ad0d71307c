"""Zero axe-core violations of the WCAG 2.0 and 2.1 A and AA rules, on every page type at every width.

axe-core comes from tests/node_modules (pinned in tests/package.json, installed by `make test`) and is
injected into the page as a file: no request leaves the machine.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.pages import PAGES, VIEWPORTS, Viewport, Visit
from tests.site.built import NODE_MODULES, PROJECT

pytestmark = pytest.mark.browser

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_A_AND_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map((violation) => ({
    id: violation.id, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')),
  }));
}
"""


@pytest.mark.parametrize(("kind", "viewport"), [(kind, viewport) for kind in PAGES for viewport in VIEWPORTS],
                         ids=[f"{kind}-{viewport.name}" for kind in PAGES for viewport in VIEWPORTS])
def test_no_axe_violations(visit: Callable[..., Visit], kind: str, viewport: Viewport) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(PROJECT)} is missing: run `make test` (it installs the npm packages)",
                    pytrace=False)
    loaded = visit(PAGES[kind], viewport)
    loaded.page.add_script_tag(path=AXE)
    violations = loaded.page.evaluate(RUN_AXE, WCAG_A_AND_AA)
    assert not violations, f"{loaded.where()}: axe found " + "; ".join(
        f"{violation['id']} ({violation['help']}) at {_first(violation['nodes'])}" for violation in violations)


def _first(targets: list[str], shown: int = 3) -> str:
    """'#step-1, #step-2, #step-3 and 10 more'."""
    more = f" and {len(targets) - shown} more" if len(targets) > shown else ""
    return ", ".join(targets[:shown]) + more

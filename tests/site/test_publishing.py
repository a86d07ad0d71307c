"""Publishing: a push to main that passes the tests deploys _site to GitHub Pages, and nothing else does."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from tests.site.built import GOLDEN, PROJECT, BuiltSite

WORKFLOW = PROJECT / ".github" / "workflows" / "ci.yml"
HOSTING = PROJECT / "docs" / "hosting.md"
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def _workflow() -> dict[str, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    loaded["on"] = loaded.pop(True, loaded.get("on"))
    return loaded


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_the_deploy_job_publishes_the_built_site_to_pages_only_from_main() -> None:
    workflow = _workflow()
    jobs = workflow["jobs"]
    build, deploy = jobs["build"], jobs["deploy"]
    # Built only after the tests pass, from a push to main; never for a pull request.
    assert build["needs"] == "test" and deploy["needs"] == "build"
    assert build["if"] == ON_MAIN and deploy["if"] == ON_MAIN
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "make build" in [step.get("run") for step in build["steps"]]
    upload = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_site"
    assert _uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_no_other_job_may_write() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    writers = [name for name, job in workflow["jobs"].items() if "write" in (job.get("permissions") or {}).values()]
    assert writers == ["deploy"]
    # The pull request's job checks and tests; it deploys nothing.
    assert "actions/deploy-pages" not in _uses(workflow["jobs"]["test"])
    assert "actions/upload-pages-artifact" not in _uses(workflow["jobs"]["test"])


HASHED = re.compile(r"(assets/(css|js|icons)/[a-z0-9-]+\.[0-9a-f]{10}\.(css|js|png)|images/[\w-]+-\d+\.[0-9a-f]{10}\.\w+)")
REVALIDATED = re.compile(r"(.*\.html|sitemap\.xml|manifest\.webmanifest)")


@pytest.mark.parametrize("built", ["shipped", "golden"])
def test_every_published_file_is_one_of_the_three_kinds_docs_hosting_caches(built: str,
                                                                           shipped_site: BuiltSite) -> None:
    """docs/hosting.md: hashed assets for a year, HTML, the sitemap and the manifest revalidated, sw.js never: nothing else."""
    root = shipped_site.root if built == "shipped" else GOLDEN
    files = sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
    others = [name for name in files if not (HASHED.fullmatch(name) or REVALIDATED.fullmatch(name))
              and name not in ("sw.js", ".stride-prep-build")]
    assert others == []
    assert "sw.js" in files and any(HASHED.fullmatch(name) for name in files)
    text = HOSTING.read_text(encoding="utf-8")
    for rule in ("public, max-age=31536000, immutable", "`no-cache`", "`no-store`"):
        assert rule in text

"""Light installs: building needs only pyproject's dependencies; each npm set is installed by the target that uses it."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.site.built import NODE_MODULES, PROJECT

PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))

# Runs a build and a check, then names the distribution of every module loaded that is neither the standard
# library nor the project (modules no distribution owns, such as Cython's runtime, are parts of those that load them).
LOADED = """
import sys, importlib.metadata as metadata
from site_gen.cli import main
assert main(['build', '--no-cache', '--out', sys.argv[1]]) == 0 and main(['check']) == 0
from site_gen import serve  # the preview too: `make serve` runs on the same install
owners = metadata.packages_distributions()
tops = {name.split('.')[0] for name in sys.modules} - set(sys.stdlib_module_names) - {'site_gen', '__main__'}
print(sorted({owner.lower() for top in tops for owner in owners.get(top, ())}))
"""


def _name(requirement: str) -> str:
    return requirement.split("==")[0].strip().lower()


def test_building_checking_and_serving_load_nothing_but_the_dependencies(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", LOADED, str(tmp_path / "_site")], cwd=PROJECT,
                            capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout.splitlines()[-1].replace("'", '"')))
    # What `python -m venv` itself puts in every .venv (setuptools' distutils shim loads at start-up).
    declared = {_name(requirement) for requirement in PYPROJECT["project"]["dependencies"]} | {"pip", "setuptools"}
    assert loaded - declared == set(), "make build installs only the dependencies: these would be missing"


def test_the_test_tools_are_an_extra_and_not_the_dependencies() -> None:
    dependencies = {_name(requirement) for requirement in PYPROJECT["project"]["dependencies"]}
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert {"pytest", "playwright", "beautifulsoup4", "jsonschema"} <= {_name(r) for r in extras["test"]}
    assert dependencies.isdisjoint(_name(r) for extra in extras.values() for r in extra)


def _package_set(folder: Path) -> dict[str, str]:
    declared = json.loads((folder / "package.json").read_text())["devDependencies"]
    locked = json.loads((folder / "package-lock.json").read_text())["packages"]
    # The lock is the one npm ci installs: it must pin what package.json asks for, at that version.
    assert locked[""]["devDependencies"] == declared
    assert {name: locked[f"node_modules/{name}"]["version"] for name in declared} == declared
    return declared


def test_one_npm_set_per_purpose_each_with_its_lock() -> None:
    assert not (PROJECT / "package.json").exists()
    assert set(_package_set(PROJECT / "tests")) == {"axe-core", "html-validate"}
    assert set(_package_set(PROJECT / "tests" / "lighthouse")) == {"lighthouse"}
    assert NODE_MODULES == PROJECT / "tests" / "node_modules"  # where npm ci --prefix tests puts them


def test_make_test_never_installs_lighthouse() -> None:
    plan = subprocess.run(["make", "-n", "-B", "test"], cwd=PROJECT, capture_output=True, text=True, check=True)
    installs = [line for line in plan.stdout.splitlines() if "npm ci" in line]
    assert installs == ["npm ci --prefix tests --no-audit --no-fund --loglevel=error"]
    lighthouse = subprocess.run(["make", "-n", "-B", "lighthouse"], cwd=PROJECT, capture_output=True, text=True,
                                check=True)
    assert "npm ci --prefix tests/lighthouse --no-audit --no-fund --loglevel=error" in lighthouse.stdout.splitlines()

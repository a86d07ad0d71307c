"""The README's layout section names every module of site_gen/, so a newcomer finds each one there."""

from __future__ import annotations

import re

from tests.site.built import PROJECT


def test_the_readme_layout_lists_every_module() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout\n", 1)[1].split("\n## ", 1)[0]
    package = PROJECT / "site_gen"
    modules = sorted(path.relative_to(package).as_posix() for path in package.rglob("*")
                     if path.suffix in (".py", ".js") and "__pycache__" not in path.parts)
    # Listed by name, indented under its folder: "  validate/" then "    fields.py".
    listed = set(re.findall(r"^\s+([\w.]+\.(?:py|js))\s", layout, re.MULTILINE))
    folders = set(re.findall(r"^\s+(\w+)/\s", layout, re.MULTILINE))
    missing = [module for module in modules
               if module.rsplit("/", 1)[-1] not in listed or ("/" in module and module.split("/")[0] not in folders)]
    assert missing == [], "README.md's Layout leaves out these modules of site_gen/"

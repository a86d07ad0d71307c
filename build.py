"""Stride Prep: build, check and preview the guide.  Run `python build.py --help`."""

import os
import shlex
import sys
from importlib.util import find_spec
from pathlib import Path

# What the generator needs, by import name: a Python without them gets one line, never a traceback.
NEEDED = ("jinja2", "markdown_it", "yaml", "watchdog", "PIL")
VENV_PYTHON = Path(__file__).resolve().parent / ".venv" / "bin" / "python"


def missing() -> list[str]:
    """The needed modules this Python cannot import (all of them on a Python older than 3.11)."""
    if sys.version_info < (3, 11):  # noqa: UP036 - build.py must answer an older Python too
        return list(NEEDED)
    return [name for name in NEEDED if find_spec(name) is None]


if missing():
    if VENV_PYTHON.is_file() and not os.environ.get("STRIDE_PREP_IN_VENV"):
        # The project's own environment is there: run this command with it instead (once: a
        # broken environment must end in the line below, not in a loop).
        os.environ["STRIDE_PREP_IN_VENV"] = "1"
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    print("build.py: this Python lacks what the generator needs; run `make build` once, "
          f"then `.venv/bin/python build.py {shlex.join(sys.argv[1:]) or 'build'}`", file=sys.stderr)
    sys.exit(2)

from site_gen.cli import main

sys.exit(main())

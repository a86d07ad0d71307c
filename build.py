"""Stride Prep: build, check and preview the guide.  Run `python build.py --help`."""

import sys

from site_gen.cli import main

sys.exit(main())

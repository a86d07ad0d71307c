"""`make golden`: re-record the fixture site's expected output after a deliberate change."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from site_gen.builder import Builder

HERE = Path(__file__).parent
FIXTURE = HERE.parent / "fixtures" / "site" / "content"
GOLDEN = HERE / "golden"


def main() -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    result = Builder(FIXTURE, PurePosixPath("content")).build(GOLDEN)
    if result.problems:
        raise SystemExit("\n".join(map(str, result.problems)))
    print(f"recorded {result.written} files in {GOLDEN}")


if __name__ == "__main__":
    main()

"""`make golden`: re-record the fixture site's expected output after a deliberate change."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

from site_gen.pipeline import build

HERE = Path(__file__).parent
FIXTURE = HERE.parent / "fixtures" / "site" / "content"
GOLDEN = HERE / "golden"


def main() -> None:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    result = build(FIXTURE, PurePosixPath("content"), GOLDEN)
    if result.problems:
        raise SystemExit("\n".join(map(str, result.problems)))
    print(f"recorded {result.written} files in {GOLDEN}")


if __name__ == "__main__":
    main()

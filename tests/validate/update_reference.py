"""Rewrite docs/content-format.md from the field declarations: `python -m tests.validate.update_reference`."""

from __future__ import annotations

from pathlib import Path

from site_gen.content_format import reference_markdown

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "content-format.md"

if __name__ == "__main__":
    REFERENCE.write_text(reference_markdown(), encoding="utf-8")
    print(f"wrote {REFERENCE}")

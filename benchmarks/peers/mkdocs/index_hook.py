"""MkDocs hook: an index page listing every page with its title and summary.

MkDocs builds pages only from files, so index.md is generated (MkDocs 1.6 `File.generated`);
its list is filled in once every page has been read, when titles and front matter are known.
"""

from __future__ import annotations

from html import escape
from typing import Any

from mkdocs.structure.files import File, Files

_files: Files | None = None


def on_files(files: Files, config: Any) -> Files:
    global _files
    files.append(File.generated(config, "index.md", content=""))
    _files = files
    return files


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    if page.file.src_uri == "index.md" and _files is not None:
        pages = sorted((file.page for file in _files.documentation_pages() if file.page is not page),
                       key=lambda other: other.title)
        items = "".join(f'<li><a href="{escape(other.url)}">{escape(other.title)}</a>: '
                        f'{escape(other.meta.get("summary", ""))}</li>\n' for other in pages)
        page.content += f"<ul>\n{items}</ul>\n"
    return context

"""What each output depends on, as fingerprints: a page whose inputs are unchanged is not rendered again.

A page's output is a function of its template (with everything it extends, includes or
imports), the content files it shows (PlannedPage.sources), and what every page shows:
site.yaml, the prose pages (listed in every footer) and the asset names. Its fingerprint
hashes exactly those, so equal fingerprints mean equal bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from jinja2 import Environment, meta

from .digest import digest
from .load import SourceFile
from .plan import PlannedPage


def template_digests(environment: Environment) -> dict[str, str]:
    """Each template's digest, covering the templates it extends, includes and imports."""
    loader = environment.loader
    assert loader is not None
    names = sorted(loader.list_templates())
    own: dict[str, tuple[str, list[str]]] = {}
    for name in names:
        source = loader.get_source(environment, name)[0]
        referenced = meta.find_referenced_templates(environment.parse(source))
        own[name] = (source, sorted(ref for ref in referenced if ref))
    result: dict[str, str] = {}

    def visit(name: str, seen: frozenset[str]) -> str:
        if name not in result:
            source, references = own[name]
            deeper = [visit(ref, seen | {name}) for ref in references if ref not in seen]
            result[name] = digest(name, source, *deeper)
        return result[name]

    for name in names:
        visit(name, frozenset())
    return result


def shared_digest(sources: Iterable[SourceFile], asset_paths: Mapping[str, str]) -> str:
    """What every page depends on: site.yaml, the prose pages and the asset names."""
    shown_everywhere = sorted((str(s.path), s.text) for s in sources if s.kind in ("site", "page"))
    return digest(*(part for pair in shown_everywhere for part in pair), *sorted(asset_paths.values()))


def page_fingerprints(pages: Iterable[PlannedPage], source_digests: Mapping[str, str],
                      templates: Mapping[str, str], shared: str) -> dict[str, str]:
    """Each page's fingerprint by URL."""
    return {page.url: digest(page.url, templates[page.template], shared, page.extra_key,
                             *(source_digests[path] for path in page.sources))
            for page in pages}

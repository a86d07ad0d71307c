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
from .state import Fingerprint


def template_digests(environment: Environment, parsed: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Each template's digest, covering the templates it extends, includes and imports.

    `parsed` caches each template source's references, so unchanged templates are not parsed again.
    """
    parsed = {} if parsed is None else parsed
    loader = environment.loader
    assert loader is not None
    names = sorted(loader.list_templates())
    own: dict[str, tuple[str, list[str]]] = {}
    for name in names:
        source = loader.get_source(environment, name)[0]
        if source not in parsed:
            referenced = meta.find_referenced_templates(environment.parse(source))
            parsed[source] = sorted(ref for ref in referenced if ref)
        own[name] = (source, parsed[source])
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
                      templates: Mapping[str, str], shared: str,
                      previous: Mapping[str, Fingerprint]
                      ) -> dict[str, Fingerprint]:
    """Each page's (page, what it was rendered with, fingerprint) by URL.

    A page planned as the very same object as last time shows the same content files
    (plan_pages_memo reuses a page only for unchanged inputs), so with the same template and
    shared digests its fingerprint is the last one: no need to hash its sources again.
    """
    result: dict[str, Fingerprint] = {}
    for page in pages:
        rendered_with = templates[page.template] + shared
        old = previous.get(page.url)
        if old is not None and old[0] is page and old[1] == rendered_with:
            result[page.url] = old
        else:
            fingerprint = digest(page.url, rendered_with, page.extra_key, *(source_digests[p] for p in page.sources))
            result[page.url] = (page, rendered_with, fingerprint)
    return result

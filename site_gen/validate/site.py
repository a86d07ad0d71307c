"""site.yaml: the site's settings and controlled vocabularies."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import Problem
from ..model import Term, Vocab
from ..parse import YamlDoc
from .fields import MISSING, FieldReader

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The base URL is written into every page, the sitemap and the 404 page's links: only
# characters that mean the same in a URL, an HTML attribute, XML and a script are let in.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
HOST = re.compile(rf"(?i){_LABEL}(?:\.{_LABEL})*(?::[0-9]{{1,5}})?")
URL_PATH = re.compile(r"(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})*")
BASE_URL_EXAMPLE = "write the full address the site is published at, e.g. 'https://example.org/guide/'"
VOCABULARIES = ("distances", "levels", "sessions", "phases", "zones", "equipment")
FIELDS = {
    "title": "Stride Prep",
    "description": "Mobility warm-ups for runners",
    "base_url": "https://example.org/",
    "language": "en",
    **{name: "{slug: Name, ...}" for name in VOCABULARIES},
    "checklist": "[Every movement done with control and full range]",
    "credit": "Based on an article by ...",
}


def validate_vocab(doc: YamlDoc) -> tuple[Vocab | None, tuple[Problem, ...]]:
    """The vocabulary, or None when site.yaml has problems."""
    problems: list[Problem] = []
    fields = FieldReader(doc, (), FIELDS, problems)
    title = fields.text("title")
    description = fields.text("description")
    base_url = fields.text("base_url")
    wrong = base_url_mistake(base_url) if base_url else ""
    if wrong:
        problems.append(Problem(fields.at("base_url"), f"base_url '{base_url}' is not a web address",
                                f"{wrong}; {BASE_URL_EXAMPLE}"))
    language = fields.text("language")
    terms = {name: _terms(doc, fields, name, problems) for name in VOCABULARIES}
    checklist = fields.texts("checklist")
    credit = fields.text("credit")
    if problems:
        return None, tuple(problems)
    return Vocab(title=title, description=description, base_url=base_url.rstrip("/") + "/", language=language,
                 checklist=checklist, credit=credit, **terms), ()


def base_url_mistake(base_url: str) -> str:
    """What is wrong with a base URL, or "" when it is a plain http(s) address."""
    # Checked before splitting: urlsplit drops tabs and newlines without a word.
    if any(c.isspace() or not c.isprintable() for c in base_url):
        return "it must not hold spaces, line breaks or control characters"
    try:
        parts = urlsplit(base_url)
        parts.port  # raises on a port out of range
    except ValueError:  # e.g. an unclosed '[' of an IPv6 host, or port 99999
        return "it cannot be read as an address"
    if parts.scheme not in ("http", "https") or not base_url.lower().startswith(f"{parts.scheme}://"):
        return "it must start with https:// (or http://)"
    if "@" in parts.netloc:
        return "it must not hold a user name or password ('...@')"
    if not parts.netloc:
        return "it needs a host name, as in 'https://example.org/'"
    if not HOST.fullmatch(parts.netloc):
        return "its host may hold letters, digits, hyphens and dots, and a ':port'"
    if "?" in base_url or "#" in base_url:
        return "it must not have a query ('?') or a fragment ('#')"
    if not URL_PATH.fullmatch(parts.path):
        return "its path may hold letters, digits, '-', '.', '_', '~', '/' and %XX escapes only"
    return ""


def _terms(doc: YamlDoc, fields: FieldReader, name: str, problems: list[Problem]) -> tuple[Term, ...]:
    value = fields.raw(name)
    if value is MISSING:
        return ()
    if not isinstance(value, dict) or not value:
        problems.append(Problem(fields.at(name), f"'{name}' must list 'slug: Name' pairs",
                                f"write e.g. '{name}:' and below it '  some-word: Some word'"))
        return ()
    terms = []
    for slug, shown in value.items():
        at = doc.key_at(name, slug)
        if not SLUG.fullmatch(slug):
            problems.append(Problem(at, f"'{slug}' in {name} is not a valid slug",
                                    "use lowercase letters, digits and hyphens, e.g. 'hip-flexors'"))
        if not isinstance(shown, str) or not shown.strip():
            problems.append(Problem(doc.at(name, slug), f"'{slug}' in {name} needs a name to show",
                                    f"write '{slug}: Shown name'"))
            continue
        terms.append(Term(slug, shown.strip()))
    return tuple(terms)

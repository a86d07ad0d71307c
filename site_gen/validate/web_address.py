"""What a web address may hold where the site writes it: every page, the sitemap, the 404 page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# The base URL is written into every page, the sitemap and the 404 page's links: only
# characters that mean the same in a URL, an HTML attribute, XML and a script are let in.
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
HOST = re.compile(rf"(?i){_LABEL}(?:\.{_LABEL})*(?::[0-9]{{1,5}})?")
URL_PATH = re.compile(r"(?:[A-Za-z0-9._~/-]|%[0-9A-Fa-f]{2})*")
EXAMPLE = "write the full address the site is published at, e.g. 'https://example.org/guide/'"


def address_mistake(base_url: str) -> str:
    """What is wrong with a base URL, or "" when it is a plain http(s) address."""
    # Checked before splitting: urlsplit drops tabs and newlines without a word.
    if any(c.isspace() or not c.isprintable() for c in base_url):
        return "it must not hold spaces, line breaks or control characters"
    try:
        parts = urlsplit(base_url)
        _ = parts.port  # raises on a port out of range
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

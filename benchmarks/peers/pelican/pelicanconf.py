"""Pelican for the side-by-side benchmark: one page per Markdown file, one index listing them.

bench.py runs `pelican PAGES -o OUT -s pelicanconf.py`; the default theme, no feeds, no tag,
author or archive pages, relative URLs. The one category page (misc/, listing every page like
the index) stays: the default theme links every article to its category.
"""

SITENAME = "Corpus Prep"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = (2025, 7, 19)  # the pages carry no date
DEFAULT_PAGINATION = False

SLUGIFY_SOURCE = "basename"  # drill-00012.md -> /drill-00012/, as the pages' links expect
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DIRECT_TEMPLATES = ["index"]
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""

"""What `build.py new` wrote and nobody replaced yet: one problem at each placeholder's line.

A starter file is a contributor's checklist: it passes every other check, so that `check`
lists exactly the placeholders still to write, and none of them can reach the site.
Only the declared starter texts count (content_format.Field.starter, Document.starter_body),
compared as written: the declared examples may be real values and are never refused.
"""

from __future__ import annotations

from ..content_format import DOCUMENTS, Document, Field
from ..errors import Location, Problem
from ..parse import RawDocument

PREFIX = "still the starter text: "
MESSAGE = PREFIX + "'{}'"


def field_starter(field: Field, value: object, at: Location) -> Problem | None:
    """A problem when `value` (a text, or one item of texts) is the field's starter text as `new` wrote it."""
    if not field.starter or not isinstance(value, str) or " ".join(value.split()) != field.starter:
        return None
    return Problem(at, MESSAGE.format(field.starter), f"replace it with your own words; '{field.name}' is: {field.help}")


def body_starters(raw: RawDocument, declared: Document) -> tuple[Problem, ...]:
    """A problem at each line of the body that is still one of the starter body's placeholder paragraphs."""
    # Headings ("## How to do it") are real structure the contributor keeps; only the prose is a placeholder.
    placeholders = {line.strip() for line in declared.starter_body.splitlines()
                    if line.strip() and not line.lstrip().startswith("#")}
    if not placeholders:
        return ()
    problems = []
    for offset, line in enumerate(raw.body.split("\n")):
        if line.strip() in placeholders:
            at = Location(raw.source.path, raw.body_line + offset, len(line) - len(line.lstrip()) + 1)
            problems.append(Problem(at, MESSAGE.format(line.strip()),
                                    "replace it with your own words"))
    return tuple(problems)


def _all_starters() -> tuple[str, ...]:
    texts = {field.starter for document in DOCUMENTS for field in document.fields if field.starter}
    texts |= {line.strip() for document in DOCUMENTS for line in document.starter_body.splitlines()
              if line.strip() and not line.lstrip().startswith("#")}
    return tuple(sorted(texts, key=len, reverse=True))  # longest first: no starter is cut by a shorter one


STARTERS = _all_starters()


def filled_in(text: str) -> str:
    """`text` with every starter text replaced by a word: what it checks as once the contributor writes theirs.

    `new` checks a new file against the content; a starter written a minute ago must not stop it.
    """
    for starter in STARTERS:
        text = text.replace(starter, "starter")
    return text

"""Read the fields of a YAML mapping by their declarations, collecting a problem for each mistake.

One reader per kind of value (content_format.Kind); a field's declaration says which reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from ..content_format import RESERVED, SLUG, Document, Field
from ..errors import Location, Problem, closest, did_you_mean
from ..figures.read import read_figure
from ..figures.shape import Figure
from ..model import Dose, Settings, Term
from ..parse import YamlDoc
from .doses import DOSE_FORM, describe, parse_dose
from .starters import field_starter
from .web_address import EXAMPLE as ADDRESS_EXAMPLE
from .web_address import address_mistake

MISSING = object()


class FieldReader:
    """One mapping's fields: each reader returns a value or a stand-in, and records what is wrong."""

    def __init__(self, doc: YamlDoc, base: tuple[str | int, ...], declared: Document,
                 problems: list[Problem], settings: Settings | None = None) -> None:
        # `settings` None: site.yaml is broken (or being read), so vocabulary words cannot be judged.
        self.doc, self.base, self.declared, self.problems = doc, base, declared, problems
        self.settings = settings
        self.values: dict[str, Any] = {}
        self.misspelt: set[str] = set()  # declared fields written under a misspelt name: reported once, there
        value = _get(doc.value, base)
        self.is_mapping = isinstance(value, dict)
        if isinstance(value, dict):
            self.values = value
            self._unknown_fields()
        else:
            first = declared.fields[0]
            self.problems.append(Problem(doc.at(*base), "expected fields ('name: value' lines) here",
                                         f"start with e.g. '{first.name}: {first.written}'"))

    def at(self, name: str) -> Location:
        return self.doc.at(*self.base, name)

    def _unknown_fields(self) -> None:
        known = [field.name for field in self.declared.fields]
        absent = [name for name in known if name not in self.values]
        for name in self.values:
            if name in known:
                continue
            # A misspelt field is one mistake: said here, at its line, and not again as the missing field.
            meant = closest(name, absent)
            if meant:
                self.misspelt.add(meant)
                absent.remove(meant)
            hint = f"did you mean '{meant}'?" if meant else did_you_mean(name, known, "fields")
            self.problems.append(Problem(self.doc.key_at(*self.base, name), f"unknown field '{name}'", hint))

    def read(self, name: str) -> Any:
        """The value of the declared field `name`, read by its kind's reader, or its stand-in."""
        field = self.declared.field(name)
        return READERS[field.kind](self, field)

    def read_all(self, by_hand: Collection[str] = ()) -> dict[str, Any]:
        """Every declared field but those read `by_hand`, keyed by the model's attribute names."""
        return {field.model_name: READERS[field.kind](self, field)
                for field in self.declared.fields if field.name not in by_hand}

    def raw(self, name: str, required: bool = True) -> Any:
        """The value as written, or MISSING (with a problem when it is required)."""
        value = self.values.get(name, MISSING)
        if value is None:
            self.problems.append(Problem(self.at(name), f"'{name}' is empty",
                                         f"write '{name}: {self.declared.field(name).written}'"))
            return MISSING
        if value is MISSING:
            if required and self.is_mapping and name not in self.misspelt:
                self.problems.append(Problem(self.doc.at(*self.base), f"missing required field '{name}'",
                                             f"add '{name}: {self.declared.field(name).written}'"))
            return MISSING
        return value

    def _wrong(self, field: Field, expected: str, value: Any) -> None:
        self.problems.append(Problem(self.at(field.name), f"'{field.name}' must be {expected}, not {describe(value)}",
                                     f"write '{field.name}: {field.written}'"))

    def text(self, field: Field) -> str:
        name, default = field.name, str(field.default)
        value = self.raw(name, field.required)
        if value is MISSING:
            return default
        if not isinstance(value, str) or not value.strip():
            self._wrong(field, "text", value)
            return default
        if field.max_length and len(value) > field.max_length:
            self.problems.append(Problem(self.at(name),
                                         f"'{name}' is {len(value)} characters; the limit is {field.max_length}",
                                         "shorten it: it has to fit on a printed card"))
        self._starter(field, value, self.at(name))
        return value.strip()

    def _starter(self, field: Field, value: object, at: Location) -> None:
        problem = field_starter(field, value, at)
        if problem:
            self.problems.append(problem)

    def url(self, field: Field) -> str:
        """A web address, as written."""
        value = self.text(field)
        wrong = address_mistake(value) if value else ""
        if wrong:
            self.problems.append(Problem(self.at(field.name), f"{field.name} '{value}' is not a web address",
                                         f"{wrong}; {ADDRESS_EXAMPLE}"))
        return value

    def integer(self, field: Field) -> int:
        default = int(field.default or 0)
        value = self.raw(field.name, field.required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self._wrong(field, "a whole number", value)
            return default
        return value

    def texts(self, field: Field) -> tuple[str, ...]:
        name = field.name
        value = self.raw(name, field.required)
        if value is MISSING:
            return ()
        if not isinstance(value, list) or not value:
            self._wrong(field, "a list of one or more lines", value)
            return ()
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.problems.append(Problem(self.doc.at(*self.base, name, index),
                                             f"each item of '{name}' must be text, not {describe(item)}"))
            self._starter(field, item, self.doc.at(*self.base, name, index))
        return tuple(item.strip() for item in value if isinstance(item, str))

    def _vocabulary(self, field: Field) -> tuple[Term, ...] | None:
        if self.settings is None or not field.vocabulary:
            return None
        return getattr(self.settings, field.vocabulary)

    def word(self, field: Field) -> str:
        value = self.raw(field.name, field.required)
        if value is MISSING:
            return ""
        if not isinstance(value, str):
            self._wrong(field, f"one {field.what}", value)
            return ""
        return self._check_word(value, self.at(field.name), self._vocabulary(field), field.what)

    def words(self, field: Field) -> tuple[str, ...]:
        """A list of vocabulary words; with `single_allowed`, one bare word counts as a list of one."""
        name, what, vocabulary = field.name, field.what, self._vocabulary(field)
        value = self.raw(name, field.required)
        if value is MISSING:
            return ()
        if field.single_allowed and isinstance(value, str):
            return (self._check_word(value, self.at(name), vocabulary, what),)
        if not isinstance(value, list) or (not value and not field.empty_allowed):
            self._wrong(field, f"a list of {what}s", value)
            return ()
        result: dict[str, None] = {}  # a dict, not a list: a long list must not be searched for each item
        for index, item in enumerate(value):
            at = self.doc.at(*self.base, name, index)
            if not isinstance(item, str):
                self.problems.append(Problem(at, f"each item of '{name}' must be one {what}, not {describe(item)}"))
            elif item in result:
                self.problems.append(Problem(at, f"'{item}' is listed twice in '{name}'", "remove one of them"))
            else:
                result[self._check_word(item, at, vocabulary, what)] = None
        return tuple(result)

    def _check_word(self, word: str, at: Location, vocabulary: tuple[Term, ...] | None, what: str) -> str:
        # vocabulary None: site.yaml itself is broken, so membership cannot be judged.
        if vocabulary is None:
            return word
        slugs = _slugs(vocabulary)
        if word not in slugs:
            self.problems.append(Problem(at, f"unknown {what} '{word}'",
                                         did_you_mean(word, slugs, f"{what}s") + f" (the {what}s are listed in site.yaml)"))
        return word

    def _parsed_dose(self, field: Field) -> tuple[Dose | None, str, str] | None:
        """parse_dose of the value as written, or None when the field is missing."""
        value = self.raw(field.name, field.required)
        return None if value is MISSING else parse_dose(value)

    def dose(self, field: Field) -> Dose | None:
        parsed = self._parsed_dose(field)
        if parsed is None:
            return None
        dose, message, hint = parsed
        if message:
            self.problems.append(Problem(self.at(field.name), f"{field.name} {message}", hint or DOSE_FORM))
        return dose

    def duration(self, field: Field) -> int | None:
        """Seconds, from '90 s' or '2 min'."""
        parsed = self._parsed_dose(field)
        if parsed is None:
            return None
        dose, message, hint = parsed
        name = field.name
        if dose and dose.seconds is None:
            message, hint = f"'{self.values[name]}' is not a time", ""
        if message or dose is None:
            self.problems.append(Problem(self.at(name), f"{name} {message}",
                                         hint or f"write e.g. '{name}: 90 s' or '{name}: 2 min'"))
            return None
        return dose.seconds

    def terms(self, field: Field) -> tuple[Term, ...]:
        """A vocabulary of site.yaml: 'slug: Shown name' pairs."""
        name = field.name
        value = self.raw(name, field.required)
        if value is MISSING:
            return ()
        if not isinstance(value, dict) or not value:
            self.problems.append(Problem(self.at(name), f"'{name}' must list 'slug: Name' pairs",
                                         f"write e.g. '{name}:' and below it '  some-word: Some word'"))
            return ()
        terms = []
        for slug, shown in value.items():
            if not SLUG.fullmatch(slug):
                self.problems.append(Problem(self.doc.key_at(*self.base, name, slug),
                                             f"'{slug}' in {name} is not a valid slug",
                                             "use lowercase letters, digits and hyphens, e.g. 'hip-flexors'"))
            if slug in field.reserved:
                self.problems.append(Problem(self.doc.key_at(*self.base, name, slug),
                                             f"'{slug}' in {name} is reserved: {RESERVED[slug]}",
                                             f"choose another slug; a drill that needs nothing has '{name}: []'"))
            if not isinstance(shown, str) or not shown.strip():
                self.problems.append(Problem(self.doc.at(*self.base, name, slug),
                                             f"'{slug}' in {name} needs a name to show", f"write '{slug}: Shown name'"))
                continue
            terms.append(Term(slug, shown.strip()))
        return tuple(terms)


    def figure(self, field: Field) -> Figure | None:
        """A drill's figure: its own reader checks every pose and prop."""
        value = self.raw(field.name, field.required)
        if value is MISSING:
            return None
        return read_figure(self.doc, (*self.base, field.name), value, self.problems)


def _by_hand(reader: FieldReader, field: Field) -> Any:
    raise LookupError(f"'{field.name}' ({field.kind}) has no generic reader: its module reads it by hand")


# The one reader of each kind: a new kind of value gets its reader here.
READERS: dict[str, Callable[[FieldReader, Field], Any]] = {
    "text": FieldReader.text, "texts": FieldReader.texts, "word": FieldReader.word, "words": FieldReader.words,
    "dose": FieldReader.dose, "duration": FieldReader.duration, "integer": FieldReader.integer,
    "url": FieldReader.url, "terms": FieldReader.terms, "steps": _by_hand,
    "figure": FieldReader.figure,
}


def _get(value: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


_SLUGS: dict[int, tuple[tuple[Term, ...], dict[str, None]]] = {}


def _slugs(vocabulary: tuple[Term, ...]) -> dict[str, None]:
    """The slugs of a vocabulary, gathered once for it, not once per word checked against it."""
    # Keyed on identity (the entry keeps the tuple alive, so its id is not reused): hashing
    # a long vocabulary for every word would cost what the lookup saves.
    cached = _SLUGS.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        if len(_SLUGS) >= 16:
            _SLUGS.clear()
        cached = _SLUGS[id(vocabulary)] = (vocabulary, dict.fromkeys(term.slug for term in vocabulary))
    return cached[1]

"""Every field a content file may hold, declared once.

Validation (validate/fields.py reads by these), the model's test, the `new` starter files,
the error hints, docs/content-format.md and the JSON Schemas for editors all read these
declarations, so a field added here is added everywhere it must be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Literal

# What a value is, and so which reader in validate/fields.py reads it.
Kind = Literal["text", "texts", "word", "words", "dose", "duration", "integer", "url", "terms", "steps", "figure"]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# The controlled vocabularies of site.yaml, each with what one of its words is called in messages.
VOCABULARIES: dict[str, str] = {
    "distances": "distance", "levels": "level", "sessions": "session",
    "phases": "phase", "zones": "zone", "equipment": "equipment word",
}
# A vocabulary slug the site keeps for itself: the library's page of drills that need nothing
# is drills/equipment/none/, beside one page for each equipment word.
NO_EQUIPMENT = "none"
RESERVED = {NO_EQUIPMENT: "the library's page drills/equipment/none/ lists the drills that need no equipment"}
CHECKLIST_LIMIT = 70  # one line on an A6 card
LAST = 1000  # pages without an order come after those with one


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: Kind
    help: str  # one line: the starter files' comment, the schema's description, the reference
    example: str  # as written in YAML; hints say "write 'name: example'"
    required: bool = True
    default: str | int = ""  # the model's value when an optional field is left out
    vocabulary: str = ""  # word(s): the site.yaml list they come from; "" for a drill's slug
    also: str = ""  # another accepted form, shown after the example in hints
    max_length: int = 0
    single_allowed: bool = False  # words: one bare word counts as a list of one
    empty_allowed: bool = False  # words: [] is a valid answer
    attribute: str = ""  # the model's attribute, when it is not the field's name
    # What `new` writes for a text (or each item of texts): a placeholder no real content says, which
    # check refuses. The example cannot serve: it may be a real value ("Sharp pain in the hip").
    starter: str = ""
    reserved: tuple[str, ...] = ()  # terms: slugs the site uses itself, and why, in `RESERVED`

    @property
    def written(self) -> str:
        """The example as hints show it, with the other accepted form."""
        return f"{self.example}   (or {self.also})" if self.also else self.example

    @property
    def model_name(self) -> str:
        return self.attribute or self.name

    @property
    def what(self) -> str:
        """What one word of this field is called: 'zone', 'equipment word', 'drill'."""
        return VOCABULARIES.get(self.vocabulary, self.name)


@dataclass(frozen=True, slots=True)
class Document:
    """The fields of one kind of file (or of one routine step), in the order they are written."""

    name: str
    files: str  # where such files live
    about: str  # one line on the rest of such a file, for the reference
    fields: tuple[Field, ...]
    starter_body: str = ""  # the Markdown body `new` writes; check refuses each of its paragraphs left as written
    by_name: dict[str, Field] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {field.name: field for field in self.fields})

    def field(self, name: str) -> Field:
        return self.by_name[name]


DRILL = Document("drill", "content/drills/<slug>.md",
                 "Fields in front matter between '---' lines; the Markdown below says how to do it and why.", (
    Field("title", "text", "The drill's name, as pages and cards show it.", "Leg swings, front to back"),
    Field("summary", "text", "One sentence on what the drill does for a runner.",
          "One sentence on what the drill does.", starter="Say in one sentence what the drill does for a runner"),
    Field("phase", "word", "The warm-up phase the drill belongs to.", "dynamic-drills", vocabulary="phases"),
    Field("zones", "words", "The body zones the drill works.", "[hips, hamstrings]", vocabulary="zones"),
    Field("equipment", "words", "What the drill needs; [] when nothing is needed.", "[wall]",
          vocabulary="equipment", also="[] when nothing is needed", empty_allowed=True),
    Field("dose", "dose", "How much: a number and a unit (reps, per side, s, min or m).", "20 per side"),
    Field("time", "duration", "How long the dose takes: needed for counted doses (reps, per side, m), "
          "not for s or min.", "90 s", required=False, default=0, attribute="seconds"),
    Field("parts", "texts", "Only for a drill done in parts, like strides (else delete it): each repetition's parts "
          "in order, 'LOW-HIGH s what to do', one with no time for the rest; the timer shows them.", "[15-20 s pick-up, 10-15 s acceleration, ease down]",
          required=False),
    Field("cues", "texts", "Short form cues; the first is shown on routine pages, so make it the one that matters.",
          "[Stand tall, Swing from the hip]", starter="Say the one cue that matters most"),
    Field("mistakes", "texts", "The mistakes runners make with this drill.", "[Chasing height]",
          starter="Say a mistake runners make with it"),
    Field("easier", "text", "A regression: the drill made easier.", "A regression, in a sentence",
          starter="Say how to make the drill easier"),
    Field("harder", "text", "A progression: the drill made harder.", "A progression, in a sentence",
          starter="Say how to make the drill harder"),
    Field("stop_if", "text", "When to stop the drill at once.", "Sharp pain in the hip",
          starter="Say when to stop at once"),
    Field("checklist", "text", f"The short line printed on a routine card (at most {CHECKLIST_LIMIT} characters).",
          "The short line printed on a card", max_length=CHECKLIST_LIMIT,
          starter="Say the drill in a few words for the card"),
    Field("figure", "figure", "The drawing of the movement: a view, 2 to 4 poses as angles of the body's parts, "
          "props (docs/figures.md).", "{view: side, poses: [{thigh: 0}, {thigh: 30}]}"),
), starter_body="""\
## How to do it

Say how to do the movement, step by step, in plain words.

## Why it helps

Say what it prepares for the run, staying with what the guide's source article says.
""")

STEP = Document("step", "content/routines/<slug>.yaml",
                "One item of a routine's steps; '- SLUG' alone is the drill with its own dose.", (
    Field("drill", "word", "The drill, by its file name without '.md'.", "leg-swings"),
    Field("dose", "dose", "The step's own dose; without one, the drill's.", "10 per side", required=False),
    Field("time", "duration", "How long the step's dose takes, when it is a count (reps, per side, m).", "60 s",
          required=False, default=0, attribute="seconds"),
    Field("note", "text", "A short note shown with the step.", "a short note", required=False),
))

ROUTINE = Document("routine", "content/routines/<slug>.yaml", "A YAML file; the intro is Markdown.", (
    Field("title", "text", "The routine's name, as pages and cards show it.", "5K easy run, beginner"),
    Field("distance", "words", "The race distance it prepares for: one word or a list.", "5k",
          vocabulary="distances", also="a list: [5k, 10k]", single_allowed=True, attribute="distances"),
    Field("level", "words", "The runner level it suits: one word or a list.", "beginner", vocabulary="levels",
          also="a list: [beginner, experienced]", single_allowed=True, attribute="levels"),
    Field("session", "word", "The kind of session it comes before.", "easy-run", vocabulary="sessions"),
    Field("minutes", "integer", "How long it takes: must agree with the steps, to the half minute.", "12"),
    Field("intro", "text", "What the runner is about to do, in a sentence or two of Markdown: shown above the steps.",
          "Who this routine is for, in a sentence or two", attribute="intro_html",
          starter="Say who this routine is for and what they are about to do"),
    Field("why", "text", "Why this order and how it was tailored, in Markdown: shown below the steps, folded.",
          "Why the steps come in this order", required=False, attribute="why_html",
          starter="Say why the steps come in this order, or delete this line"),
    Field("steps", "steps", "The drills in phase order: '- drill: SLUG' with an optional dose, time and note.",
          "a list of '- drill: SLUG' items"),
))

PAGE = Document("page", "content/pages/<slug>.md",
                "Fields in front matter between '---' lines; the Markdown below is the page.", (
    Field("title", "text", "The page's title.", "Tailoring a routine"),
    Field("summary", "text", "One sentence on what the page is for.", "One sentence on what the page is for.",
          starter="Say in one sentence what the page is for"),
    Field("order", "integer", f"Where the page comes in lists, lowest first; without one, {LAST}.", "2",
          required=False, default=LAST),
), starter_body="""\
Write the page here, in Markdown: paragraphs, lists, and links to drills written as `[Leg swings](drill:leg-swings)`.
""")

_TERMS_HELP = {
    "distances": "The race distances routines are for.",
    "levels": "The runner levels routines suit.",
    "sessions": "The kinds of session a routine comes before.",
    "phases": "The phases of a warm-up, in routine order: a routine's steps follow it.",
    "zones": "The body zones drills work.",
    "equipment": "What a drill may need.",
}
SITE = Document("site", "content/site.yaml", "The site's settings and its controlled vocabularies.", (
    Field("title", "text", "The guide's name, on every page.", "Stride Prep"),
    Field("description", "text", "One sentence on the guide, for search results and link previews.",
          "Mobility warm-ups for runners"),
    Field("base_url", "url", "Where the site is published; the sitemap and canonical links use it.",
          "https://example.org/"),
    Field("language", "text", "The language of the text, as a code.", "en"),
    *(Field(name, "terms", _TERMS_HELP[name], "{slug: Name, ...}",
            reserved=(NO_EQUIPMENT,) if name == "equipment" else ())
      for name in VOCABULARIES),
    Field("checklist", "texts", "The post-warm-up checklist printed on every card.",
          "[Every movement done with control and full range]"),
    Field("credit", "text", "The source the guide is built from, shown in every footer.", "Based on an article by ..."),
))

DOCUMENTS = (SITE, DRILL, ROUTINE, STEP, PAGE)


def reference_markdown() -> str:
    """docs/content-format.md: every declared field, as a contributor reads it."""
    lines = ["# Content format", "",
             "Generated from `site_gen/content_format.py`, where each field is declared once: run",
             "`python -m tests.validate.update_reference` after changing a declaration (a test fails until then).",
             "Editors get the same rules as JSON Schemas in `schema/` (`python build.py schema --out schema`).", ""]
    for document in DOCUMENTS:
        lines += [f"## {document.name.capitalize()}", "", f"`{document.files}`: {document.about}", "",
                  "| Field | Value | Required | What it is | Example |", "|---|---|---|---|---|"]
        lines += [f"| `{field.name}` | {_value_words(field)} | {_required_words(field)} | {field.help} | "
                  f"`{field.example}`" + (f" (or {field.also})" if field.also else "") + " |"
                  for field in document.fields]
        lines.append("")
    lines += ["A **dose** is `<number> <unit>` with unit `reps`, `per side`, `s`, `min` or `m`. Timed doses",
              "(`s`, `min`) take their own time; counted ones need a `time:` (`90 s`, `2 min`). A routine's",
              "`minutes` must agree with the sum of its steps (to the half minute).", "",
              "File names are slugs (lowercase letters, digits, hyphens): they become URLs.", ""]
    return "\n".join(lines)


_KIND_WORDS = {
    "text": "text", "texts": "a list of texts", "dose": "a dose", "duration": "a time (`s` or `min`)",
    "integer": "a whole number", "url": "a web address", "terms": "`slug: Shown name` pairs",
    "steps": "a list of steps (see Step)", "figure": "a figure (see docs/figures.md)",
}


def _value_words(field: Field) -> str:
    if field.kind == "word":
        return f"one of site.yaml's `{field.vocabulary}`" if field.vocabulary else "a drill's slug"
    if field.kind == "words":
        many = f"a list of site.yaml's `{field.vocabulary}`"
        return many + (", or one" if field.single_allowed else "") + (", or `[]`" if field.empty_allowed else "")
    limit = f", at most {field.max_length} characters" if field.max_length else ""
    return _KIND_WORDS[field.kind] + limit


def _required_words(field: Field) -> str:
    if field.required:
        return "yes"
    return f"no (default {field.default})" if field.kind == "integer" else "no"

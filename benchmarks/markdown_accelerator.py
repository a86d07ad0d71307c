"""Would markdown-it-pyrs render our bodies as markdown-it-py does? A differential fuzz, and the speed.

Not part of the build or of `make test`: markdown-it-pyrs is not a dependency (docs/performance.md,
"A faster Markdown engine", says why). Run it in a throwaway environment to weigh a new release:

    python3 -m venv /tmp/pyrs && /tmp/pyrs/bin/pip install markdown-it-pyrs markdown-it-py==4.3.0
    RUST_BACKTRACE=0 /tmp/pyrs/bin/python benchmarks/markdown_accelerator.py --cases 20000 content/

It prints, for random bodies of two kinds (prose as drills are written, and every Markdown
character at random), how many render the same, differently, or make the Rust engine panic,
with the first differences; then both engines' time over the bodies of the folders given.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

try:
    from markdown_it import MarkdownIt
    from markdown_it_pyrs import MarkdownIt as RustMarkdownIt
except ImportError as missing:
    sys.exit(f"{missing.name} is not installed here: see this script's docstring")

# site_gen/markdown.py's configuration, without our link, image and heading rules.
REFERENCE = MarkdownIt("commonmark", {"html": False, "typographer": True, "store_labels": True}).enable(
    ["table", "strikethrough", "replacements"])
# The same rules by name; "commonmark" there would let raw HTML through.
RUST = RustMarkdownIt("zero").enable_many([
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference", "autolink",
    "backticks", "emphasis", "entity", "escape", "image", "link", "newline", "table", "strikethrough", "replacements"])

WORDS = ["Hip", "flexor", "swing", "30", "s", "10-15", "x2", "é", "—", "’", "“", "…", "(c)", "(tm)", "+-", "...",
         "--", "---", "?....", "!!!!", ",,", ":", ".", "-", "*", "**", "_", "__", "***", "[", "]", "(", ")", "\"",
         "'", "#", "1.", "2)", "https://e.x/a?b=c", "www.e.x", "a@b.c"]
LINE_STARTS = ["", "# ", "## ", "### ", "- ", "* ", "1. ", "10) ", "  - ", "    ", "  ", "---", "***", "===", "--",
               "[r]: drill:b", "[r]: https://e.x 'title'"]
INLINE = ["[x](drill:a)", "[y][r]", "[r]", "[x](https://e.x/a \"t\")", "[*x*](routine:b)", "*em*", "**strong**",
          "_e_", "***both***"]
ANY = [*WORDS, *INLINE, " ", "\n", "\n\n", "`", "``", "```", "~", "~~", "<", ">", "&", "&amp;", "&#35;", "\\", "|",
       "| a | b |\n|---|---|\n", "![a](../images/x.jpg)", "<https://e.x>", "\t", "\u00a0", "> "]


def prose(rng: random.Random) -> str:
    def line() -> str:
        words = (rng.choice(WORDS) if rng.random() < .8 else rng.choice(INLINE) for _ in range(rng.randint(0, 12)))
        return rng.choice(LINE_STARTS) + " ".join(words)
    return "\n".join(line() for _ in range(rng.randint(1, 12))) + "\n"


def anything(rng: random.Random) -> str:
    return "".join(rng.choice(ANY) for _ in range(rng.randint(1, 40)))


def compare(make: Callable[[random.Random], str], cases: int, seed: int) -> tuple[Counter[str], list[str]]:
    rng, counts, examples = random.Random(seed), Counter[str](), []
    for _ in range(cases):
        text = make(rng)
        reference = REFERENCE.render(text)
        try:
            rust = RUST.render(text)
        except BaseException as panic:  # pyo3 raises a Rust panic as a BaseException
            if isinstance(panic, KeyboardInterrupt):
                raise
            counts["panic"] += 1
            continue
        same = rust == reference
        counts["same" if same else "different"] += 1
        if not same and len(examples) < 3:
            examples.append(f"{text!r}\n  markdown-it-py:   {reference!r}\n  markdown-it-pyrs: {rust!r}")
    return counts, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="content folders whose Markdown bodies are timed")
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    for name, make in (("prose", prose), ("any character", anything)):
        counts, examples = compare(make, arguments.cases, arguments.seed)
        print(f"{name}: {counts['same']} same, {counts['different']} different, {counts['panic']} panics"
              f" of {arguments.cases}")
        for example in examples:
            print("  " + example)
    bodies = [path.read_text(encoding="utf-8").partition("\n---\n")[2]
              for folder in arguments.folders for path in sorted(folder.rglob("*.md"))]
    if bodies:
        for engine, render in (("markdown-it-py", REFERENCE.render), ("markdown-it-pyrs", RUST.render)):
            start = time.perf_counter()
            for body in bodies:
                render(body)
            print(f"{engine}: {len(bodies)} bodies in {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()

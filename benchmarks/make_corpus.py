"""Write a large, valid Stride Prep content tree for benchmarks: `make_corpus.py N DIR [--seed S]`.

N drills with realistic 250-400 word bodies, N/10 routines of 8-14 steps, the vocabularies
and a few prose pages; the same drills as plain Markdown pages (title and summary front
matter) under DIR/peers/ for other generators. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

PHASES = ("pulse-raiser", "dynamic-drills", "mobility", "activation", "strides", "cool-down")
ZONES = ("hips", "hip-flexors", "glutes", "hamstrings", "quads", "calves", "ankles", "core", "thoracic-spine", "shoulders")
WORDS = ("stride", "cadence", "hip", "ankle", "posture", "rhythm", "control", "range", "breath", "tempo", "glute",
         "calf", "torso", "balance", "knee", "foot", "swing", "lift", "reach", "rotation", "smooth", "steady",
         "gentle", "tall", "relaxed", "light", "controlled", "even", "quiet", "springy")
SITE = """\
title: Corpus Prep
description: A synthetic guide for benchmarks.
base_url: https://example.org/
language: en
distances: {5k: 5K, 10k: 10K, half-marathon: Half marathon, marathon: Marathon, trail-ultra: Trail / ultra}
levels: {beginner: Beginner, experienced: Experienced}
sessions: {easy-run: Easy run, workout: Workout, race-day: Race day, cross-training: Cross-training day}
phases: {pulse-raiser: Pulse raiser, dynamic-drills: Dynamic drills, mobility: Mobility, activation: Activation,
  strides: Strides, cool-down: Cool-down}
zones: {%s}
equipment: {wall: A wall, step: A step}
checklist: [Every movement done with control, Stiffness or fatigue noticed]
credit: Synthetic content for benchmarks.
""" % ", ".join(f"{zone}: {zone.replace('-', ' ').capitalize()}" for zone in ZONES)


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, index: int, count: int) -> str:
    """About 250-400 words: headings, a list, emphasis, bold and links to other drills."""
    other = f"drill-{rng.randrange(count):05d}"
    paragraphs = [
        "## How to do it",
        " ".join(sentence(rng, rng.randint(8, 14)) for _ in range(rng.randint(4, 6))),
        "\n".join(f"- {sentence(rng, rng.randint(5, 9))}" for _ in range(rng.randint(3, 5))),
        f"Keep it **{rng.choice(WORDS)}** and *{rng.choice(WORDS)}*; then try [the next drill](drill:{other}).",
        "## Why it helps",
        " ".join(sentence(rng, rng.randint(8, 14)) for _ in range(rng.randint(5, 8))),
        " ".join(sentence(rng, rng.randint(8, 14)) for _ in range(rng.randint(3, 5))),
    ]
    return "\n\n".join(paragraphs) + "\n"


def drill(rng: random.Random, index: int, count: int) -> tuple[str, str, str]:
    """(front matter + body for Stride Prep, the same as a plain page for peers, phase)."""
    phase = PHASES[index % len(PHASES)]
    title = f"Drill {index:05d} {rng.choice(WORDS)} {rng.choice(WORDS)}"
    summary = sentence(rng, 10)
    zones = ", ".join(sorted(rng.sample(ZONES, 2)))
    counted = index % 2 == 0
    dose = f"{rng.randint(6, 20)} per side\ntime: {rng.randint(4, 12) * 15} s" if counted else f"{rng.randint(2, 8) * 15} s"
    text = body(rng, index, count)
    ours = f"""---
title: {title}
summary: {summary}
phase: {phase}
zones: [{zones}]
equipment: []
dose: {dose}
cues:
  - {sentence(rng, 5)}
  - {sentence(rng, 6)}
mistakes:
  - {sentence(rng, 6)}
easier: {sentence(rng, 8)}
harder: {sentence(rng, 8)}
stop_if: Any sharp pain.
checklist: {title[:40]}
figure:
  view: side
  poses:
    - {{thigh: [{10 + index % 60}, 0]}}
    - {{thigh: [-10, 0], shin: [-20, 0]}}
---
{text}"""
    peer = f"---\ntitle: {title}\nsummary: {summary}\n---\n{text.replace('](drill:', '](../')}"
    return ours, peer, phase


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    content, peers = args.out / "content", args.out / "peers"
    shutil.rmtree(args.out, ignore_errors=True)
    for folder in (content / "drills", content / "routines", content / "pages", peers):
        folder.mkdir(parents=True)
    (content / "site.yaml").write_text(SITE)
    by_phase: dict[str, list[str]] = {phase: [] for phase in PHASES}
    seconds: dict[str, int] = {}
    for index in range(args.count):
        slug = f"drill-{index:05d}"
        ours, peer, phase = drill(rng, index, args.count)
        (content / "drills" / f"{slug}.md").write_text(ours)
        (peers / f"{slug}.md").write_text(peer)
        by_phase[phase].append(slug)
        timed = ours.split("\ndose: ", 1)[1].split("\n", 2)
        seconds[slug] = int(timed[1].split()[1]) if timed[1].startswith("time:") else int(timed[0].split()[0])
    distances, levels = ("5k", "10k", "half-marathon", "marathon", "trail-ultra"), ("beginner", "experienced")
    sessions = ("easy-run", "workout", "race-day", "cross-training")
    for index in range(max(1, args.count // 10)):
        steps = sorted(rng.sample(range(args.count), rng.randint(8, min(14, args.count))),
                       key=lambda i: (i % len(PHASES), i))
        total = sum(seconds[f"drill-{i:05d}"] for i in steps)
        lines = "\n".join(f"  - drill: drill-{i:05d}" for i in steps)
        (content / "routines" / f"routine-{index:04d}.yaml").write_text(
            f"title: Routine {index:04d}\ndistance: {distances[index % 5]}\nlevel: {levels[index % 2]}\n"
            f"session: {sessions[index % 4]}\nminutes: {(total + 30) // 60}\nintro: {sentence(rng, 20)}\n"
            f"steps:\n{lines}\n")
    for index, name in enumerate(("safety", "tailoring", "printing")):
        (content / "pages" / f"{name}.md").write_text(
            f"---\ntitle: {name.capitalize()}\nsummary: {sentence(rng, 8)}\norder: {index}\n---\n{body(rng, index, args.count)}")
    print(f"wrote {args.count} drills, {max(1, args.count // 10)} routines and 3 pages into {content}; "
          f"{args.count} peer pages into {peers}")


if __name__ == "__main__":
    main()

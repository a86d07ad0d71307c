// The log page: a private log kept in this browser only (localStorage), newest first, with a trend,
// exported and imported as CSV or JSON, and written into the sheet that prints. Without it, the sheet.
"use strict";
(() => {
  const ui = document.getElementById("log-ui");
  if (!ui) return;
  const KEY = "stride1:log";
  const FORMAT = "stride-prep-log";
  const CSV_HEADER = "date,routine,stride_length,cadence_spm,effort,notes";
  const FIELDS = ["date", "routine", "stride", "cadence", "effort", "notes"];
  const LONGEST = { routine: 120, stride: 60, notes: 1000 };
  const LARGEST = 5 * 1024 * 1024; // bytes of an import: years of a log are far fewer
  const SPARE = "stride-prep-log-unreadable.txt";
  // A value quoted in a message, of any type (String() throws on {"toString": 1}) or length.
  const shown = (value) => {
    const words = typeof value === "string" ? value : JSON.stringify(value) ?? "";
    return words.length > 40 ? words.slice(0, 40) + "\u2026" : words;
  };

  // One entry, checked, in its one shape; or an Error saying what is wrong.
  function entry(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("it is not an entry");
    const unknown = Object.keys(raw).find((name) => !FIELDS.includes(name));
    if (unknown) throw new Error(`"${shown(unknown)}" is not a field of the log`);
    const date = raw.date;
    const day = typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(date + "T00:00:00Z");
    if (!day || isNaN(day) || day.toISOString().slice(0, 10) !== date) {
      throw new Error(`the date must be a day written like 2025-07-19, not "${shown(date)}"`);
    }
    const text = (name) => {
      const value = raw[name] ?? "";
      if (typeof value !== "string") throw new Error(`${name} must be text`);
      if (value.length > LONGEST[name]) throw new Error(`${name} is longer than ${LONGEST[name]} characters`);
      return value;
    };
    const whole = (name, high) => {
      const value = raw[name] ?? "";
      if (value === "") return null;
      const number = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? +value : value;
      if (!Number.isInteger(number) || number < 1 || number > high) {
        throw new Error(`${name} must be a whole number from 1 to ${high}, not "${shown(value)}"`);
      }
      return number;
    };
    return { date, routine: text("routine"), stride: text("stride"), cadence: whole("cadence", 400),
      effort: whole("effort", 10), notes: text("notes") };
  }

  // Each entry, or the first mistake, named by its place.
  const entries = (list) => list.map((raw, index) => {
    try { return entry(raw); } catch (error) { throw new Error(`entry ${index + 1}: ${error.message}`); }
  });

  function fromJson(text) {
    let found;
    try { found = JSON.parse(text); } catch { throw new Error("it is not valid JSON"); }
    if (!found || found.format !== FORMAT || found.version !== 1 || !Array.isArray(found.entries)) {
      throw new Error("it is not a Stride Prep log (the JSON this page exports)");
    }
    return entries(found.entries);
  }

  // A cell a spreadsheet would run as a formula (OWASP: CSV injection) gets a leading apostrophe;
  // so does one of apostrophes before such a character, as the import takes one off both.
  const FORMULA = /^'*[=+\-@\t\r]/;
  const SAFE = /^'(?='*[=+\-@\t\r])/;

  // RFC 4180: fields in double quotes may hold commas, quotes (doubled) and line breaks.
  function fromCsv(text) {
    const rows = [];
    let row = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c !== '"') cell += c;
        else if (text[i + 1] === '"') cell += text[++i];
        else quoted = false;
      } else if (c === '"' && cell === "") quoted = true;
      else if (c === ",") { row.push(cell); cell = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        rows.push([...row, cell]);
        row = [];
        cell = "";
      } else cell += c;
    }
    if (quoted) throw new Error("a quoted field is never closed");
    if (cell || row.length) rows.push([...row, cell]);
    const [header, ...lines] = rows.filter((cells) => cells.join("") !== "");
    if (!header || header.join(",") !== CSV_HEADER) {
      throw new Error(`it is not a Stride Prep log: the first line must be ${CSV_HEADER}`);
    }
    return entries(lines.map((cells, index) => {
      if (cells.length !== FIELDS.length) {
        throw new Error(`entry ${index + 1}: ${cells.length} fields, not ${FIELDS.length}`);
      }
      return Object.fromEntries(FIELDS.map((name, column) => [name, cells[column].replace(SAFE, "")]));
    }));
  }

  const csvCell = (value) => {
    let cell = value === null ? "" : String(value);
    if (FORMULA.test(cell)) cell = "'" + cell;
    return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  };
  const toCsv = (list) => [CSV_HEADER, ...list.map((item) => FIELDS.map((name) => csvCell(item[name])).join(","))]
    .join("\r\n") + "\r\n";
  const toJson = (list) => JSON.stringify({ format: FORMAT, version: 1, entries: list }, null, 2) + "\n";

  const count = (number) => (number === 1 ? "1 entry" : `${number} entries`);
  let log = [];
  let stored = null; // a stored log this page cannot read, left as it is
  let reason = "";
  // The log as stored now, checked. One this page cannot read (a newer version's, a hand edit)
  // is never written over: a newer page may read it, and it is the runner's.
  function load() {
    let text = null;
    try { text = localStorage.getItem(KEY); } catch { /* no storage: an empty log */ }
    try {
      let found;
      try { found = JSON.parse(text ?? "[]"); } catch { throw new Error("it is not valid JSON"); }
      if (!Array.isArray(found)) throw new Error("it is not a list of entries");
      log = entries(found);
      stored = null;
    } catch (error) {
      log = [];
      stored = text;
      reason = error.message;
    }
  }
  load();
  // Newest first; entries of one day keep the order they came in.
  const newestFirst = (list) => list.sort((a, b) => b.date.localeCompare(a.date));

  const parts = ui.content.cloneNode(true);
  const find = (selector) => parts.querySelector(selector);
  const form = find("form");
  const list = find(".entries");
  const empty = find(".log-empty");
  const figure = find(".trend");
  const status = find(".log-status");
  const tell = (message) => { status.textContent = message; };
  const unreadable = () => `The log kept in this browser could not be read: ${reason}. It is left as it was:`
    + " nothing is added to it or written over it. Save it as a file to start a new log.";
  // Where the entries would be, the runner reads why there are none, and what to do.
  const none = empty.textContent;
  const button = (words) => Object.assign(document.createElement("button"), { type: "button", className: "quiet", textContent: words });
  const spare = button("Save it as a file and start a new log");
  empty.after(spare);
  const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

  // A change starts from the log as stored now: another tab may have added to it.
  const refused = () => {
    load();
    if (stored === null) return false;
    show();
    tell(unreadable());
    return true;
  };
  // Stored before shown: if the browser cannot keep it, the page says so and nothing changes.
  function commit(change) {
    if (refused()) return false;
    const next = change(log);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      tell("This browser would not keep the log (private browsing, or storage full). Nothing was changed.");
      return false;
    }
    log = next;
    show();
    return true;
  }

  function show() {
    empty.textContent = stored === null ? none : unreadable();
    spare.hidden = stored === null;
    list.replaceChildren(...log.map((item) => {
      const row = document.createElement("li");
      const line = (words) => row.appendChild(document.createElement("p")).append(...words);
      const strong = document.createElement("strong");
      strong.textContent = item.date;
      line([strong, item.routine ? ` · ${item.routine}` : ""]);
      const measures = [item.stride && `Stride length: ${item.stride}`, item.cadence && `Cadence: ${item.cadence} steps per minute`,
        item.effort && `Effort: ${item.effort} of 10`].filter(Boolean);
      if (measures.length) line([measures.join(" · ")]);
      if (item.notes) line([item.notes]);
      const remove = row.appendChild(button(`Delete the entry of ${item.date}`));
      const same = JSON.stringify(item);
      remove.addEventListener("click", () => {
        const without = (now) => {
          const at = now.findIndex((one) => JSON.stringify(one) === same);
          return now.filter((_, other) => other !== at);
        };
        if (commit(without)) tell(`Deleted the entry of ${item.date}.`);
      });
      return row;
    }));
    empty.hidden = log.length > 0;
    trend();
    paper();
  }

  // On paper: the newest entries, oldest first as a pen fills a sheet, and 4 rows left for the next runs.
  const rows = document.querySelectorAll(".log tbody tr");
  function paper() {
    const shown = log.slice(0, rows.length - 4).reverse();
    rows.forEach((row, at) => row.querySelectorAll("div").forEach((cell, column) => {
      cell.textContent = shown[at]?.[FIELDS[column]] ?? "";
    }));
  }

  // Oldest on the left, one point per entry; cadence solid, effort dashed, so colour is never needed.
  function trend() {
    const points = log.slice(0, 30).reverse();
    const x = (index) => 10 + (index * 300) / Math.max(1, points.length - 1);
    const line = (name, low, high, style) => {
      const marks = points.flatMap((item, index) => (item[name] === null ? []
        : [`${x(index).toFixed(1)},${(110 - ((item[name] - low) * 100) / (high - low || 1)).toFixed(1)}`]));
      if (marks.length < 2) return [];
      const drawn = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
      drawn.setAttribute("class", style);
      drawn.setAttribute("points", marks.join(" "));
      return [drawn];
    };
    const values = (name) => points.map((item) => item[name]).filter((value) => value !== null);
    const cadence = values("cadence");
    const effort = values("effort");
    const drawn = [...line("cadence", Math.min(...cadence), Math.max(...cadence), "trend-cadence"),
      ...line("effort", 1, 10, "trend-effort")];
    figure.hidden = !drawn.length;
    figure.querySelector("svg").replaceChildren(...drawn);
    const range = (found, unit) => (found.length > 1 ? `${found[0]} to ${found[found.length - 1]} ${unit}` : "not enough entries");
    figure.querySelector("figcaption").textContent = `Trend of your last ${count(points.length)}, oldest first.`
      + ` Solid line, cadence: ${range(cadence, "steps per minute")}. Dashed line, effort: ${range(effort, "of 10")}.`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let added;
    try { added = entry(Object.fromEntries(new FormData(form))); } catch (error) { tell(`Not added: ${error.message}.`); return; }
    if (commit((now) => newestFirst([added, ...now]))) {
      form.reset();
      form.date.value = today();
      tell(`Added the entry of ${added.date}.`);
    }
  });

  for (const [extension, type, write] of [["csv", "text/csv", toCsv], ["json", "application/json", toJson]]) {
    find(`[data-export='${extension}']`).addEventListener("click", () => {
      if (refused()) return; // an empty export would pass for a copy
      save(`stride-prep-log.${extension}`, type, write(log));
      tell(`Exported ${count(log.length)} as ${extension.toUpperCase()}.`);
    });
  }
  function save(name, type, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  }

  // To a file and to a key nothing reads: a failed download must not lose it.
  spare.addEventListener("click", () => {
    if (!refused()) return show();
    save(SPARE, "text/plain", stored);
    try {
      localStorage.setItem(`${KEY}:unreadable:${Date.now()}`, stored);
      localStorage.removeItem(KEY);
    } catch {
      tell("This browser would not keep a copy of it (storage full). Nothing was changed.");
      return;
    }
    load();
    show();
    tell(`Saved the unreadable log as ${SPARE}; a copy stays in this browser too. This is a new log.`);
  });
  // Another tab changed the log or cleared the storage.
  addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) { load(); show(); }
  });

  // All or nothing: every entry of the file is checked before any is added.
  const file = find("#log-import");
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    file.value = ""; // so that the same file can be chosen again
    let found;
    try {
      if (chosen.size > LARGEST) throw new Error("it is over 5 MB, the most this page imports");
      const text = (await chosen.text()).replace(/^\uFEFF/, "");
      found = /^\s*[[{]/.test(text) ? fromJson(text) : fromCsv(text);
    } catch (error) {
      tell(`Import refused: ${chosen.name}: ${error.message}. Your log is unchanged.`);
      return;
    }
    let added = [];
    const merge = (now) => {
      const known = new Set(now.map((item) => JSON.stringify(item)));
      added = found.filter((item) => !known.has(JSON.stringify(item)) && known.add(JSON.stringify(item)));
      return newestFirst([...now, ...added]);
    };
    if (commit(merge)) {
      tell(`Imported ${count(added.length)} from ${chosen.name}; ${count(found.length - added.length)} already in your log.`);
    }
  });

  form.date.value = today();
  // The timer's "Log this warm-up" (log/?routine=<slug>): that routine, today.
  const asked = find(`option[data-slug="${CSS.escape(new URLSearchParams(location.search).get("routine") ?? "")}"]`);
  if (asked) form.routine.value = asked.value;
  show();
  ui.replaceWith(parts);
})();

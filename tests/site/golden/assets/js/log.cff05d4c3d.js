// The log page on a phone: a private progress log kept in this browser only (localStorage),
// newest first, with a trend of cadence and effort, exported and imported as CSV or JSON.
// Without this script the page is the paper sheet.
"use strict";
(() => {
  const ui = document.getElementById("log-ui");
  if (!ui) return;
  const KEY = "stride1:log";
  const FORMAT = "stride-prep-log";
  const CSV_HEADER = "date,routine,stride_length,cadence_spm,effort,notes";
  const FIELDS = ["date", "routine", "stride", "cadence", "effort", "notes"];
  const LONGEST = { routine: 120, stride: 60, notes: 1000 };

  // One entry, checked and in its one shape; throws an Error that says what is wrong.
  function entry(raw) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new Error("it is not an entry");
    const unknown = Object.keys(raw).find((name) => !FIELDS.includes(name));
    if (unknown) throw new Error(`"${unknown}" is not a field of the log`);
    const date = raw.date;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(date + "T00:00:00Z");
    if (!day || isNaN(day) || day.toISOString().slice(0, 10) !== date) {
      throw new Error(`the date must be a day written like 2025-07-19, not "${date ?? ""}"`);
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
        throw new Error(`${name} must be a whole number from 1 to ${high}, not "${value}"`);
      }
      return number;
    };
    return { date, routine: text("routine"), stride: text("stride"), cadence: whole("cadence", 400),
      effort: whole("effort", 10), notes: text("notes") };
  }

  // Each entry of a list, or the first mistake, named by its place in the file.
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
      return Object.fromEntries(FIELDS.map((name, column) => [name, cells[column]]));
    }));
  }

  const csvCell = (value) => {
    const cell = value === null ? "" : String(value);
    return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  };
  const toCsv = (list) => [CSV_HEADER, ...list.map((item) => FIELDS.map((name) => csvCell(item[name])).join(","))]
    .join("\r\n") + "\r\n";
  const toJson = (list) => JSON.stringify({ format: FORMAT, version: 1, entries: list }, null, 2) + "\n";

  const count = (number) => (number === 1 ? "1 entry" : `${number} entries`);
  let log = [];
  try {
    log = entries(JSON.parse(localStorage.getItem(KEY)) || []);
  } catch {
    // Unreadable (another version, a hand edit): set it aside rather than write over it.
    try { localStorage.setItem(KEY + ":unreadable", localStorage.getItem(KEY)); } catch { /* no storage at all */ }
  }
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
  const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);

  // Stored before shown: if the browser cannot keep it, the page says so and nothing changes.
  function commit(next) {
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
    list.replaceChildren(...log.map((item, index) => {
      const row = document.createElement("li");
      const line = (words) => row.appendChild(document.createElement("p")).append(...words);
      const strong = document.createElement("strong");
      strong.textContent = item.date;
      line([strong, item.routine ? ` · ${item.routine}` : ""]);
      const measures = [item.stride && `Stride length: ${item.stride}`, item.cadence && `Cadence: ${item.cadence} steps per minute`,
        item.effort && `Effort: ${item.effort} of 10`].filter(Boolean);
      if (measures.length) line([measures.join(" · ")]);
      if (item.notes) line([item.notes]);
      const remove = row.appendChild(document.createElement("button"));
      remove.type = "button";
      remove.className = "quiet";
      remove.textContent = `Delete the entry of ${item.date}`;
      remove.addEventListener("click", () => {
        if (commit(log.filter((_, other) => other !== index))) tell(`Deleted the entry of ${item.date}.`);
      });
      return row;
    }));
    empty.hidden = log.length > 0;
    trend();
  }

  // Oldest on the left, one point per entry; cadence solid, effort dashed, so colour is never needed.
  function trend() {
    const points = log.slice(0, 30).reverse();
    const x = (index) => 10 + (index * 300) / Math.max(1, points.length - 1);
    const line = (name, low, high, style) => {
      const marks = points.flatMap((item, index) => (item[name] === null ? []
        : [`${x(index).toFixed(1)},${(110 - ((item[name] - low) * 100) / (high - low || 1)).toFixed(1)}`]));
      return marks.length > 1 ? `<polyline class="${style}" points="${marks.join(" ")}"/>` : "";
    };
    const values = (name) => points.map((item) => item[name]).filter((value) => value !== null);
    const cadence = values("cadence");
    const effort = values("effort");
    const drawn = line("cadence", Math.min(...cadence), Math.max(...cadence), "trend-cadence")
      + line("effort", 1, 10, "trend-effort");
    figure.hidden = !drawn;
    figure.querySelector("svg").innerHTML = drawn;
    const range = (found, unit) => (found.length > 1 ? `${found[0]} to ${found[found.length - 1]} ${unit}` : "not enough entries");
    figure.querySelector("figcaption").textContent = `Trend of your last ${count(points.length)}, oldest first.`
      + ` Solid line, cadence: ${range(cadence, "steps per minute")}. Dashed line, effort: ${range(effort, "of 10")}.`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    let added;
    try { added = entry(Object.fromEntries(new FormData(form))); } catch (error) { tell(`Not added: ${error.message}.`); return; }
    if (commit(newestFirst([added, ...log]))) {
      form.reset();
      form.date.value = today();
      tell(`Added the entry of ${added.date}.`);
    }
  });

  find("[data-export='csv']").addEventListener("click", () => save("csv", "text/csv", toCsv(log)));
  find("[data-export='json']").addEventListener("click", () => save("json", "application/json", toJson(log)));
  function save(extension, type, text) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type }));
    link.download = `stride-prep-log.${extension}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    tell(`Exported ${count(log.length)} as ${extension.toUpperCase()}.`);
  }

  // All or nothing: every entry of the file is checked before any is added.
  const file = find("#log-import");
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    file.value = ""; // so that the same file can be chosen again
    let found;
    try {
      const text = (await chosen.text()).replace(/^\uFEFF/, "");
      found = /^\s*[[{]/.test(text) ? fromJson(text) : fromCsv(text);
    } catch (error) {
      tell(`Import refused: ${chosen.name}: ${error.message}. Your log is unchanged.`);
      return;
    }
    const known = new Set(log.map((item) => JSON.stringify(item)));
    const added = found.filter((item) => !known.has(JSON.stringify(item)) && known.add(JSON.stringify(item)));
    if (commit(newestFirst([...log, ...added]))) {
      tell(`Imported ${count(added.length)} from ${chosen.name}; ${count(found.length - added.length)} already in your log.`);
    }
  });

  form.date.value = today();
  show();
  ui.replaceWith(parts);
})();

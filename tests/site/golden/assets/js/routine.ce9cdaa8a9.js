// A routine page at the track: ticks that stay ticked, a count read out as it changes, and a
// follow-along timer. Without this script the page reads the same and every box still ticks.
"use strict";
(() => {
  const routine = document.querySelector("[data-routine]");
  const ui = document.getElementById("track-ui");
  if (!routine || !ui) return;
  // What is stored may be anything (an old version, another tab, an extension): every use checks it.
  const read = (key) => {
    try { return JSON.parse(localStorage.getItem(key)); } catch { return null; }
  };
  const write = (key, value) => {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch { /* private mode or full: ticks last this visit */ }
  };
  // Keyed by "slug:hash of the steps": ticks kept for an older version of the routine would
  // tick the wrong steps, so they are dropped.
  const key = "stride1:ticks:" + routine.dataset.routine;
  const older = key.replace(/[^:]*$/, "");
  try {
    Object.keys(localStorage).forEach((name) => name.startsWith(older) && name !== key && localStorage.removeItem(name));
  } catch { /* no storage: nothing to drop */ }

  const text = (step, selector) => step.querySelector(selector)?.textContent || "";
  const steps = [...routine.querySelectorAll(".step")].map((step) => ({
    box: step.querySelector("input"), title: text(step, ".step-title"), dose: text(step, ".dose"),
    cue: text(step, ".cue"), note: text(step, ".step-note"), seconds: +step.dataset.countdown || 0,
    figure: step.querySelector(".fig"),
  }));
  // Only step numbers tick a step: whatever else is stored is left out.
  const restore = () => {
    const stored = read(key);
    const ticked = new Set(Array.isArray(stored) ? stored : []);
    steps.forEach((step, index) => { step.box.checked = ticked.has(index + 1); });
  };
  restore();

  const parts = ui.content.cloneNode(true);
  const find = (selector) => parts.querySelector(selector);
  const count = find(".track-count");
  const dialog = find("dialog");
  const field = {};
  for (const name of ["of", "title", "dose", "figure", "clock", "cue", "note", "next"]) field[name] = find(".timer-" + name);
  const bar = find(".timer-bar span");
  const say = find("[data-say]");
  const button = {};
  parts.querySelectorAll("[data-do]").forEach((element) => { button[element.dataset.do] = element; });

  const done = () => steps.filter((step) => step.box.checked).length;
  const showCount = () => { count.textContent = `${done()} of ${steps.length} done`; };
  const save = () => {
    write(key, steps.flatMap((step, index) => (step.box.checked ? [index + 1] : [])));
    showCount();
  };
  routine.addEventListener("change", save);
  // Ticked in another tab of this routine: shown here, so that a tick here does not undo it.
  addEventListener("storage", (event) => {
    if (event.key === key || event.key === null) { restore(); showCount(); }
  });
  button.reset.addEventListener("click", () => {
    steps.forEach((step) => { step.box.checked = false; });
    save();
  });
  showCount();

  // The timer. One step at a time: timed steps count down and move on by themselves,
  // counted steps wait for "Done". Either ticks the step.
  const stored = read("stride1:timer");
  const choice = (name, otherwise) => (typeof stored?.[name] === "boolean" ? stored[name] : otherwise);
  const prefs = { beep: choice("beep", false), buzz: choice("buzz", true) };
  let at = 0;
  let end = 0;
  let left = 0;
  let ticker = 0;
  let lock = null;
  let audio = null;

  // Audio may only start after a tap, so the context is made in one (a tick of "Beep", or "Start").
  const sound = () => {
    try { audio = audio || new AudioContext(); } catch { /* no Web Audio: the screen and the vibration say it */ }
    return audio;
  };
  function beep() {
    if (!sound()) return;
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.value = 0.2;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  }
  const buzz = () => navigator.vibrate && navigator.vibrate(200);
  const signal = () => {
    if (prefs.beep) beep();
    if (prefs.buzz) buzz();
  };
  parts.querySelectorAll("[data-pref]").forEach((box) => {
    const name = box.dataset.pref;
    if (name === "buzz" && !navigator.vibrate) box.parentElement.hidden = true;
    box.checked = Boolean(prefs[name]);
    box.addEventListener("change", () => {
      prefs[name] = box.checked;
      write("stride1:timer", prefs);
      if (box.checked) (name === "beep" ? beep : buzz)();
    });
  });

  const clock = (ms) => {
    const seconds = Math.ceil(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };
  const stop = () => { clearInterval(ticker); ticker = 0; };
  function tick() {
    left = Math.max(0, end - Date.now());
    field.clock.textContent = clock(left);
    bar.style.width = `${100 - (100 * left) / (steps[at].seconds * 1000)}%`;
    if (!left) finish();
  }
  function run() {
    end = Date.now() + left;
    button.pause.textContent = "Pause";
    ticker = setInterval(tick, 250);
    tick();
  }
  function finish() {
    stop();
    signal();
    steps[at].box.checked = true;
    save();
    go(at + 1);
  }

  function go(index, focus) {
    stop();
    at = Math.max(0, Math.min(index, steps.length));
    const step = steps[at];
    const next = steps[at + 1];
    const over = !step;
    const of = over ? "Finished" : `Step ${at + 1} of ${steps.length}`;
    field.of.textContent = of;
    field.title.textContent = over ? "Warm-up done" : step.title;
    field.dose.textContent = over ? `${done()} of ${steps.length} done` : step.dose;
    field.cue.textContent = over ? "" : step.cue;
    field.note.textContent = over ? "" : step.note;
    field.figure.replaceChildren(...(over || !step.figure ? [] : [step.figure.cloneNode(true)]));
    field.next.textContent = over ? "" : `Next: ${next ? `${next.title}, ${next.dose}` : "the end of the warm-up"}`;
    const timed = !over && step.seconds > 0;
    field.clock.hidden = bar.parentElement.hidden = button.pause.hidden = !timed;
    button.done.hidden = over || timed;
    button.next.hidden = over;
    say.textContent = over ? `Warm-up done. ${field.dose.textContent}.`
      : `${of}: ${step.title}, ${step.dose}. ${timed ? "Timer running." : "Tap Done when you have done it."}`;
    if (timed) {
      left = step.seconds * 1000;
      run();
    }
    // A button that just disappeared cannot keep the focus: hand it to the one that matters now.
    if (focus || !dialog.contains(document.activeElement) || document.activeElement.hidden) {
      (timed ? button.pause : over ? button.close : button.done).focus();
    }
  }

  const wake = () => {
    if (navigator.wakeLock && dialog.open && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").then((sentinel) => { lock = sentinel; }, () => {});
    }
  };
  // The screen lock is dropped whenever the page is hidden: take it again on return.
  document.addEventListener("visibilitychange", wake);

  button.start.addEventListener("click", () => {
    if (prefs.beep) sound();
    dialog.showModal();
    wake();
    const first = steps.findIndex((step) => !step.box.checked);
    go(first < 0 ? 0 : first, true);
  });
  button.pause.addEventListener("click", () => {
    if (ticker) {
      stop();
      button.pause.textContent = "Resume";
      say.textContent = "Paused.";
    } else {
      run();
      say.textContent = "Running.";
    }
  });
  button.done.addEventListener("click", finish);
  button.next.addEventListener("click", () => go(at + 1));
  button.prev.addEventListener("click", () => go(at - 1));
  button.close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    stop();
    if (lock) lock.release().catch(() => {});
    lock = null;
  });

  ui.replaceWith(parts);
})();

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
    cue: text(step, ".cue"), note: text(step, ".step-note"), timed: Boolean(+step.dataset.countdown),
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

  // The timer. One step at a time, each on a clock: the drill's own time when it is timed, the
  // guide's time for a counted one (Done ends it early). The pacing (a step's seconds, whether it
  // is per side, its repetitions and their parts) comes from the page: no number is made up here.
  const pacing = JSON.parse(find(".timer-pacing").textContent);
  steps.forEach((step, index) => {
    [step.seconds, step.sides, step.reps, step.parts] = pacing[index];
  });
  const stored = read("stride1:timer");
  const choice = (name, otherwise) => (typeof stored?.[name] === "boolean" ? stored[name] : otherwise);
  const prefs = { beep: choice("beep", true), buzz: choice("buzz", true), voice: choice("voice", false) };
  for (const name of ["skipped", "part", "total"]) field[name] = find(".timer-" + name);
  const during = find(".timer-step");
  const after = find(".timer-end");
  let at = 0;
  let end = 0;
  let left = 0;
  let ticker = 0;
  let lock = null;
  let audio = null;
  let banked = 0; // time run through the routine, pauses left out
  let since = 0;
  let cue = "";

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
  // The device's own voice: nothing is fetched, and a new cue cuts off the one before.
  const speak = (words) => {
    if (!prefs.voice || !window.speechSynthesis) return;
    speechSynthesis.cancel();
    speechSynthesis.speak(new SpeechSynthesisUtterance(words));
  };
  const signal = (words) => {
    if (prefs.beep) beep();
    if (prefs.buzz) buzz();
    speak(words);
  };
  const missing = { beep: !window.AudioContext, buzz: !navigator.vibrate, voice: !window.speechSynthesis };
  parts.querySelectorAll("[data-pref]").forEach((box) => {
    const name = box.dataset.pref;
    box.parentElement.hidden = missing[name];
    box.checked = Boolean(prefs[name]);
    box.addEventListener("change", () => {
      prefs[name] = box.checked;
      write("stride1:timer", prefs);
      if (box.checked) ({ beep, buzz, voice: () => speak("Voice on") })[name]();
    });
  });

  const clock = (ms) => {
    const seconds = Math.ceil(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };
  const elapsed = () => banked + (ticker ? Date.now() - since : 0);
  const stop = () => {
    if (ticker) banked += Date.now() - since;
    clearInterval(ticker);
    ticker = 0;
  };
  // What to do now within the step: which side, or which part of which repetition, and for how long.
  function within(step, gone) {
    if (step.sides) return [gone * 2 < step.seconds * 1000 ? "First side" : "Switch sides: second side"];
    if (!step.parts.length) return [""];
    const each = (step.seconds * 1000) / step.reps;
    const rep = Math.min(step.reps - 1, Math.floor(gone / each));
    let into = gone - rep * each;
    let index = 0;
    while (index < step.parts.length - 1 && into >= step.parts[index][1] * 1000) into -= step.parts[index++][1] * 1000;
    const [what, seconds] = step.parts[index];
    const count = step.reps > 1 ? `Repetition ${rep + 1} of ${step.reps}: ` : "";
    return [count + what, index === step.parts.length - 1 ? "" : clock(seconds * 1000 - into)];
  }
  function tick() {
    const step = steps[at];
    left = Math.max(0, end - Date.now());
    field.clock.textContent = clock(left);
    bar.style.width = `${100 - (100 * left) / (step.seconds * 1000)}%`;
    const later = steps.slice(at + 1).reduce((sum, next) => sum + next.seconds * 1000, 0);
    field.total.textContent = `${clock(elapsed())} elapsed · ${clock(left + later)} left`;
    const [now, until] = within(step, step.seconds * 1000 - left);
    field.part.textContent = until ? `${now} · ${until}` : now;
    // A new side or part is said once, when it starts; the first with the step itself.
    if (now !== cue) {
      if (cue) {
        say.textContent = now;
        signal(now);
      }
      cue = now;
    }
    if (!left) finish();
  }
  function run() {
    end = Date.now() + left;
    since = Date.now();
    button.pause.textContent = "Pause";
    ticker = setInterval(tick, 250);
    tick();
  }
  function finish() {
    stop();
    steps[at].box.checked = true;
    save();
    go(at + 1);
    signal(`${field.title.textContent}, ${field.dose.textContent}`);
  }

  // The end screen says what was done and names what was not: a skipped step is not "done".
  function ending() {
    const skipped = steps.filter((step) => !step.box.checked).map((step) => step.title);
    field.dose.textContent = `${done()} of ${steps.length} done`;
    field.skipped.textContent = skipped.length ? `Skipped: ${skipped.join(", ")}.` : "Every step done.";
    return `Warm-up done. ${field.dose.textContent}. ${field.skipped.textContent}`;
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
    field.dose.textContent = over ? "" : step.dose;
    during.hidden = over;
    after.hidden = !over;
    if (over) {
      say.textContent = ending();
    } else {
      field.cue.textContent = step.cue;
      field.note.textContent = step.note;
      field.figure.replaceChildren(...(step.figure ? [step.figure.cloneNode(true)] : []));
      field.next.textContent = "Next: " + (next ? `${next.title}, ${next.dose}` : "the end of the warm-up");
      say.textContent = `${of}: ${step.title}, ${step.dose}. ${step.timed ? "Timer running." : "Timer running: tap Done when you have done it."}`;
    }
    button.pause.hidden = button.next.hidden = over;
    button.done.hidden = over || step.timed;
    cue = "";
    if (!over) {
      left = step.seconds * 1000;
      run();
    }
    // A button that just disappeared cannot keep the focus: hand it to the one that matters now.
    if (focus || !dialog.contains(document.activeElement) || document.activeElement.hidden) {
      (over ? button.close : step.timed ? button.pause : button.done).focus();
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
    banked = 0;
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

// Live reload for `build.py serve` only: never part of a built site.
(() => {
  const events = new EventSource("/__stride/events");
  const here = location.pathname.replace(/index\.html$/, "");
  let overlay = null;
  let broken = false;  // the site has problems: the next good build reloads, overlay dismissed or not
  const clear = () => { if (overlay) { overlay.remove(); overlay = null; } };
  const dismiss = (event) => { if (event.key === "Escape") clear(); };
  document.addEventListener("keydown", dismiss);
  events.addEventListener("reload", (event) => {
    const changed = JSON.parse(event.data);
    const wasBroken = broken;
    broken = false;
    clear();
    if (wasBroken || changed.includes(here) || changed.some((url) => url.startsWith("/assets/"))) {
      location.reload();
    }
  });
  events.addEventListener("problems", (event) => {
    clear();
    broken = true;
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1rem;" +
      "background:#fff;color:#000;border:6px solid #b00020;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss (Esc)";
    close.style.cssText = "float:right;min-height:44px;min-width:44px;padding:0 1rem;font:inherit;cursor:pointer";
    close.addEventListener("click", clear);  // it comes back with the next edit that still has problems
    const title = document.createElement("strong");
    title.textContent = "The last edit has problems; this is the last good page.\n\n";
    const text = document.createElement("div");
    text.textContent = JSON.parse(event.data).join("\n");  // text, never markup: content cannot inject HTML
    overlay.append(close, title, text);
    document.body.append(overlay);
  });
})();

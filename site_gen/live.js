// Live reload for `build.py serve` only: never part of a built site.
(() => {
  const events = new EventSource("/__stride/events");
  const here = location.pathname.replace(/index\.html$/, "");
  let overlay = null;
  const clear = () => { if (overlay) { overlay.remove(); overlay = null; } };
  events.addEventListener("reload", (event) => {
    const changed = JSON.parse(event.data);
    const wasBroken = overlay !== null;
    clear();
    if (wasBroken || changed.includes(here) || changed.some((url) => url.startsWith("/assets/"))) {
      location.reload();
    }
  });
  events.addEventListener("problems", (event) => {
    clear();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1rem;" +
      "background:#fff;color:#000;border:6px solid #b00020;font:14px/1.4 ui-monospace,monospace;white-space:pre-wrap";
    const title = document.createElement("strong");
    title.textContent = "The last edit has problems; this is the last good page.\n\n";
    const text = document.createElement("div");
    text.textContent = JSON.parse(event.data).join("\n");  // text, never markup: content cannot inject HTML
    overlay.append(title, text);
    document.body.append(overlay);
  });
})();

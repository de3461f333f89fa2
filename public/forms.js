// Small helpers for plain forms, delegated from the document so they work on pages rendered later by the router.
// A file rather than inline handlers, so that the Content-Security-Policy can refuse every inline script.

// <input type="file" data-fill-text="ID">: puts the chosen file's text into the text area ID (the page works
// without this: the text can be pasted).
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.fillText) return;
  const file = input.files && input.files[0];
  const area = document.getElementById(input.dataset.fillText);
  if (!file || !area) return;
  file.text().then((text) => {
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  });
});

// <button data-print>: opens every "how it was computed" panel, then prints the page.
document.addEventListener("click", (event) => {
  const button = event.target instanceof Element && event.target.closest("button[data-print]");
  if (!button) return;
  document.querySelectorAll("details.how").forEach((details) => (details.open = true));
  window.print();
});

// <input data-filter-options="ID">: hides the options of the select ID whose text does not contain what is typed
// (the select's first, empty-valued option — the whole scope — always stays).
document.addEventListener("input", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.filterOptions) return;
  const select = document.getElementById(input.dataset.filterOptions);
  if (!(select instanceof HTMLSelectElement)) return;
  const typed = input.value.trim().toLowerCase();
  for (const option of select.options) {
    option.hidden = option.value !== "" && typed !== "" && !option.textContent.trim().toLowerCase().includes(typed);
  }
});

// The page's preloads (the wasm parts it hydrates with, its texts, ECharts where it draws a chart) come inert from
// the server (`rel="kinerja-after-paint"`, see server/src/assets.rs) and start here, once the page has been painted
// (the callback of the next frame queues a task that runs after that frame): nothing a page preloads is needed for
// its first paint, and on a slow network they would share it.
requestAnimationFrame(() =>
  setTimeout(() => {
    for (const inert of document.querySelectorAll('link[rel="kinerja-after-paint"]')) {
      const link = document.createElement("link");
      for (const a of inert.attributes) {
        if (a.name !== "rel" && a.name !== "data-rel") link.setAttribute(a.name, a.value);
      }
      link.rel = inert.dataset.rel;
      inert.replaceWith(link);
    }
  }, 0),
);

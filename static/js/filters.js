// On a phone the filters would fill the first screen: fold them away until asked for, unless
// some are in use. Without JavaScript they simply stay open.
document.addEventListener("DOMContentLoaded", () => {
  const params = new URLSearchParams(window.location.search);
  ["q", "page"].forEach((name) => params.delete(name));
  const inUse = [...params.values()].some((value) => value !== "");
  if (inUse || !window.matchMedia("(max-width: 50rem)").matches) return;
  document.querySelectorAll("details.more-filters").forEach((details) => {
    details.open = false;
  });
});

// A long list of ticks (data-filter-label) gets a box to find an option in; ticked options
// always stay in view. Without JavaScript the list simply scrolls.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-filter-label]").forEach((choices) => {
    const box = document.createElement("input");
    box.type = "search";
    box.className = "choices-filter";
    box.placeholder = choices.dataset.filterLabel;
    box.setAttribute("aria-label", choices.dataset.filterLabel);
    choices.before(box);
    const options = [...choices.querySelectorAll("input[type=checkbox]")].map((tick) => ({
      tick,
      row: tick.closest("label").parentElement,
      text: tick.closest("label").textContent.trim().toLowerCase(),
    }));
    box.addEventListener("input", () => {
      const wanted = box.value.trim().toLowerCase();
      options.forEach(({ tick, row, text }) => {
        row.hidden = wanted !== "" && !tick.checked && !text.includes(wanted);
      });
    });
  });
});

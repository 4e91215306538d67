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

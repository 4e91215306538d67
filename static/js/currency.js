// A listing form's amounts are labelled with their currency, "Monthly budget (₹)": when
// another currency is chosen, the labels say the new one at once. The form field names the
// amounts it labels (data-amounts) and each currency's sign (data-currency-signs); the page
// sends the chosen currency with the amounts either way.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-currency-signs]").forEach((select) => {
    const signs = JSON.parse(select.dataset.currencySigns);
    const labels = select.dataset.amounts
      .split(" ")
      .map((id) => document.querySelector(`label[for="${id}"]`))
      .filter(Boolean);
    let shown = signs[select.value];
    select.addEventListener("change", () => {
      const chosen = signs[select.value];
      if (!chosen || !shown) return;
      labels.forEach((label) => {
        label.childNodes.forEach((node) => {
          if (node.nodeType === Node.TEXT_NODE) {
            node.textContent = node.textContent.replace(`(${shown})`, `(${chosen})`);
          }
        });
      });
      shown = chosen;
    });
  });
});

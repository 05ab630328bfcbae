// The Thai file picker (front.forms.ThaiFileInput): show the chosen file's name beside it.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.classList.contains("file-native")) return;
  const shown = input.closest(".file-pick")?.querySelector(".file-name");
  if (!shown) return;
  if (!shown.dataset.empty) shown.dataset.empty = shown.textContent;
  shown.textContent = input.files && input.files.length
    ? Array.from(input.files, (f) => f.name).join(", ")
    : shown.dataset.empty;
});

// Drag a pupil onto another seat: fills the swap form's two lists and sends it.
// Without JavaScript (or with a keyboard) the two lists do the same.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("wisselen");
  if (!form) return;
  let from = null;
  document.querySelectorAll(".seat[data-seat]").forEach((seat) => {
    seat.addEventListener("dragstart", (event) => {
      from = seat.dataset.seat;
      event.dataTransfer.setData("text/plain", from);
    });
    seat.addEventListener("dragover", (event) => {
      if (from !== null && seat.dataset.seat !== from) {
        event.preventDefault();
        seat.classList.add("drop-target");
      }
    });
    seat.addEventListener("dragleave", () => seat.classList.remove("drop-target"));
    seat.addEventListener("drop", (event) => {
      event.preventDefault();
      seat.classList.remove("drop-target");
      form.elements.van.value = from;
      form.elements.naar.value = seat.dataset.seat;
      form.requestSubmit();
    });
  });
});

/* The pupil list's selection: "select all on this page" and a count.
 *
 * Without JavaScript every checkbox still works one by one.
 */
(function () {
  "use strict";

  function update(form) {
    var boxes = form.querySelectorAll('input[name="leerling"]');
    var checked = form.querySelectorAll('input[name="leerling"]:checked').length;
    var all = form.querySelector("[data-select-all]");
    if (all) {
      all.checked = checked > 0 && checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    }
    var label = form.querySelector("[data-selected-count]");
    // The Dutch text comes from the template (gettext); N is the number.
    if (label) label.textContent = checked ? label.dataset.label.replace("N", checked) : "";
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    var form = target.closest && target.closest("form");
    if (!form) return;
    if (target.hasAttribute("data-select-all")) {
      var name = target.getAttribute("data-select-all");
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
        box.checked = target.checked;
      });
    }
    if (target.hasAttribute("data-select-all") || target.name === "leerling") update(form);
  });
})();

/* The pyramid page: keep the keyboard where it was across htmx swaps.
 *
 * Moving an item (the arrow buttons, the layer select) answers with the whole
 * board; focus goes back to the same control of the moved item, so someone
 * using the keyboard can press "omhoog" again. The poll for colleagues'
 * changes waits while someone is choosing in the board, so a swap never takes
 * a half-made choice away.
 */
(function () {
  "use strict";

  var pending = null;

  function busyInBoard() {
    var active = document.activeElement;
    return active && active.closest && active.closest("#piramide-bord") &&
      (active.tagName === "SELECT" || active.tagName === "INPUT");
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    if (source && source.id === "piramide-bord" && busyInBoard()) {
      event.preventDefault();
      return;
    }
    var submitter = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent &&
      event.detail.requestConfig.triggeringEvent.submitter;
    var item = source && source.closest && source.closest(".pyramid-item");
    if (item) {
      pending = {
        item: item.id,
        name: submitter ? submitter.getAttribute("name") : null,
        value: submitter ? submitter.getAttribute("value") : null,
      };
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!pending) return;
    var item = document.getElementById(pending.item);
    var target = null;
    if (item) {
      if (pending.name === "step") {
        target = item.querySelector('button[name="step"][value="' + pending.value + '"]') ||
          item.querySelector('button[name="step"]');
      }
      target = target || item.querySelector("select[name=layer]") || item.querySelector("a");
    }
    pending = null;
    if (target) target.focus();
  });
})();

/* Small behaviour for every page.
 *
 * Keep-alive: a session ends after 30 minutes without a request, and typing
 * is not a request. While someone fills in a form, tell the server now and
 * then that they are still there, so what they typed is not lost to the
 * idle timer. Posting at most every 5 minutes is well inside 30.
 */
(function () {
  "use strict";

  var KEEPALIVE_EVERY_MS = 5 * 60 * 1000;
  // Loading the page was itself a request.
  var lastSent = Date.now();

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      return headers["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  document.addEventListener("input", function (event) {
    var url = document.body.getAttribute("data-keepalive-url");
    if (!url || !event.target.closest) return;
    var form = event.target.closest("form");
    if (!form || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    var now = Date.now();
    if (now - lastSent < KEEPALIVE_EVERY_MS) return;
    lastSent = now;
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      // An ended session answers with a redirect to the log-in page; not
      // following it leaves the "session ended" message for the next page.
      redirect: "manual",
      headers: { "X-CSRFToken": csrfToken() },
    }).catch(function () {});
  });
})();

/* The gevoelsthermometer's class mode: after every tap the screen is neutral
 * again, with no face focused or selected, so the next pupil cannot see what
 * the one before chose. The thank-you goes after a moment too.
 */
(function () {
  "use strict";

  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.target.closest || !event.target.closest("[data-class-mode]")) return;
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    window.setTimeout(function () {
      var thanks = document.getElementById("dank");
      if (thanks) thanks.textContent = "";
    }, 2500);
  });
})();

/* Autosave for handvat forms (htmx does the saving; this shows what happened).
 *
 * The text someone typed is never replaced: on any failure only the status
 * line changes, and the next keystroke (or "Opnieuw proberen") saves again.
 */
(function () {
  "use strict";

  function statusBox() {
    return document.getElementById("save-status");
  }

  function show(kind) {
    var box = statusBox();
    if (!box) return;
    var message = box.getAttribute("data-msg-" + kind);
    box.className = "save-status save-status-" + kind;
    var text = box.querySelector("[data-text]");
    if (text && message) text.textContent = message;
    var announce = document.getElementById("save-announce");
    if (announce && message && kind !== "saving") announce.textContent = message;
    var retry = box.querySelector("[data-retry]");
    if (retry) retry.hidden = kind === "saving";
    var login = box.querySelector("[data-login]");
    if (login) login.hidden = kind !== "expired";
  }

  function isSave(event) {
    var target = event.detail && event.detail.target;
    return target && target.id === "save-status";
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (isSave(event)) show("saving");
  });

  // A conflict (409) or a refused value (422) comes with its own explanation.
  // A login page (a redirect followed by the browser) is never pasted in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!isSave(event)) return;
    var box = statusBox();
    var loginUrl = box && box.getAttribute("data-login-url");
    var xhr = event.detail.xhr;
    if (loginUrl && xhr.responseURL && xhr.responseURL.indexOf(loginUrl) >= 0) {
      event.detail.shouldSwap = false;
      show("expired");
      return;
    }
    var code = xhr.status;
    if (code === 409 || code === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Screen readers hear each new state through one live region that stays put.
  document.addEventListener("htmx:afterSettle", function () {
    var box = statusBox();
    var announce = document.getElementById("save-announce");
    var text = box && box.querySelector("[data-text]");
    if (announce && text) announce.textContent = text.textContent.trim();
  });

  document.addEventListener("htmx:responseError", function (event) {
    if (!isSave(event)) return;
    var code = event.detail.xhr.status;
    if (code === 409 || code === 422) return;
    if (code === 401) {
      show("expired");
      return;
    }
    show("failed");
  });

  document.addEventListener("htmx:sendError", function (event) {
    if (isSave(event)) show("offline");
  });

  // After logging in again the CSRF token has changed: fetch the new one
  // before the next save, so the retry is accepted.
  function refreshToken() {
    var body = document.body;
    var url = body.getAttribute("data-csrf-url");
    if (!url) return Promise.resolve();
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.token) return;
        var headers = JSON.parse(body.getAttribute("hx-headers") || "{}");
        headers["X-CSRFToken"] = data.token;
        body.setAttribute("hx-headers", JSON.stringify(headers));
        document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
          input.value = data.token;
        });
      })
      .catch(function () {});
  }

  document.addEventListener("click", function (event) {
    var retry = event.target.closest && event.target.closest("[data-retry]");
    if (!retry) return;
    var form = document.getElementById("round-form");
    if (!form) return;
    refreshToken().then(function () { htmx.trigger(form, "input"); });
  });

  document.addEventListener("visibilitychange", function () {
    var box = statusBox();
    if (document.visibilityState === "visible" && box && box.className.indexOf("expired") >= 0) {
      refreshToken();
    }
  });
})();

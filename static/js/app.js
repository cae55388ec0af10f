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

/* Drafts of the forms that make something new (form[data-draft]): a climate
 * note, a class conversation, a goal, an action, aanbod, a partner.
 *
 * The same promise as the handvat autosave: what someone typed is never lost,
 * also not when their session ended meanwhile. A handvat saves into its round
 * while you type; a new note has nothing on the server to save into yet, so
 * this tab keeps the typing (sessionStorage) until the form is saved. Sent
 * with an ended session, the form leads to the log-in page; after logging in
 * the form is back with the text in it, and a notice says so.
 *
 * When is a draft saved? A sent draft that arrives back at its own form with
 * the same one-time token (welbevinden/core/once.py) was refused and stays; one
 * that arrives at the log-in page did not get through and stays; anywhere else
 * the save succeeded and the draft goes. Kept in this tab only (never sent
 * anywhere, gone when the tab closes) and cleared on logging out.
 */
(function () {
  "use strict";

  var PREFIX = "wb-draft:";
  var SKIP = { hidden: 1, password: 1, file: 1, submit: 1, button: 1, reset: 1, image: 1 };

  function store() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null;
    }
  }

  function keyOf(form) {
    var action = new URL(form.action, window.location.href);
    return PREFIX + form.getAttribute("data-draft") + ":" + action.pathname + action.search;
  }

  function tokenOf(form) {
    var input = form.querySelector("input[name=form_token]");
    return input ? input.value : "";
  }

  function fieldsOf(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.type]) return;
      if (el.type === "radio") {
        if (el.checked) fields[el.name] = el.value;
      } else if (el.type === "checkbox") {
        fields[el.name] = fields[el.name] || [];
        if (el.checked) fields[el.name].push(el.value);
      } else if (el.type === "select-multiple") {
        fields[el.name] = Array.prototype.filter
          .call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        fields[el.name] = el.value;
      }
    });
    return fields;
  }

  function read(key) {
    var s = store();
    try {
      return s ? JSON.parse(s.getItem(key) || "null") : null;
    } catch (error) {
      return null;
    }
  }

  function write(form, sent) {
    var s = store();
    if (!s) return;
    var draft = { fields: fieldsOf(form), token: tokenOf(form), sent: sent };
    try {
      s.setItem(keyOf(form), JSON.stringify(draft));
    } catch (error) {}
  }

  function drop(key) {
    var s = store();
    if (s) s.removeItem(key);
  }

  function allKeys() {
    var s = store();
    var keys = [];
    if (!s) return keys;
    for (var i = 0; i < s.length; i++) {
      if (s.key(i).indexOf(PREFIX) === 0) keys.push(s.key(i));
    }
    return keys;
  }

  // Put the draft back; true when that changed what the page showed.
  function restore(form, fields) {
    var changed = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.type] || !(el.name in fields)) return;
      var value = fields[el.name];
      var before;
      if (el.type === "radio") {
        before = el.checked;
        el.checked = value === el.value;
        changed = changed || before !== el.checked;
      } else if (el.type === "checkbox") {
        before = el.checked;
        el.checked = value.indexOf(el.value) >= 0;
        changed = changed || before !== el.checked;
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.options, function (o) {
          before = o.selected;
          o.selected = value.indexOf(o.value) >= 0;
          changed = changed || before !== o.selected;
        });
      } else if (el.value !== value) {
        el.value = value;
        changed = true;
      }
    });
    return changed;
  }

  function notice(form, key) {
    var template = document.getElementById("draft-notice");
    if (!template) return;
    var box = template.content.firstElementChild.cloneNode(true);
    box.querySelector("[data-draft-discard]").addEventListener("click", function () {
      drop(key);
      form.reset();
      box.remove();
    });
    form.parentNode.insertBefore(box, form);
  }

  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-draft]"));
  var onLoginPage = !!document.querySelector("form[data-login-form]");

  // Back with errors: the page holds what was sent, as the server read it.
  var refused = {};
  var waiting = false;

  allKeys().forEach(function (key) {
    var draft = read(key);
    if (!draft || !draft.sent) return;
    var own = forms.filter(function (form) { return keyOf(form) === key; })[0];
    if (onLoginPage || (own && tokenOf(own) === draft.token)) {
      refused[key] = !onLoginPage;
      waiting = waiting || onLoginPage;
      draft.sent = false;
      store().setItem(key, JSON.stringify(draft));
    } else {
      drop(key);
    }
  });

  var waitingNotice = document.getElementById("draft-waiting");
  if (waiting && waitingNotice) {
    var login = document.querySelector("form[data-login-form]");
    login.parentNode.insertBefore(waitingNotice.content.firstElementChild.cloneNode(true), login);
  }

  forms.forEach(function (form) {
    var key = keyOf(form);
    var draft = read(key);
    if (draft && !draft.sent && !refused[key] && restore(form, draft.fields)) notice(form, key);
    var save = function () { write(form, false); };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function () { write(form, true); });
  });

  document.addEventListener("submit", function (event) {
    if (!event.target.hasAttribute || !event.target.hasAttribute("data-clear-drafts")) return;
    allKeys().forEach(drop);
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

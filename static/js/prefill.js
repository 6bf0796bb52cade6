/* Điền thông tin từ Cơ sở dữ liệu quốc gia về dân cư: the "Look up" button of the dossier forms asks the
   portal (data-registry-url) for the applicant's identity by CCCD and fills the fields in place, with the
   signed record in the hidden registry_token field. Without this script the button submits the form and
   the page comes back filled. Nothing typed is cleared when the lookup fails; text is set with
   textContent/value only. */
(function () {
  "use strict";

  var box = document.querySelector("[data-registry-url]");
  if (!box || !window.fetch || !window.FormData) {
    return;
  }
  var form = box.closest("form");
  var button = box.querySelector("[data-registry-button]");
  var status = box.querySelector("[data-registry-status]");
  var field = function (name) { return form.elements.namedItem(name); };
  var message = function (name) { return box.getAttribute("data-msg-" + name) || ""; };
  var busy = false;

  function show(text, kind) {
    status.textContent = text;
    status.className = "registry-status" + (kind ? " registry-status--" + kind : "");
  }

  function fill(values, token) {
    Object.keys(values || {}).forEach(function (name) {
      var input = field(name);
      if (input && typeof values[name] === "string") {
        input.value = values[name];
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    field("registry_token").value = token || "";
  }

  function lookup() {
    var cccd = field("applicant_cccd");
    var consent = field("registry_consent");
    if (busy) {
      return;
    }
    if (!cccd.value.trim()) {
      show(message("cccd"), "problem");
      cccd.focus();
      return;
    }
    if (!consent.checked) {
      show(message("consent"), "problem");
      consent.focus();
      return;
    }
    var body = new FormData();
    body.append("csrfmiddlewaretoken", field("csrfmiddlewaretoken").value);
    body.append("cccd", cccd.value);
    body.append("consent", "1");
    // The server gives up on the registry after a few seconds; this only guards against a lost answer.
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, 20000) : null;
    busy = true;
    button.setAttribute("aria-disabled", "true");
    show(message("waiting"), "waiting");
    fetch(box.getAttribute("data-registry-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (answer.status === "found") {
          fill(answer.values, answer.token);
          show(answer.message, "found");
        } else {
          show(answer.message || message("failed"), "problem");
        }
      })
      .catch(function () { show(message("failed"), "problem"); })
      .then(function () {
        busy = false;
        button.removeAttribute("aria-disabled");
        if (timer) {
          window.clearTimeout(timer);
        }
      });
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    lookup();
  });
  // Enter in the CCCD field looks the number up instead of submitting the whole form.
  field("applicant_cccd").addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      lookup();
    }
  });
}());

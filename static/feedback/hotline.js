/* Tổng đài: the hotline desk's two conveniences. "Look up" asks the portal (data-state-url) for the state of
   the dossier whose code was typed and shows it in place, keeping everything typed; without this script the
   button posts the form back unsaved and the page returns filled, with the state. The petition's fields show
   only when the outcome is "open a petition" (without the script they are always there). Text is set with
   textContent only. */
(function () {
  "use strict";

  var box = document.getElementById("dossier-state");
  var form = box && box.closest("form");
  if (!form || !window.fetch) {
    return;
  }
  var button = form.querySelector("[data-lookup-button]");
  var title = box.querySelector("[data-state-title]");
  var message = box.querySelector("[data-state-message]");
  var rows = box.querySelector("[data-state-rows]");
  var link = box.querySelector("[data-state-link]");
  var busy = false;

  function show(data) {
    box.hidden = false;
    title.textContent = data.found ? data.code : "";
    message.textContent = data.found ? data.verdict : (data.message || "");
    message.className = data.found ? (data.late ? "due--late" : "ok") : "error";
    box.classList.toggle("card--warn", !data.found || !!data.late);
    rows.textContent = "";
    (data.rows || []).forEach(function (row) {
      var dt = document.createElement("dt");
      var dd = document.createElement("dd");
      dt.textContent = row[0];
      dd.textContent = row[1];
      rows.appendChild(dt);
      rows.appendChild(dd);
    });
    link.hidden = !data.url;
    if (data.url) {
      link.querySelector("a").setAttribute("href", data.url);
    }
  }

  button.addEventListener("click", function (event) {
    var code = form.elements.namedItem("dossier_code").value.trim();
    event.preventDefault();
    if (busy) {
      return;
    }
    busy = true;
    button.setAttribute("aria-busy", "true");
    fetch(box.getAttribute("data-state-url") + "?code=" + encodeURIComponent(code), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json();
    }).then(show).catch(function () {
      show({ found: false, message: box.getAttribute("data-msg-failed") });
    }).then(function () {
      busy = false;
      button.removeAttribute("aria-busy");
    });
  });

  var fields = form.querySelector("[data-petition-fields]");
  var outcomes = form.querySelectorAll("input[name=outcome]");
  function toggle() {
    var chosen = form.querySelector("input[name=outcome]:checked");
    var invalid = fields.querySelector(".field--invalid");
    fields.hidden = !invalid && (!chosen || chosen.value !== "petition");
  }
  Array.prototype.forEach.call(outcomes, function (input) {
    input.addEventListener("change", toggle);
  });
  toggle();
}());

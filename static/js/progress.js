/* Progress of a background job: polls the JSON the page names in data-job-url and updates the bar,
   the message and, at the end, the outcome (a link to the drafts, or the list of problems).
   No framework; text is set with textContent only, so messages from the file cannot inject markup. */
(function () {
  "use strict";

  var box = document.querySelector("[data-job-url]");
  if (!box || box.getAttribute("data-job-finished") === "true") {
    return;
  }
  var url = box.getAttribute("data-job-url");
  var labels = document.querySelector("[data-job-labels]");
  var part = function (name) { return box.querySelector("[data-job-" + name + "]"); };
  var delay = 1000;

  function render(state) {
    part("bar").value = state.percent;
    part("bar").textContent = state.percent + "%";
    part("percent").textContent = state.percent + "%";
    part("message").textContent = state.message || "";
    if (labels && labels.getAttribute("data-" + state.status)) {
      part("status").textContent = labels.getAttribute("data-" + state.status);
    }
    part("succeeded").hidden = state.status !== "succeeded";
    part("failed").hidden = state.status !== "failed";
    if (state.status === "failed") {
      var list = part("errors");
      list.replaceChildren();
      (state.errors || []).forEach(function (error) {
        var item = document.createElement("li");
        item.textContent = error.text;
        list.appendChild(item);
      });
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        render(state);
        delay = 1000;
        if (!state.finished) {
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        // A network blip or a restarting server: keep trying, more slowly.
        delay = Math.min(delay * 2, 15000);
        window.setTimeout(poll, delay);
      });
  }

  poll();
})();

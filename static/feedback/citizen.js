/* The online petition form (templates/feedback/citizen/form.html): only the details of what the petition
   is about (a dossier, a procedure, a centre, an official) are shown under the chosen subject, and the
   proposed solution only for a petition (kiến nghị). Without this script every field stays visible, and the
   server takes only those of the chosen subject. */
(function () {
  "use strict";

  var form = document.querySelector(".petition-form");
  if (!form) {
    return;
  }

  function checked(name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : "";
  }

  function update() {
    var about = checked("about");
    form.querySelectorAll("[data-about]").forEach(function (detail) {
      var shown = detail.getAttribute("data-about").split(" ").indexOf(about) !== -1;
      // A detail with an error stays visible, whatever is chosen.
      detail.hidden = !shown && !detail.querySelector(".field--invalid");
    });
    var kind = checked("kind");
    form.querySelectorAll("[data-kind-only]").forEach(function (block) {
      block.hidden = block.getAttribute("data-kind-only") !== kind && !block.querySelector(".field--invalid");
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "about" || event.target.name === "kind") {
      update();
    }
  });
  update();
})();

/* The phone and tablet menu: the button in the main navigation shows and hides its list (aria-expanded
   says which). Without this script the button stays hidden and the list stays open, so every link and
   "Log out" are reachable either way. */
(function () {
  "use strict";

  var nav = document.querySelector(".mainnav");
  var button = nav && nav.querySelector(".mainnav__toggle");
  if (!button) {
    return;
  }
  nav.classList.add("mainnav--collapsible");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and gives the focus back to its button.
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();

/* Folds that stay open on wider screens and fold away on phones: the main menu and the filters
   (<details data-wide-open>, closed in the HTML). Loaded right after them, without defer, so a desktop page is
   painted with them open; on a phone they start closed and their summary opens them. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 48rem)").matches) return;
  document.querySelectorAll("details[data-wide-open]").forEach(function (fold) { fold.open = true; });
})();

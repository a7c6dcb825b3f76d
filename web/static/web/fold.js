/* Filters fold away on phones (<details class="filter-fold">, closed in the HTML) and stand open on wider
   screens. Loaded right after the fold, without defer, so a desktop page is painted with its filters open. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 48rem)").matches) return;
  document.querySelectorAll("details.filter-fold").forEach(function (fold) { fold.open = true; });
})();

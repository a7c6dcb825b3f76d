/* Marks the page as running JavaScript before it is painted (loaded in <head>, not deferred), so widgets that
   JavaScript enhances show their enhanced form at once: the region picker's selects instead of its code box. */
document.documentElement.classList.add("js");

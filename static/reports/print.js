/* "Cetak / simpan PDF" on the printable sentra profile. A static file, because the Content-Security-Policy
   forbids inline scripts and onclick attributes (an inline window.print() silently did nothing). */
document.addEventListener("click", function (event) {
  "use strict";
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
});

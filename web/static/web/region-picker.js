/* Region picker: province → kabupaten/kota → kecamatan → desa selects over a region-code box.
   The page arrives with the selects filled along the current value (web.forms.RegionPickerWidget), so opening a
   form or a list costs no request; a change asks /wilayah/anak/?induk=CODE for the next level only (the server
   limits it to the user's scope). The code box is what the form sends; without JavaScript it is shown instead. */
(function () {
  "use strict";

  function load(select, parent) {
    select.disabled = true;
    return fetch("/wilayah/anak/?induk=" + encodeURIComponent(parent), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        select.length = 1;
        data.results.forEach(function (row) { select.add(new Option(row.code + " " + row.name, row.code)); });
        select.disabled = data.results.length === 0;
        // A single choice (the user's own province or kabupaten) is picked for them.
        if (data.results.length === 1) { select.selectedIndex = 1; select.dispatchEvent(new Event("change")); }
      });
  }

  function enhance(picker) {
    var input = picker.querySelector("input[data-region-picker]");
    if (!input) { return; }
    var anyLevel = input.hasAttribute("data-any-level");
    var selects = Array.prototype.slice.call(picker.querySelectorAll(".picker-selects select"));
    // The field's label names the first select: the code box it was written for is not shown.
    var label = input.id && document.querySelector('label[for="' + input.id + '"]');
    if (label && selects.length) { label.htmlFor = selects[0].id; }
    selects.forEach(function (select, index) {
      select.addEventListener("change", function () {
        for (var j = index + 1; j < selects.length; j++) { selects[j].length = 1; selects[j].disabled = true; }
        if (index === selects.length - 1) { input.value = select.value; return; }
        // Filters accept any level (53.05 = the whole kabupaten); record forms need the last level.
        input.value = anyLevel ? (select.value || (index > 0 ? selects[index - 1].value : "")) : "";
        if (select.value) { load(selects[index + 1], select.value); }
      });
    });
  }

  document.querySelectorAll(".region-picker").forEach(enhance);
})();

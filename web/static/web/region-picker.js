/* Region picker: turns a region-code box into province → kabupaten/kota → kecamatan → desa selects.
   Each select asks /wilayah/anak/?induk=CODE for the next level only (the server limits it to the user's
   scope), so the page never carries the full list of 83,762 desa. The code box stays usable without JS. */
(function () {
  "use strict";
  var LABELS = { id: ["Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan"],
                 en: ["Province", "Regency/City", "District", "Village"] };
  var lang = (document.documentElement.lang || "id").slice(0, 2);
  var labels = LABELS[lang] || LABELS.id;
  var CHOOSE = lang === "en" ? "— choose —" : "— pilih —";

  function ancestors(code) {
    var parts = code ? code.split(".") : [], out = [];
    for (var i = 1; i <= parts.length; i++) out.push(parts.slice(0, i).join("."));
    return out;
  }

  function load(select, parent, selected) {
    select.disabled = true;
    return fetch("/wilayah/anak/?induk=" + encodeURIComponent(parent), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        select.length = 1;
        data.results.forEach(function (row) {
          var option = new Option(row.code + " " + row.name, row.code);
          if (row.code === selected) option.selected = true;
          select.add(option);
        });
        select.disabled = false;
        // A single choice (the user's own province or kabupaten) is picked for them.
        if (!selected && data.results.length === 1) { select.selectedIndex = 1; select.dispatchEvent(new Event("change")); }
      });
  }

  function enhance(input) {
    var depth = parseInt(input.getAttribute("data-region-picker"), 10) || 4;
    var anyLevel = input.hasAttribute("data-any-level");
    var box = document.createElement("span");
    box.className = "picker-selects";
    var selects = [];
    for (var level = 0; level < depth; level++) {
      var select = document.createElement("select");
      select.setAttribute("aria-label", labels[level]);
      select.dataset.level = String(level + 1);
      select.add(new Option(labels[level] + " " + CHOOSE, ""));
      select.disabled = true;
      box.appendChild(select);
      selects.push(select);
    }
    input.parentNode.insertBefore(box, input);
    selects.forEach(function (select, index) {
      select.addEventListener("change", function () {
        for (var j = index + 1; j < selects.length; j++) { selects[j].length = 1; selects[j].disabled = true; }
        if (index === selects.length - 1) { input.value = select.value; return; }
        // Filters accept any level (53.05 = the whole kabupaten); record forms need the last level.
        input.value = anyLevel ? (select.value || (index > 0 ? selects[index - 1].value : "")) : "";
        if (select.value) load(selects[index + 1], select.value, null);
      });
    });
    var chain = ancestors(input.value.trim());
    var step = Promise.resolve();
    selects.forEach(function (select, index) {
      step = step.then(function () {
        if (index > 0 && !chain[index - 1]) return;
        return load(select, index === 0 ? "" : chain[index - 1], chain[index] || null);
      });
    });
  }

  document.querySelectorAll("input[data-region-picker]").forEach(enhance);
})();

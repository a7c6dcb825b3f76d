/* Draws every <canvas data-chart="ID"> from the JSON in <script id="ID-data">; a bar with a link drills down.
   The value axis is written the way people read it: counts in whole numbers (no "0,5 sentra"), money in
   Rupiah with a short scale word ("Rp7 M", "Rp1,2 T" in Indonesian; "Rp7 bn", "Rp1.2 tn" in English),
   percentages with "%". Tooltips show the exact figure. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var english = document.documentElement.lang === "en";
  var locale = english ? "en-US" : "id-ID";
  // Indonesian: ribu, juta, miliar, triliun; English: thousand, million, billion, trillion.
  var SCALES = english
    ? [[1e12, "tn"], [1e9, "bn"], [1e6, "m"], [1e3, "k"]]
    : [[1e12, "T"], [1e9, "M"], [1e6, "jt"], [1e3, "rb"]];
  var whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  var short = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  // One scale word per axis, chosen by its largest tick: "Rp0,5 M, Rp1 M, Rp1,5 M", never "Rp800 jt, Rp1 M".
  function compactRupiah(value, largest) {
    if (value === 0) { return "Rp0"; }
    var size = Math.max(Math.abs(largest || value), Math.abs(value));
    for (var i = 0; i < SCALES.length; i++) {
      if (size >= SCALES[i][0]) { return "Rp" + short.format(value / SCALES[i][0]) + " " + SCALES[i][1]; }
    }
    return "Rp" + whole.format(value);
  }

  function largestTick(ticks) {
    return (ticks || []).reduce(function (most, tick) { return Math.max(most, Math.abs(tick.value)); }, 0);
  }

  var FORMATS = {
    count: { tick: function (value) { return Number.isInteger(value) ? whole.format(value) : null; },
             exact: function (value) { return whole.format(value); } },
    money: { tick: compactRupiah, exact: function (value) { return "Rp" + whole.format(value); } },
    percent: { tick: function (value) { return short.format(value) + "%"; },
               exact: function (value) { return short.format(value) + "%"; } }
  };

  function formatValueAxis(config, spec) {
    var format = FORMATS[spec.values] || FORMATS.count;
    var axis = spec.value_axis || "y";
    var options = config.options;
    options.scales = options.scales || {};
    var scale = options.scales[axis] = options.scales[axis] || {};
    scale.beginAtZero = true;
    scale.ticks = scale.ticks || {};
    if (spec.values === "count" || !spec.values) { scale.ticks.precision = 0; }  // whole-number steps only
    scale.ticks.callback = function (value, index, ticks) { return format.tick(Number(value), largestTick(ticks)); };
    options.plugins = options.plugins || {};
    options.plugins.tooltip = options.plugins.tooltip || {};
    options.plugins.tooltip.callbacks = {
      label: function (context) {
        var value = axis === "x" ? context.parsed.x : context.parsed.y;
        return (context.dataset.label ? context.dataset.label + ": " : "") + format.exact(value);
      }
    };
  }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart + "-data");
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var config = spec.config;
    config.options = config.options || {};
    config.options.locale = locale;
    formatValueAxis(config, spec);
    if (spec.links && spec.links.length) {
      config.options.onClick = function (event, elements) {
        if (elements.length && spec.links[elements[0].index]) { window.location.href = spec.links[elements[0].index]; }
      };
      config.options.onHover = function (event, elements) {
        event.native.target.style.cursor = elements.length ? "pointer" : "default";
      };
    }
    new Chart(canvas, config);
  });
})();

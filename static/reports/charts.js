/* Draws every <canvas data-chart="ID"> from the JSON in <script id="ID-data">; a bar with a link drills down. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var locale = document.documentElement.lang === "en" ? "en-US" : "id-ID";
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart + "-data");
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var config = spec.config;
    config.options = config.options || {};
    config.options.locale = locale;
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

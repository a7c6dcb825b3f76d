/* The map on a record's page: the record itself (blue) and, for a sentra, its placed members (orange). */
(function () {
  "use strict";

  function start() {
    var element = document.querySelector("[data-record-map]");
    var source = document.getElementById("record-map-points");
    if (!element || !source) return;
    var points = JSON.parse(source.textContent);
    var map = window.SentraMaps.base(element);
    var layer = L.featureGroup().addTo(map);
    points.forEach(function (point) {
      var icon = L.divIcon({ className: "geo-pin geo-" + point.kind, iconSize: point.kind === "home" ? [18, 18] : [12, 12] });
      var marker = L.marker([point.lat, point.lon], { icon: icon, keyboard: true, title: point.name }).addTo(layer);
      var link = document.createElement(point.url ? "a" : "strong");
      link.textContent = point.name;
      if (point.url) link.href = point.url;
      marker.bindPopup(link);
    });
    if (points.length === 1) map.setView([points[0].lat, points[0].lon], 14);
    else map.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 15 });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();

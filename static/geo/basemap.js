/* The base of every map in the registry: Indonesia's land outline (Natural Earth, public domain), served by the
   app and drawn by Leaflet, so a map works without any tile server and no request leaves the site. When the
   deployment sets MAP_TILE_URL, those raster tiles are drawn instead (the CSP admits only that host).
   SentraMaps.base(element, settings) -> Leaflet map; settings come from the element's data-* attributes.
   SentraMaps.text / SentraMaps.number: the element and number helpers the marker maps share (popups, legends). */
(function () {
  "use strict";
  var outlines = {};
  var INDONESIA = "360";

  function outline(url) {
    if (!outlines[url]) {
      outlines[url] = fetch(url, { credentials: "same-origin" }).then(function (response) { return response.json(); });
    }
    return outlines[url];
  }

  function text(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  function number(value, lang) {
    return new Intl.NumberFormat(lang === "en" ? "en-GB" : "id-ID").format(value);
  }

  function settingsOf(element) {
    var data = element.dataset;
    return { outline: data.outline, tiles: data.tiles || "", attribution: data.attribution || "" };
  }

  function base(element, settings) {
    settings = settings || settingsOf(element);
    var map = L.map(element, { minZoom: 4, maxZoom: 18, zoomSnap: 0.5, worldCopyJump: false });
    map.attributionControl.setPrefix("Leaflet");
    if (settings.tiles) {
      L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 18 }).addTo(map);
    } else {
      element.classList.add("geo-offline");  // sea colour from geo/maps.css
      map.attributionControl.addAttribution("Natural Earth");
      outline(settings.outline).then(function (data) {
        L.geoJSON(data, {
          interactive: false,
          style: function (feature) {
            var home = feature.properties.id === INDONESIA;
            return { color: home ? "#8d7f5c" : "#b5b5b5", weight: 1, fillColor: home ? "#f5f0e1" : "#e6e6e6", fillOpacity: 1 };
          }
        }).addTo(map).bringToBack();
      });
    }
    return map;
  }

  window.SentraMaps = window.SentraMaps || {};
  window.SentraMaps.base = base;
  window.SentraMaps.settingsOf = settingsOf;
  window.SentraMaps.text = text;
  window.SentraMaps.number = number;
})();

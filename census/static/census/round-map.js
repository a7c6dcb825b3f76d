/* The census round dashboard's map: one marker per worklist item of the round in the user's scope, coloured by
   how far the item got (not visited, visited, submitted, returned; approved: alive, inactive, closed).
   Points come as compact arrays from census:round_map; a popup asks geo's scoped popup endpoint for the
   sentra's name and place, and links to the worklist item page. */
(function () {
  "use strict";

  var text = window.SentraMaps.text;
  var number = window.SentraMaps.number;

  function popupContent(row, info, legend, strings, itemUrl) {
    var box = text("div", "geo-popup");
    var link = text("a", "geo-popup-title", info ? info.name : strings.open);
    link.href = itemUrl;
    box.appendChild(link);
    if (info) box.appendChild(text("div", "muted", info.code + " · " + info.desa + ", " + info.kabupaten));
    var state = text("div", "", strings.state + ": ");
    state.appendChild(text("span", "geo-swatch c-" + legend[row[4]][0]));
    state.appendChild(document.createTextNode(legend[row[4]][1]));
    box.appendChild(state);
    if (info) {
      var status = text("div", "", strings.status + ": ");
      status.appendChild(text("span", "badge badge-" + info.status, info.status_label));
      box.appendChild(status);
    }
    var open = text("a", "button", strings.open);
    open.href = itemUrl;
    box.appendChild(open);
    return box;
  }

  function drawLegend(container, body, lang) {
    container.textContent = "";
    var list = text("ul", "geo-legend-list");
    body.legend.forEach(function (entry, index) {
      var item = text("li");
      item.setAttribute("data-category", entry[0]);
      item.appendChild(text("span", "geo-swatch c-" + entry[0]));
      item.appendChild(document.createTextNode(entry[1] + " (" + number(body.counts[index], lang) + ")"));
      list.appendChild(item);
    });
    container.appendChild(list);
  }

  function init(element) {
    if (element.dataset.ready) return;
    element.dataset.ready = "1";
    var data = element.dataset;
    var lang = (document.documentElement.lang || "id").slice(0, 2);
    var strings = JSON.parse(data.strings || "{}");
    var box = element.closest(".census-round-map") || element.parentNode;
    var legendBox = box.querySelector(".geo-legend");
    var note = box.querySelector(".geo-note");
    var map = window.SentraMaps.base(element);
    var centre = JSON.parse(data.centre || '{"lat": -2.5, "lon": 118, "zoom": 5}');
    map.setView([centre.lat, centre.lon], centre.zoom);
    var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
    map.addLayer(clusters);

    if (note) note.textContent = strings.loading || "";
    fetch(data.pointsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (result) {
        if (!result.ok) { if (note) note.textContent = strings.failed || ""; return; }
        var body = result.body;
        var markers = body.rows.map(function (row) {
          var icon = L.divIcon({ className: "geo-pin c-" + body.legend[row[4]][0], iconSize: [16, 16] });
          var marker = L.marker([row[2], row[3]], { icon: icon, keyboard: true });
          var itemUrl = data.itemUrl.replace(/0\/$/, row[0] + "/");
          marker.bindPopup(function () { return text("div", "geo-popup", strings.loading); }, { minWidth: 220 });
          marker.on("popupopen", function (event) {
            fetch(data.popupUrl.replace(/0\/$/, row[1] + "/"), { credentials: "same-origin" })
              .then(function (response) { return response.ok ? response.json() : null; })
              .catch(function () { return null; })
              .then(function (info) { event.popup.setContent(popupContent(row, info, body.legend, strings, itemUrl)); });
          });
          marker.on("add", function () { var node = marker.getElement(); if (node) node.setAttribute("data-item", String(row[0])); });
          return marker;
        });
        clusters.addLayers(markers);
        if (markers.length) map.fitBounds(clusters.getBounds(), { padding: [24, 24], maxZoom: 13 });
        if (legendBox) drawLegend(legendBox, body, lang);
        if (note) {
          note.textContent = (strings.count || "")
            .replace("%(placed)s", number(body.placed, lang)).replace("%(total)s", number(body.total, lang));
        }
        element.dataset.loaded = String(body.placed);
      });
  }

  function start() { document.querySelectorAll("[data-round-map]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();

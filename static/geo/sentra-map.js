/* Sentra as clustered markers (Leaflet.markercluster), coloured by status or by how recently verified.
   Used by /peta/, the region dashboards and any page that includes templates/geo/_sentra_map.html.
   The points come as compact arrays from /peta/data/ (scoped and cached by the server); a marker's popup
   asks /peta/sentra/<id>/ for its name, members and rooms when it is opened. */
(function () {
  "use strict";

  var text = window.SentraMaps.text;
  var number = window.SentraMaps.number;

  function popupContent(info, strings, lang) {
    var box = text("div", "geo-popup");
    var link = text("a", "geo-popup-title", info.name);
    link.href = info.url;
    box.appendChild(link);
    box.appendChild(text("div", "muted", info.code + " · " + info.desa + ", " + info.kabupaten));
    var status = text("div", "", strings.status + ": ");
    status.appendChild(text("span", "badge badge-" + info.status, info.status_label));
    box.appendChild(status);
    box.appendChild(text("div", "", strings.members + ": " + number(info.members, lang)));
    box.appendChild(text("div", "", strings.rooms + ": " + number(info.rooms.total, lang) + " · " + strings.occupied + " " +
      number(info.rooms.occupied, lang) + " · " + strings.active + " " + number(info.rooms.active, lang)));
    box.appendChild(text("div", "muted", strings.verified + ": " + (info.last_verified_at || strings.never)));
    var open = text("a", "button", strings.open);
    open.href = info.url;
    box.appendChild(open);
    return box;
  }

  function legend(container, data, colour, strings) {
    container.textContent = "";
    var list = text("ul", "geo-legend-list");
    data.legend[colour].forEach(function (entry) {
      var item = text("li");
      item.appendChild(text("span", "geo-swatch " + (colour === "status" ? "s-" : "f-") + entry[0]));
      item.appendChild(document.createTextNode(entry[1]));
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
    var box = element.closest(".geo-sentra-map") || element.parentNode;
    var legendBox = box.querySelector(".geo-legend");
    var note = box.querySelector(".geo-note");
    var colour = data.colour || "status";
    var map = window.SentraMaps.base(element);
    var centre = JSON.parse(data.centre || '{"lat": -2.5, "lon": 118, "zoom": 5}');
    map.setView([centre.lat, centre.lon], centre.zoom);
    element.classList.add("geo-by-" + colour);

    var toggle = box.querySelectorAll("input[name=geo-colour]");
    var loaded = null;
    toggle.forEach(function (input) {
      input.checked = input.value === colour;
      input.addEventListener("change", function () {
        element.classList.remove("geo-by-" + colour);
        colour = input.value;
        element.classList.add("geo-by-" + colour);
        if (loaded && legendBox) legend(legendBox, loaded, colour, strings);
      });
    });

    var statuses = null;
    var freshness = null;
    var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50 });
    map.addLayer(clusters);

    if (note) note.textContent = strings.loading || "";
    fetch(data.pointsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
      .then(function (result) {
        if (!result.ok) { if (note) note.textContent = strings.failed || ""; return; }
        loaded = result.body;
        statuses = loaded.legend.status.map(function (entry) { return entry[0]; });
        freshness = loaded.legend.fresh.map(function (entry) { return entry[0]; });
        var markers = loaded.rows.map(function (row) {
          var icon = L.divIcon({ className: "geo-pin s-" + statuses[row[3]] + " f-" + freshness[row[4]], iconSize: [16, 16] });
          var marker = L.marker([row[1], row[2]], { icon: icon, keyboard: true });
          marker.sentraId = row[0];
          marker.bindPopup(function () { return text("div", "geo-popup", strings.loading); }, { minWidth: 220 });
          marker.on("popupopen", function (event) {
            fetch(data.popupUrl.replace(/0\/$/, row[0] + "/"), { credentials: "same-origin" })
              .then(function (response) { return response.json(); })
              .then(function (info) { event.popup.setContent(popupContent(info, strings, lang)); });
          });
          marker.on("add", function () { var node = marker.getElement(); if (node) node.setAttribute("data-sentra", String(row[0])); });
          return marker;
        });
        clusters.addLayers(markers);
        if (markers.length && data.fit !== "no") {
          map.fitBounds(clusters.getBounds(), { padding: [24, 24], maxZoom: 13 });
        }
        if (legendBox) legend(legendBox, loaded, colour, strings);
        if (note) {
          note.textContent = (strings.count || "")
            .replace("%(placed)s", number(loaded.placed, lang)).replace("%(total)s", number(loaded.total, lang));
        }
        element.dataset.loaded = String(loaded.placed);
      });
  }

  function start() { document.querySelectorAll("[data-sentra-map]").forEach(init); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();

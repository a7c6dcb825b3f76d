/* Map picker for the sentra and IKM forms: a map under the latitude/longitude boxes. Click the map or drag the
   marker to set the point, or "use my location" (the phone's GPS); typing in the boxes moves the marker. With
   nothing set, the map opens on the chosen desa (its records' centre, else its kecamatan, kabupaten or province:
   /peta/pusat/). Every change asks /peta/periksa/ whether the point would be refused (outside Indonesia) or
   flagged (far from the kabupaten's other records, at sea); the server checks the same again on save. */
(function () {
  "use strict";

  function parse(value) {
    var text = (value || "").trim();
    if (text.indexOf(",") >= 0 && text.indexOf(".") < 0) text = text.replace(",", ".");
    var number = parseFloat(text);
    return text !== "" && isFinite(number) ? number : null;
  }

  function fieldBox(input) { return input.closest(".field") || input.parentNode; }

  function enhance(latInput) {
    var form = latInput.form;
    var lonInput = form && form.querySelector("input[data-coordinate=lon]");
    if (!lonInput || latInput.dataset.pickerReady) return;
    latInput.dataset.pickerReady = "1";
    var data = latInput.dataset;
    var desaInput = form.querySelector("input[name=desa]");

    var box = document.createElement("div");
    box.className = "map-picker";
    var tools = document.createElement("div");
    tools.className = "map-picker-tools";
    var locate = document.createElement("button");
    locate.type = "button";
    locate.textContent = data.textLocate;
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = data.textClear;
    var help = document.createElement("small");
    help.className = "muted";
    help.textContent = data.textHelp;
    tools.appendChild(locate);
    tools.appendChild(clear);
    tools.appendChild(help);
    var mapElement = document.createElement("div");
    mapElement.className = "geo-map";
    mapElement.setAttribute("role", "region");
    mapElement.setAttribute("aria-label", data.textMap);
    mapElement.setAttribute("data-testid", "map-picker");
    var notes = document.createElement("div");
    notes.className = "map-picker-notes";
    notes.setAttribute("role", "status");
    notes.setAttribute("aria-live", "polite");
    box.appendChild(tools);
    box.appendChild(mapElement);
    box.appendChild(notes);
    var after = fieldBox(lonInput);
    after.parentNode.insertBefore(box, after.nextSibling);

    var map = window.SentraMaps.base(mapElement, { outline: data.outline, tiles: data.tiles, attribution: data.attribution });
    map.setView([-2.5, 118], 5);
    var marker = null;

    function show(messages, className) {
      messages.forEach(function (message) {
        var line = document.createElement("p");
        line.className = className;
        line.textContent = message;
        notes.appendChild(line);
      });
    }

    var checking = 0;
    function check() {
      var lat = parse(latInput.value), lon = parse(lonInput.value), desa = desaInput ? desaInput.value.trim() : "";
      notes.textContent = "";
      if (lat === null || lon === null || !desa) return;
      var ticket = ++checking;
      var query = "?wilayah=" + encodeURIComponent(desa) + "&lat=" + encodeURIComponent(lat) + "&lon=" + encodeURIComponent(lon) +
        "&jenis=" + encodeURIComponent(data.kind || "") + (data.record ? "&id=" + encodeURIComponent(data.record) : "");
      fetch(data.checkUrl + query, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { errors: [], warnings: [] }; })
        .then(function (result) {
          if (ticket !== checking) return;
          show(result.errors, "geo-error");
          show(result.warnings, "geo-warning");
        });
    }

    function place(lat, lon, zoom) {
      if (marker === null) {
        // A CSS marker, not Leaflet's default image (whose path Leaflet guesses wrong behind hashed static names).
        var icon = L.divIcon({ className: "geo-pin geo-home geo-picked", iconSize: [22, 22] });
        marker = L.marker([lat, lon], { icon: icon, draggable: true, keyboard: true, autoPan: true }).addTo(map);
        marker.on("dragend", function () { var p = marker.getLatLng(); setFields(p.lat, p.lng); });
      } else {
        marker.setLatLng([lat, lon]);
      }
      if (zoom) map.setView([lat, lon], zoom); else map.panTo([lat, lon]);
    }

    function setFields(lat, lon) {
      latInput.value = lat.toFixed(6);
      lonInput.value = lon.toFixed(6);
      latInput.dispatchEvent(new Event("change", { bubbles: true }));
      check();
    }

    function fromFields(zoom) {
      var lat = parse(latInput.value), lon = parse(lonInput.value);
      if (lat === null || lon === null) return false;
      place(lat, lon, zoom);
      return true;
    }

    function centreOnDesa() {
      var desa = desaInput ? desaInput.value.trim() : "";
      if (!desa || parse(latInput.value) !== null) return;
      fetch(data.centreUrl + "?wilayah=" + encodeURIComponent(desa), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (centre) { if (centre && parse(latInput.value) === null) map.setView([centre.lat, centre.lon], centre.zoom); });
    }

    map.on("click", function (event) {
      place(event.latlng.lat, event.latlng.lng);
      setFields(event.latlng.lat, event.latlng.lng);
    });
    [latInput, lonInput].forEach(function (input) {
      input.addEventListener("input", function () { fromFields(); });
      input.addEventListener("change", function (event) { if (event.isTrusted) { fromFields(); check(); } });
    });
    locate.addEventListener("click", function () {
      if (!navigator.geolocation) { notes.textContent = data.textLocateFailed; return; }
      notes.textContent = data.textLocating;
      navigator.geolocation.getCurrentPosition(function (position) {
        place(position.coords.latitude, position.coords.longitude, 15);
        setFields(position.coords.latitude, position.coords.longitude);
      }, function () { notes.textContent = data.textLocateFailed; }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
    });
    clear.addEventListener("click", function () {
      latInput.value = "";
      lonInput.value = "";
      if (marker) { map.removeLayer(marker); marker = null; }
      notes.textContent = "";
      centreOnDesa();
    });
    // The region picker sets the desa box from its selects without an event of its own: listen to the selects.
    if (desaInput) {
      fieldBox(desaInput).addEventListener("change", function () {
        window.setTimeout(function () { centreOnDesa(); check(); }, 0);
      });
    }
    if (fromFields(13)) check(); else centreOnDesa();
  }

  function start() { document.querySelectorAll("input[data-coordinate=lat]").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();

/* Pendataan lapangan: the census field app for phones (no framework; CSP allows no inline script).
 *
 * - The worklist comes from the server when online and is kept in IndexedDB for offline use.
 * - A visit is saved into an IndexedDB queue first (photos shrunk with a canvas, their EXIF time and
 *   position read before shrinking and kept beside them), then sent when the phone is online.
 * - Each visit carries an idempotency key made once on the phone: however often a send is retried
 *   (lost answer, timer, two tabs), the server stores it once.
 */
(function () {
  "use strict";

  var body = document.body;
  var T = JSON.parse(document.getElementById("app-texts").textContent);
  var DB_NAME = "sentra-pendataan", DB_VERSION = 1;
  var MAX_SIDE = 1600, JPEG_QUALITY = 0.8, MAX_PHOTOS = 5;
  var worklist = [], current = null, photos = [], gps = null, syncing = false;

  // --- IndexedDB -----------------------------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains("worklist")) db.createObjectStore("worklist");
        if (!db.objectStoreNames.contains("queue")) db.createObjectStore("queue", { keyPath: "key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function tx(store, mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(store, mode);
        var result = work(transaction.objectStore(store));
        transaction.oncomplete = function () { resolve(result && "result" in result ? result.result : result); };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }
  var store = {
    saveWorklist: function (data) { return tx("worklist", "readwrite", function (s) { return s.put(data, "current"); }); },
    loadWorklist: function () { return tx("worklist", "readonly", function (s) { return s.get("current"); }); },
    queue: function () { return tx("queue", "readonly", function (s) { return s.getAll(); }); },
    put: function (entry) { return tx("queue", "readwrite", function (s) { return s.put(entry); }); },
    remove: function (key) { return tx("queue", "readwrite", function (s) { return s.delete(key); }); }
  };

  // --- small DOM helpers (text only: nothing from the server is ever parsed as HTML) ---------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name in node && name !== "list") node[name] = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function $(id) { return document.getElementById(id); }
  function notice(text, kind) {
    var box = $("notice");
    box.textContent = text;
    box.className = "msg" + (kind ? " msg-" + kind : "");
    box.hidden = !text;
  }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // --- network state --------------------------------------------------------------------------------
  function showNetwork() {
    var net = $("net");
    net.textContent = navigator.onLine ? T.online : T.offline;
    net.className = "badge " + (navigator.onLine ? "badge-aktif" : "badge-tutup");
  }

  // --- worklist ---------------------------------------------------------------------------------------
  function loadWorklist() {
    return fetch(body.dataset.worklistUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (response.redirected || !response.ok) throw new Error("worklist " + response.status);
        return response.json();
      })
      .then(function (data) { return store.saveWorklist(data).then(function () { return { data: data, offline: false }; }); })
      .catch(function () {
        return store.loadWorklist().then(function (data) { return { data: data || { user: "", items: [] }, offline: true }; });
      })
      .then(function (result) {
        worklist = result.data.items || [];
        $("who").textContent = (result.data.user ? T.officer + ": " + result.data.user : "") + (result.offline ? " · " + T.from_phone : "");
        return renderList();
      });
  }

  function renderList() {
    return store.queue().then(function (queue) {
      var queuedItems = {};
      queue.forEach(function (entry) { if (entry.state !== "sent") queuedItems[entry.item] = true; });
      var list = $("items");
      list.textContent = "";
      if (!worklist.length) list.appendChild(el("li", { className: "muted", text: T.no_items }));
      worklist.forEach(function (item) {
        var recordable = ["open", "visited", "returned"].indexOf(item.state) >= 0;
        var button = recordable && !queuedItems[item.item]
          ? el("button", { type: "button", className: "primary", text: item.state === "returned" ? T.correct : T.record, "data-item": item.item })
          : null;
        if (button) button.addEventListener("click", function () { openVisit(item); });
        list.appendChild(el("li", { className: "item state-" + item.state, "data-testid": "item-" + item.sentra.code }, [
          el("strong", { text: item.sentra.name }), el("span", { className: "muted", text: " " + item.sentra.code + " · " + item.sentra.desa }),
          el("div", { text: (T.states[item.state] || item.state) + " · " + item.round.name + " · " + T.deadline + " " + item.round.deadline }),
          item.return_comment ? el("div", { className: "msg msg-warning", text: T.returned + " " + item.return_comment }) : null,
          queuedItems[item.item] ? el("div", { className: "badge", text: T.in_queue }) : null,
          button
        ]));
      });
      renderQueue(queue);
    });
  }

  function renderQueue(queue) {
    var list = $("queue");
    list.textContent = "";
    var waiting = queue.filter(function (entry) { return entry.state !== "sent"; }).length;
    $("queue-count").textContent = waiting ? waiting + " " + T.queued : "";
    if (!queue.length) list.appendChild(el("li", { className: "muted", text: T.none_listed }));
    queue.sort(function (a, b) { return a.created - b.created; }).forEach(function (entry) {
      var label = { pending: T.pending, sending: T.sending, sent: T.sent, refused: T.refused, login: T.login, retry: T.error_retry }[entry.state] || entry.state;
      var remove = null;
      if (entry.state === "refused" || entry.state === "sent") {
        remove = el("button", { type: "button", className: "linklike", text: T.remove });
        remove.addEventListener("click", function () { store.remove(entry.key).then(renderList); });
      }
      list.appendChild(el("li", { className: "queue-" + entry.state, "data-testid": "queue-entry", "data-state": entry.state }, [
        el("strong", { text: entry.title }), el("span", { text: " · " + label }),
        entry.error ? el("div", { className: "error", text: entry.error }) : null,
        entry.state === "login" ? el("a", { href: body.dataset.loginUrl, text: T.login_link }) : null,
        remove
      ]));
    });
  }

  // --- the visit form -------------------------------------------------------------------------------
  function show(view) {
    $("list-view").hidden = view !== "list";
    $("visit-view").hidden = view !== "visit";
    window.scrollTo(0, 0);
  }

  function select(name, options, value) {
    var node = el("select", { name: name });
    options.forEach(function (option) { node.appendChild(el("option", { value: option[0], text: option[1], selected: String(option[0]) === String(value) })); });
    return node;
  }

  function openVisit(item) {
    current = item; photos = []; gps = null;
    var form = $("visit-form");
    form.reset();
    $("visit-title").textContent = item.sentra.name;
    $("visit-return").hidden = !item.return_comment;
    $("visit-return").textContent = item.return_comment ? T.returned + " " + item.return_comment : "";
    $("visited_on").value = today();
    $("gps-value").textContent = "";
    $("form-error").textContent = "";
    $("photo-previews").textContent = "";
    $("new-members").textContent = "";
    var verify = item.round.verify;
    $("f-status").hidden = false;
    $("f-members").hidden = !verify.members;
    $("f-rooms").hidden = !verify.rooms || !item.rooms.length;
    $("f-machines").hidden = !verify.machines || !item.machines.length;
    var members = $("members");
    members.textContent = "";
    item.members.forEach(function (member) {
      members.appendChild(el("label", { className: "choice" }, [
        el("input", { type: "checkbox", name: "producing", value: member.membership, checked: true }),
        document.createTextNode(" " + member.name)
      ]));
    });
    var occupants = [["", T.nobody]].concat(item.members.map(function (m) { return [m.ikm, m.name]; }));
    var rooms = $("rooms");
    rooms.textContent = "";
    item.rooms.forEach(function (room) {
      rooms.appendChild(el("div", { className: "row", "data-room": room.id }, [
        el("strong", { text: room.name }),
        select("room-state", T.room_states, room.state),
        select("room-occupant", occupants, room.occupant || "")
      ]));
    });
    var machines = $("machines");
    machines.textContent = "";
    item.machines.forEach(function (machine) {
      machines.appendChild(el("div", { className: "row", "data-machine": machine.id }, [
        el("strong", { text: machine.type + (machine.description ? " · " + machine.description : "") + " (" + machine.quantity + ")" }),
        select("machine-condition", T.conditions, machine.condition)
      ]));
    });
    var statusInput = form.querySelector("input[name=found_status][value='" + (item.sentra.status === "rencana" ? "aktif" : item.sentra.status) + "']");
    if (statusInput) statusInput.checked = true;
    toggleStatusFields();
    show("visit");
  }

  function toggleStatusFields() {
    var chosen = $("visit-form").querySelector("input[name=found_status]:checked");
    $("f-merged").hidden = !chosen || chosen.value !== "merged";
    $("f-moved").hidden = !chosen || chosen.value !== "moved";
  }

  function addNewMember() {
    var row = el("div", { className: "row new-member" }, [
      el("input", { type: "text", name: "new-name", placeholder: T.name, maxLength: 200 }),
      el("input", { type: "text", name: "new-owner", placeholder: T.owner, maxLength: 200 }),
      el("input", { type: "text", name: "new-product", placeholder: T.product, maxLength: 200 })
    ]);
    $("new-members").appendChild(row);
  }

  function takeGps() {
    if (!navigator.geolocation) { $("gps-value").textContent = T.gps_failed; return; }
    $("gps-value").textContent = T.gps_waiting;
    navigator.geolocation.getCurrentPosition(function (position) {
      gps = { latitude: position.coords.latitude.toFixed(6), longitude: position.coords.longitude.toFixed(6), accuracy: Math.round(position.coords.accuracy) };
      $("gps-value").textContent = gps.latitude + ", " + gps.longitude + " (± " + gps.accuracy + " m)";
    }, function (error) {
      $("gps-value").textContent = T.gps_failed + error.message;
    }, { enableHighAccuracy: true, timeout: 30000, maximumAge: 60000 });
  }

  // EXIF first (the canvas drops it), then shrink: the longest side to 1600 px, JPEG.
  function readExif(file) {
    if (!window.exifr) return Promise.resolve({});
    // exifr's mini build has no tag names: DateTimeOriginal 36867, DateTimeDigitized 36868, DateTime 306.
    var time = window.exifr.parse(file, { ifd0: true, exif: true, gps: false, reviveValues: false })
      .then(function (tags) { return tags ? (tags[36867] || tags[36868] || tags[306] || null) : null; })
      .catch(function () { return null; });
    var place = window.exifr.gps(file).catch(function () { return null; });
    return Promise.all([time, place]).then(function (found) {
      var out = {};
      if (found[0]) out.taken_at = String(found[0]);
      if (found[1] && isFinite(found[1].latitude) && isFinite(found[1].longitude)) {
        out.latitude = Number(found[1].latitude).toFixed(6);
        out.longitude = Number(found[1].longitude).toFixed(6);
      }
      return out;
    });
  }
  function shrink(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) bitmap.close();
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) { blob ? resolve({ blob: blob, preview: canvas.toDataURL("image/jpeg", 0.4) }) : reject(new Error("toBlob")); }, "image/jpeg", JPEG_QUALITY);
      });
    });
  }
  function addPhotos(files) {
    $("form-error").textContent = "";
    var chosen = Array.prototype.slice.call(files);
    if (photos.length + chosen.length > MAX_PHOTOS) { $("form-error").textContent = T.too_many_photos; chosen = chosen.slice(0, MAX_PHOTOS - photos.length); }
    return chosen.reduce(function (done, file) {
      return done.then(function () {
        return Promise.all([readExif(file), shrink(file)]).then(function (results) {
          photos.push({ blob: results[1].blob, exif: results[0], name: file.name });
          $("photo-previews").appendChild(el("img", { src: results[1].preview, alt: file.name, className: "preview" }));
        }).catch(function (error) { $("form-error").textContent = T.photo_failed + file.name + " (" + error.message + ")"; });
      });
    }, Promise.resolve()).then(function () {
      $("photos").value = "";
      $("photos").dataset.count = String(photos.length);
    });
  }

  function collect() {
    var form = $("visit-form"), item = current;
    var status = form.querySelector("input[name=found_status]:checked");
    if (!status) throw new Error(T.need_status);
    if (!$("visited_on").value) throw new Error(T.need_date);
    if (!photos.length) throw new Error(T.need_photo);
    var producing = {};
    form.querySelectorAll("input[name=producing]").forEach(function (box) { producing[box.value] = box.checked; });
    var payload = {
      key: uuid(), item: item.item, visited_on: $("visited_on").value, found_status: status.value,
      merged_into: $("merged_into").value.trim(), moved_address: $("moved_address").value.trim(), notes: $("notes").value,
      latitude: gps ? gps.latitude : null, longitude: gps ? gps.longitude : null, accuracy: gps ? gps.accuracy : null,
      members: item.round.verify.members ? item.members.map(function (m) { return { membership: m.membership, producing: !!producing[m.membership] }; }) : [],
      new_members: [], rooms: [], machines: [],
      base_versions: { sentra: item.sentra.version, rooms: {}, machines: {}, memberships: {} }
    };
    form.querySelectorAll(".new-member").forEach(function (row) {
      var name = row.querySelector("[name=new-name]").value.trim();
      if (name) payload.new_members.push({ name: name, owner_name: row.querySelector("[name=new-owner]").value.trim(), product: row.querySelector("[name=new-product]").value.trim() });
    });
    if (item.round.verify.rooms) {
      form.querySelectorAll("[data-room]").forEach(function (row) {
        var state = row.querySelector("[name=room-state]").value, occupant = row.querySelector("[name=room-occupant]").value;
        if (state !== "kosong" && !occupant) throw new Error(T.need_occupant + " (" + row.querySelector("strong").textContent + ")");
        payload.rooms.push({ room: Number(row.dataset.room), state: state, occupant: state === "kosong" ? null : Number(occupant) });
      });
    }
    if (item.round.verify.machines) {
      form.querySelectorAll("[data-machine]").forEach(function (row) {
        payload.machines.push({ machine: Number(row.dataset.machine), condition: row.querySelector("[name=machine-condition]").value });
      });
    }
    item.rooms.forEach(function (r) { payload.base_versions.rooms[r.id] = r.version; });
    item.machines.forEach(function (m) { payload.base_versions.machines[m.id] = m.version; });
    item.members.forEach(function (m) { payload.base_versions.memberships[m.membership] = m.version; });
    return payload;
  }

  function save(event) {
    event.preventDefault();
    var payload;
    try { payload = collect(); } catch (error) { $("form-error").textContent = error.message; return; }
    var entry = {
      key: payload.key, item: payload.item, title: current.sentra.name, payload: payload, state: "pending", attempts: 0,
      nextTry: 0, created: Date.now(), photos: photos.map(function (p) { return p.blob; }), exif: photos.map(function (p) { return p.exif; })
    };
    $("save").disabled = true;
    store.put(entry).then(function () {
      notice(T.saved, "success");
      show("list");
      return renderList();
    }).then(function () { $("save").disabled = false; syncAll(); }, function (error) {
      $("save").disabled = false;
      $("form-error").textContent = error.message;
    });
  }

  // --- sync ------------------------------------------------------------------------------------------
  function backoff(attempts) { return Math.min(300000, 5000 * Math.pow(2, Math.min(attempts, 6))); }

  function send(entry) {
    var data = new FormData();
    data.append("visit", JSON.stringify(entry.payload));
    data.append("exif", JSON.stringify(entry.exif || []));
    (entry.photos || []).forEach(function (blob, index) { data.append("photos", blob, "foto-" + (index + 1) + ".jpg"); });
    entry.state = "sending";
    return store.put(entry).then(renderList).then(function () {
      return fetch(body.dataset.syncUrl, {
        method: "POST", body: data, credentials: "same-origin", redirect: "manual",
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" }
      });
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        entry.state = "sent"; entry.error = ""; entry.photos = []; // the server has them: free the phone's space
        return store.put(entry);
      }
      var json = (response.headers.get("content-type") || "").indexOf("json") >= 0;
      if (response.status === 401 || response.type === "opaqueredirect" || (response.status === 403 && !json)) {
        // Logged out, or the CSRF cookie changed (a new login): the visit waits until the officer signs in.
        entry.state = "login"; entry.error = "";
        return store.put(entry);
      }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
          entry.state = "refused"; entry.error = answer.error || String(response.status);
        } else {
          entry.state = "retry"; entry.attempts += 1; entry.nextTry = Date.now() + backoff(entry.attempts); entry.error = "";
        }
        return store.put(entry);
      });
    }, function () {
      // No answer at all (offline, dropped connection): the server may or may not have it; the key makes a retry safe.
      entry.state = "retry"; entry.attempts += 1; entry.nextTry = Date.now() + backoff(entry.attempts);
      return store.put(entry);
    });
  }

  function syncAll(force) {
    if (syncing || !navigator.onLine) return Promise.resolve();
    syncing = true;
    return store.queue().then(function (queue) {
      var due = queue.filter(function (entry) {
        return ["pending", "retry", "sending", "login"].indexOf(entry.state) >= 0 && (force || !entry.nextTry || entry.nextTry <= Date.now());
      });
      return due.reduce(function (done, entry) { return done.then(function () { return send(entry); }); }, Promise.resolve())
        .then(function () { return due.length ? loadWorklist() : renderList(); });
    }).then(function () { syncing = false; }, function () { syncing = false; });
  }

  // --- start -----------------------------------------------------------------------------------------
  function start() {
    $("visit-form").addEventListener("submit", save);
    $("visit-form").addEventListener("change", function (event) { if (event.target.name === "found_status") toggleStatusFields(); });
    $("photos").addEventListener("change", function (event) { addPhotos(event.target.files); });
    $("gps").addEventListener("click", takeGps);
    $("add-member").addEventListener("click", addNewMember);
    $("back").addEventListener("click", function () { show("list"); });
    $("refresh").addEventListener("click", function () { loadWorklist(); });
    $("sync").addEventListener("click", function () { syncAll(true); });
    window.addEventListener("online", function () { showNetwork(); syncAll(true); });
    window.addEventListener("offline", showNetwork);
    setInterval(function () { syncAll(false); }, 15000);
    showNetwork();
    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(body.dataset.swUrl, { scope: body.dataset.swScope }).catch(function () {});
    }
    loadWorklist().then(function () { return syncAll(false); }).then(function () { body.dataset.ready = "1"; });
  }

  start();
})();

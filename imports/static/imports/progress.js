// Polls the import job's small JSON status and reloads the page when the job stops running.
(function () {
  var box = document.getElementById("progress");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("job-progress");
  var phase = document.getElementById("job-phase");
  var count = document.getElementById("job-count");
  var status = document.getElementById("job-status");
  var fmt = new Intl.NumberFormat(document.documentElement.lang || "id");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (!s.running) { window.location.reload(); return; }
        status.textContent = s.status_label;
        phase.textContent = s.phase;
        if (s.total) { bar.value = s.percent; count.textContent = fmt.format(s.processed) + " / " + fmt.format(s.total); }
        else { bar.removeAttribute("value"); count.textContent = s.processed ? fmt.format(s.processed) : ""; }
        setTimeout(poll, 1500);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();

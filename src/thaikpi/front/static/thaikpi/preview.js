// Live preview of a result's score and the round's total while the user types.
// The server computes everything (the engine); this file only sends the form and shows the reply.
(function () {
  "use strict";
  var form = document.getElementById("result-form");
  if (!form) { return; }
  var url = form.getAttribute("data-preview-url");
  // A score at the scorecard's places: 2 on 50/75/100, 4 on the five-level scale.
  var scorePlaces = Number(form.getAttribute("data-score-places") || "2");
  var timer = null;
  var seq = 0;

  function fmt(value, places) {
    if (value === null || value === undefined) { return "–"; }
    var n = Number(value);  // display only: the figure itself came from the server as a string
    return n.toLocaleString("en-US", { minimumFractionDigits: places, maximumFractionDigits: places });
  }

  function show(id, text) {
    var el = document.getElementById(id);
    if (el) { el.textContent = text; }
  }

  // Accepted but worth a second look (e.g. far beyond the 100 level): said, never blocking.
  function warn(warnings) {
    var el = document.getElementById("pv-warnings");
    if (!el) { return; }
    el.textContent = warnings.join(" ");
    el.hidden = warnings.length === 0;
  }

  function render(body) {
    if (!body.ok) {
      show("pv-errors", body.errors.join(" "));
      warn([]);
      return;
    }
    show("pv-errors", "");
    warn(body.warnings || []);
    show("pv-actual", body.kpi.actual === null ? "–" : body.kpi.actual);
    show("pv-score", fmt(body.kpi.score, scorePlaces));
    show("pv-weighted", fmt(body.kpi.weighted, 4));
    show("pv-total", fmt(body.total, 4));
    show("pv-explain", body.kpi.explanation);
  }

  function send() {
    var data = new FormData(form);
    data.delete("evidence");
    var mine = ++seq;
    fetch(url, { method: "POST", body: data, credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.json(); })
      .then(function (body) { if (mine === seq) { render(body); } })
      .catch(function () { show("pv-errors", ""); });
  }

  // A count of items (the DGA pillars): show the count or the item levels, as the user chose.
  function showChosen() {
    var chosen = form.querySelector("input[name=how]:checked");
    if (!chosen) { return; }
    var groups = form.querySelectorAll("[data-how]");
    for (var i = 0; i < groups.length; i++) {
      groups[i].hidden = groups[i].getAttribute("data-how") !== chosen.value;
    }
  }
  showChosen();

  form.addEventListener("change", showChosen);
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(send, 250);
  });
})();

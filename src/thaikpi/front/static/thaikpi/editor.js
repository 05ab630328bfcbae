// The template editor: checks the form as the planner types and shows the engine's findings
// beside the fields they name. The server does everything (rebuilds the template, loads it,
// audits it); this file only sends the form and places the reply.
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  if (!form) { return; }
  var url = form.getAttribute("data-check-url");
  var ruleFields = JSON.parse(document.getElementById("rule-fields").textContent || "{}");
  var timer = null;
  var seq = 0;

  // A level shows the fields of its rule's kind only.
  function showRule(select) {
    var item = select.closest(".fields");
    if (!item) { return; }
    var wanted = ruleFields[select.value] || [];
    item.querySelectorAll(".field[data-rule]").forEach(function (field) {
      field.hidden = wanted.indexOf(field.getAttribute("data-rule")) < 0;
    });
  }
  function ruleSelects() {
    return form.querySelectorAll("select[name$='-rule__kind']");
  }
  ruleSelects().forEach(showRule);

  // Fields that matter only for some answers (why a round is not assessed, what a count
  // counts) are shown with those answers; one that holds a value or a finding always shows.
  function controlValue(name) {
    var control = form.elements[name];
    if (!control) { return null; }
    if (control.type === "checkbox") { return control.checked ? "on" : ""; }
    return control.value;
  }
  function showWhen() {
    form.querySelectorAll(".field[data-when-field]").forEach(function (field) {
      var wanted = controlValue(field.getAttribute("data-when-field")) === field.getAttribute("data-when-value");
      var filled = Array.prototype.some.call(field.querySelectorAll("input, select, textarea"), function (c) {
        return c.value !== "";
      });
      field.hidden = !(wanted || filled || field.querySelector(".notes .finding"));
    });
  }
  showWhen();

  function clear() {
    form.querySelectorAll(".notes").forEach(function (box) { box.textContent = ""; });
    form.querySelectorAll(".flag-error, .flag-warning, .flag-info").forEach(function (el) {
      el.classList.remove("flag-error", "flag-warning", "flag-info");
    });
  }

  function note(box, found) {
    var p = document.createElement("p");
    p.className = "finding sev-" + found.severity;
    p.textContent = found.text;
    box.appendChild(p);
    var field = box.closest(".field");
    if (field && !field.className.match(/flag-/)) { field.classList.add("flag-" + found.severity); }
  }

  function boxFor(name) {
    var boxes = form.querySelectorAll(".notes[data-finding-for]");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].getAttribute("data-finding-for").split(" ").indexOf(name) >= 0) { return boxes[i]; }
    }
    return null;
  }

  function render(body) {
    var status = document.getElementById("editor-status");
    if (!body.ok) { status.textContent = body.error || ""; return; }
    clear();
    var others = [];
    Object.keys(body.fields).forEach(function (name) {
      var box = boxFor(name);
      body.fields[name].forEach(function (found) {
        if (box) { note(box, found); } else { others.push(found); }
      });
    });
    var section = document.getElementById("editor-others");
    var list = section.querySelector("ul");
    list.textContent = "";
    body.others.concat(others).forEach(function (found) {
      var li = document.createElement("li");
      li.className = "finding sev-" + found.severity;
      if (found.where) {
        var where = document.createElement("strong");
        where.textContent = found.where + " ";
        li.appendChild(where);
      }
      li.appendChild(document.createTextNode(found.text));
      list.appendChild(li);
    });
    section.hidden = list.children.length === 0;
    status.textContent = body.summary;
    status.className = "status-line " + (body.errors ? "has-errors" : body.warnings ? "has-warnings" : "clean");
  }

  function send() {
    var data = new FormData(form);
    var mine = ++seq;
    form.setAttribute("aria-busy", "true");
    fetch(url, { method: "POST", body: data, credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (mine === seq) { render(body); } })
      .catch(function () {})
      .then(function () { if (mine === seq) { form.removeAttribute("aria-busy"); } });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(send, 400);
  }

  // After adding or removing in a part, the page comes back at that part, not at the top.
  form.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[name=add], button[name=remove]");
    var part = button && button.closest("fieldset.part");
    form.setAttribute("action", part ? "#" + part.id : "");
  });

  // Leaving the page (not moving between its sections) loses what is not saved: ask first.
  var dirty = form.getAttribute("data-unsaved") === "1";
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  form.addEventListener("input", later);
  form.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[name$='-rule__kind']")) {
      showRule(event.target);
    }
    showWhen();
    later();
  });
})();

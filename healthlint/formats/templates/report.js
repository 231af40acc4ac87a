(function () {
  "use strict";
  var doc = document;
  var form = doc.getElementById("filters");
  if (!form) { return; }
  form.hidden = false;
  function checked(name) {
    var on = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=" + name + "]"), function (box) { on[box.value] = box.checked; });
    return on;
  }
  function visible(el, sev, cat) {
    var sevs = (el.getAttribute("data-sev") || "").split(" ");
    var cats = (el.getAttribute("data-cat") || "").split(" ");
    return sevs.some(function (s) { return sev[s] !== false; }) && cats.some(function (c) { return cat[c] !== false; });
  }
  function noteShown(id) {
    var note = doc.getElementById(id);
    return note && !note.classList.contains("hidden");
  }
  function apply() {
    var sev = checked("sev"), cat = checked("cat"), shown = 0;
    Array.prototype.forEach.call(doc.querySelectorAll(".note"), function (note) {
      var on = visible(note, sev, cat);
      note.classList.toggle("hidden", !on);
      if (on) { shown += 1; }
    });
    Array.prototype.forEach.call(doc.querySelectorAll("a.ref"), function (ref) {
      ref.classList.toggle("hidden", !visible(ref, sev, cat));
    });
    Array.prototype.forEach.call(doc.querySelectorAll("mark.hl"), function (mark) {
      var ids = (mark.getAttribute("data-notes") || "").split(" ");
      mark.classList.toggle("off", !ids.some(noteShown));
    });
    var out = doc.getElementById("shown");
    if (out) { out.textContent = shown + " finding" + (shown === 1 ? "" : "s") + " shown."; }
  }
  form.addEventListener("change", apply);
  function stops() {
    return Array.prototype.filter.call(doc.querySelectorAll("[data-stop]"), function (el) {
      if (el.classList.contains("note")) { return !el.classList.contains("hidden"); }
      return (el.getAttribute("data-notes") || "").split(" ").some(noteShown);
    });
  }
  function highlight(el) {
    Array.prototype.forEach.call(doc.querySelectorAll(".current"), function (c) { c.classList.remove("current"); });
    var ids = (el.getAttribute("data-notes") || "").split(" ").filter(Boolean);
    ids.forEach(function (id) { var n = doc.getElementById(id); if (n) { n.classList.add("current"); } });
  }
  doc.addEventListener("focusin", function (e) {
    if (e.target && e.target.matches && e.target.matches("mark.hl[data-stop]")) { highlight(e.target); }
  });
  doc.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable)) { return; }
    var step = { j: 1, n: 1, k: -1, p: -1 }[e.key];
    if (!step) { return; }
    var list = stops();
    if (!list.length) { return; }
    var at = list.indexOf(doc.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(Math.max(at + step, 0), list.length - 1);
    list[next].focus();
    list[next].scrollIntoView({ block: "center" });
    e.preventDefault();
  });
  // Printing shows every explanation: the closed "Why" sections open for the print and close after it.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(doc.querySelectorAll("details:not([open])"), function (d) { d.open = true; return true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  apply();
})();

(function () {
  "use strict";
  var doc = document;
  var SVG = "http://www.w3.org/2000/svg";
  var ICON = { error: "\u2716", warning: "\u25b2", info: "\u2139" };
  var RANK = { error: 0, warning: 1, info: 2 };
  var URGENCY = ["emergency", "immediate", "urgent", "same-day", "soon", "routine"];
  var FIG_KEYS = ["words", "sentences", "flesch_kincaid_grade", "smog_index", "flesch_reading_ease"];

  // -- text shown as it is: what could reorder or hide text (controls, bidi
  // marks, line separators, lone surrogates) is written out as an escape.
  var UNSAFE_LINE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  var UNSAFE_TEXT = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  var SURROGATE = /[\ud800-\udfff]/;
  function hex(n, width) { var s = n.toString(16); while (s.length < width) { s = "0" + s; } return s; }
  function escapeChar(c) {
    if (c === "\n") { return "\\n"; }
    if (c === "\r") { return "\\r"; }
    var code = c.charCodeAt(0);
    if (code >= 0xdc80 && code <= 0xdcff) { return "\\x" + hex(code - 0xdc00, 2); }  // a byte of a file name that is not UTF-8
    return code < 0x100 ? "\\x" + hex(code, 2) : "\\u" + hex(code, 4);
  }
  function line(value) { return String(value).replace(UNSAFE_LINE, escapeChar); }  // a name, a message: one line
  function shown(text) { return text.replace(UNSAFE_TEXT, escapeChar); }  // article text: its line breaks kept
  function num(value) { return typeof value === "number" ? String(value) : ""; }

  // -- elements, by textContent and setAttribute only
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function attrs(e, values) {
    Object.keys(values).forEach(function (k) { e.setAttribute(k, values[k]); });
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      parent.appendChild(typeof c === "string" ? doc.createTextNode(c) : c);
    }
    return parent;
  }
  function svg(tag, values, text) {
    var e = attrs(doc.createElementNS(SVG, tag), values);
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // -- one finding explained: severity in icon and word, rule, where, message,
  // suggestion, claim strength and the rule's rationale and source
  function note(v, stop) {
    var li = attrs(el("li", "note sev-" + v.sev), { id: v.nid, "data-sev": v.sev, "data-cat": v.cat, "data-for": v.fid,
                                                    tabindex: stop ? "0" : "-1" });
    if (stop) { li.setAttribute("data-stop", String(v.n)); }
    li.appendChild(add(el("p", "head"), el("span", "badge sev-" + v.sev, ICON[v.sev] + " " + v.sev), " ",
                       el("span", "num", "#" + v.n), " ", el("code", null, line(v.rule)), " " + line(v.name) + " ",
                       el("span", "cat", "(" + line(v.cat) + ")"), " ",
                       el("span", "where", v.line !== null ? "line " + v.line + ", column " + v.column : "whole article")));
    if (v.excerpt !== null) {
      li.appendChild(add(el("p", "excerpt", "At: "), el("q", null, line(v.excerpt)), " (outside the article text)"));
    }
    li.appendChild(el("p", "msg", line(v.message)));
    if (v.sugg && v.sugg.length) {
      var sugg = el("p", "sugg", "Suggestion: ");
      v.sugg.forEach(function (s, k) { add(sugg, k ? ", " : "", el("q", null, line(s))); });
      li.appendChild(sugg);
    }
    if (v.strength) { li.appendChild(el("p", "strength", "Claim strength: " + line(v.strength))); }
    if (v.help) {
      li.appendChild(add(el("details"), el("summary", null, "Why"), el("p", null, line(v.help[0])),
                         el("p", "src", "Source: " + line(v.help[1]))));
    }
    return li;
  }
  function notes(list, stop) {
    var ul = el("ul", "notes");
    list.forEach(function (v) { ul.appendChild(note(v, stop)); });
    return ul;
  }

  // -- the article as the reader sees it. Offsets are in code points (as the
  // report counts them); a text with characters outside the BMP is cut by code point.
  function bisectRight(list, x) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (x < list[mid]) { hi = mid; } else { lo = mid + 1; } }
    return lo;
  }
  function ref(m) {
    return attrs(el("a", "ref sev-" + m.sev, ICON[m.sev] + m.n),
                 { href: "#" + m.nid, "data-sev": m.sev, "data-cat": m.cat, "aria-label": m.sev + " " + m.n + ": " + line(m.rule) });
  }
  function uniqueSorted(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; }).sort().join(" ");
  }
  // A block's text with every finding over it highlighted. The text is cut at
  // each mark boundary; a piece covered by several findings is one <mark>
  // naming all of them (the worst severity styles it). A finding's first piece
  // is its keyboard stop; its last piece is followed by a numbered reference
  // (icon and number: colour is not the only signal).
  function fill(blk, text, start, over, seen) {
    var chars = SURROGATE.test(text) ? Array.from(text) : null;
    var size = chars ? chars.length : text.length;
    var slice = chars ? function (lo, hi) { return chars.slice(lo, hi).join(""); } : function (lo, hi) { return text.slice(lo, hi); };
    if (!over) { blk.textContent = shown(text); return; }
    var end = start + size;
    var inside = over.map(function (m) { return [m.a > start ? m.a - start : 0, m.b < end ? m.b - start : size, m]; });
    var cuts = [0, size];
    var last = {};
    inside.forEach(function (x) { cuts.push(x[0], x[1]); last[x[2].n] = x[1]; });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (p, q) { return p - q; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var lo = cuts[i], hi = cuts[i + 1];
      var covering = inside.filter(function (x) { return x[0] <= lo && x[1] >= hi; }).map(function (x) { return x[2]; });
      var piece = shown(slice(lo, hi));
      if (!covering.length) { blk.appendChild(doc.createTextNode(piece)); continue; }
      var ids = covering.map(function (m) { return m.nid; }).join(" ");
      var worst = covering.reduce(function (w, m) { return RANK[m.sev] < RANK[w.sev] ? m : w; });
      var mark = attrs(el("mark", "hl sev-" + worst.sev, piece), {
        "data-sev": uniqueSorted(covering.map(function (m) { return m.sev; })),
        "data-cat": uniqueSorted(covering.map(function (m) { return m.cat; })),
        "data-notes": ids });
      var anchor = null;
      covering.forEach(function (m) {
        if (!seen[m.n]) { seen[m.n] = true; if (!anchor) { anchor = m; } }
      });
      if (anchor) { attrs(mark, { id: anchor.fid, tabindex: "0", "data-stop": String(anchor.n), "aria-describedby": ids }); }
      blk.appendChild(mark);
      covering.forEach(function (m) {
        if (m.b <= end && last[m.n] === hi) { blk.appendChild(ref(m)); }  // the finding ends here: its reference
      });
    }
  }
  // A row per block: its text with the highlights and, beside it, the findings that start in it.
  function article(blocks, marks) {
    var texts = blocks.text, starts = blocks.start, count = texts.length;
    var sizes = texts.map(function (t) { return SURROGATE.test(t) ? Array.from(t).length : t.length; });
    var over = {}, beside = {};
    marks.forEach(function (m) {
      var k = Math.max(bisectRight(starts, m.a) - 1, 0);
      (beside[k] = beside[k] || []).push(m);
    });
    marks.slice().sort(function (p, q) { return p.a - q.a; }).forEach(function (m) {
      for (var k = Math.max(bisectRight(starts, m.a) - 1, 0); k < count && starts[k] < m.b; k++) {
        if (m.a < starts[k] + sizes[k]) { (over[k] = over[k] || []).push(m); }
      }
    });
    var box = attrs(el("div", "article"), { "aria-label": "The article with its findings" });
    var seen = {};
    for (var k = 0; k < count; k++) {
      var kind = String(blocks.kind[k]);
      var tag = "p";
      if (kind === "heading") { tag = "h" + Math.min(Math.max(parseInt(blocks.level[k], 10) || 2, 1) + 2, 6); }
      else if (kind === "list_item") { tag = "li"; }
      var blk = el(tag, "blk " + kind);
      fill(blk, texts[k], starts[k], over[k], seen);
      var text = el("div", "text");
      text.appendChild(kind === "list_item" ? add(el("ul", "item"), blk) : blk);
      var row = add(el("div", blocks.quoted[k] ? "row quoted" : "row"), text);
      if (beside[k]) { row.appendChild(notes(beside[k], false)); }
      box.appendChild(row);
    }
    return box;
  }

  // -- the red-flag checklist per topic: the missing ones first, the most urgent first
  function urgencyRank(urgency) {
    var text = (urgency || "").toLowerCase();
    for (var k = 0; k < URGENCY.length; k++) { if (text.indexOf(URGENCY[k]) >= 0) { return k; } }
    return URGENCY.length;
  }
  function isMap(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function checklist(flags) {
    var tables = [];
    Object.keys(flags).forEach(function (topic) {
      var lists = flags[topic];
      if (!isMap(lists)) { return; }
      var items = [];
      [["missing", "missing"], ["present", "covered"], ["covered", "covered"]].forEach(function (pair) {
        var entries = lists[pair[0]];
        if (!Array.isArray(entries)) { return; }
        entries.forEach(function (entry) {
          var text = "", urgency = null;
          if (isMap(entry)) {
            var key = ["text", "flag", "name", "label", "id"].find(function (k) { return entry[k]; });
            text = key ? String(entry[key]) : "";
            urgency = entry.urgency ? String(entry.urgency) : null;
          } else {
            text = String(entry);
          }
          items.push({ text: text, status: pair[1], urgency: urgency, order: items.length });
        });
      });
      items.sort(function (p, q) {
        return ((p.status !== "missing") - (q.status !== "missing")) || (urgencyRank(p.urgency) - urgencyRank(q.urgency)) ||
          (p.order - q.order);
      });
      var missing = items.filter(function (i) { return i.status === "missing"; }).length;
      var table = attrs(el("table", "checklist"), { "data-topic": topic });
      table.appendChild(el("caption", null, line(topic) + ": " + (items.length - missing) + " of " + items.length + " covered"));
      table.appendChild(add(el("thead"), add(el("tr"), attrs(el("th", null, "Red flag"), { scope: "col" }),
                                             attrs(el("th", null, "In the article"), { scope: "col" }),
                                             attrs(el("th", null, "Urgency"), { scope: "col" }))));
      var body = el("tbody");
      items.forEach(function (i) {
        body.appendChild(add(el("tr", "rf-" + i.status), el("td", null, line(i.text)),
                             el("td", null, i.status === "missing" ? "\u2716 missing" : "\u2714 covered"),
                             el("td", null, line(i.urgency || ""))));
      });
      tables.push(add(table, body));
    });
    if (!tables.length) { return null; }
    var section = attrs(el("section", "red-flags"), { "aria-label": "Red-flag checklist" });
    section.appendChild(el("h3", null, "Red-flag checklist"));
    tables.forEach(function (t) { section.appendChild(t); });
    return section;
  }

  // -- readability: the article's figures, the claim strengths judged, and a
  // table and a small SVG chart of the grade of each section
  function chart(fileId, sections, target) {
    var rows = sections.filter(function (s) { return typeof s.flesch_kincaid_grade === "number"; });
    if (!rows.length) { return null; }
    var labelW = 250, barW = 300, rowH = 20;
    var top = Math.max.apply(null, [16, target || 0].concat(rows.map(function (s) { return s.flesch_kincaid_grade; })));
    var scale = barW / top, width = labelW + barW + 70, height = rows.length * rowH + 18;
    var round = function (x) { return Math.round(x * 10) / 10; };
    var box = svg("svg", { "class": "chart", role: "img", "aria-labelledby": fileId + "-chart-t",
                           viewBox: "0 0 " + width + " " + height, width: "100%", preserveAspectRatio: "xMinYMin meet" });
    box.appendChild(svg("title", { id: fileId + "-chart-t" },
                        "Flesch-Kincaid grade per section" + (target ? "; target " + num(target) : "")));
    rows.forEach(function (s, i) {
      var grade = s.flesch_kincaid_grade;
      var heading = line(s.heading || "(before the first heading)");
      var graded = s.graded === undefined ? true : Boolean(s.graded);
      var over = target !== null && grade > target && graded;
      var w = round(Math.max(grade, 0) * scale);
      box.appendChild(add(svg("g", { transform: "translate(0 " + i * rowH + ")" }),
        svg("text", { x: "0", y: "14", "class": "lbl" }, heading.length <= 34 ? heading : heading.slice(0, 33) + "\u2026"),
        svg("rect", { x: String(labelW), y: "4", width: String(w), height: "12",
                      "class": "bar" + (over ? " over" : "") + (graded ? "" : " ungraded") }),
        svg("text", { x: String(labelW + w + 4), y: "14", "class": "val" }, grade.toFixed(1) + (over ? " \u25b2" : ""))));
    });
    if (target) {
      var x = String(round(labelW + target * scale));
      box.appendChild(svg("line", { x1: x, x2: x, y1: "0", y2: String(height - 16), "class": "target" }));
      box.appendChild(svg("text", { x: x, y: String(height - 4), "class": "val", "text-anchor": "middle" }, "target " + num(target)));
    }
    return box;
  }
  function readability(fileId, r, strengths) {
    var figures = r ? r.figures : [], sections = r ? r.sections : [], target = r ? r.target : null;
    if (!figures.length && !sections.length && !strengths.length) { return null; }
    var box = attrs(el("details", "readability"), { open: "" });
    box.appendChild(el("summary", null, "Readability" + (strengths.length ? " and claim strength" : "")));
    if (figures.length) {
      var dl = el("dl", "figures");
      figures.forEach(function (f) { dl.appendChild(add(el("div"), el("dt", null, f[0]), el("dd", null, num(f[1])))); });
      box.appendChild(dl);
    }
    if (strengths.length) {
      box.appendChild(el("p", "strengths", "Claims judged in findings: " +
        strengths.map(function (s) { return line(s[0]) + " " + s[1]; }).join(", ") + "."));
    }
    var drawn = chart(fileId, sections, target);
    if (drawn) { box.appendChild(drawn); }
    if (sections.length) {
      var table = el("table", "sections");
      var head = el("tr");
      [["Section", ""], ["Words", "num"], ["Sentences", "num"], ["FK grade", "num"], ["SMOG", "num"],
       ["Reading ease", "num"], ["Against the target", ""]].forEach(function (h) {
        head.appendChild(attrs(el("th", h[1], h[0]), { scope: "col" }));
      });
      table.appendChild(add(el("thead"), head));
      var body = el("tbody");
      sections.forEach(function (s) {
        var grade = s.flesch_kincaid_grade;
        var verdict = s.graded === false ? "too short to grade"
          : (target !== null && typeof grade === "number" && grade > target ? "\u25b2 above" : "\u2714 within");
        var tr = add(el("tr"), el("td", null, line(s.heading || "(before the first heading)")));
        [s.words, s.sentences, grade, s.smog_index, s.flesch_reading_ease].forEach(function (v) {
          tr.appendChild(el("td", "num", num(v)));
        });
        body.appendChild(add(tr, el("td", null, verdict)));
      });
      box.appendChild(add(table, body));
    }
    return box;
  }

  // -- each file, from its data block
  var rules = JSON.parse(doc.getElementById("rules").textContent);
  function build(file, data) {
    var fileId = file.id, blocks = data.blocks;
    var top = [], marks = [], strengths = {};
    data.findings.forEach(function (f, i) {
      var n = i + 1, rule = rules[f[0]];
      var v = { n: n, rule: rule[0], name: rule[1], cat: rule[2], help: rule[3], sev: f[1], message: f[2], sugg: f[3],
                strength: f[4], line: f[5], column: f[6], a: f[7], b: f[8], excerpt: f[9],
                nid: fileId + "-n" + n, fid: fileId + "-f" + n };
      if (v.strength) { strengths[v.strength] = (strengths[v.strength] || 0) + 1; }
      if (blocks && v.a !== null) { marks.push(v); } else { top.push(v); }
    });
    var parts = [];
    if (top.length) {
      parts.push(add(attrs(el("section", "doc-findings"), { "aria-label": "Findings about the whole article" }),
                     el("h3", null, blocks ? "About the whole article" : "Findings"), notes(top, true)));
    }
    if (data.red_flags) { parts.push(checklist(data.red_flags)); }
    parts.push(readability(fileId, data.readability, Object.keys(strengths).sort().map(function (s) { return [s, strengths[s]]; })));
    if (blocks) { parts.push(article(blocks, marks)); }
    parts.forEach(function (p) { if (p) { file.appendChild(p); } });
  }
  Array.prototype.forEach.call(doc.querySelectorAll("article.file"), function (file) {
    var island = file.querySelector("script.file-data");
    if (island) { build(file, JSON.parse(island.textContent)); }
  });

  // -- filters and keys
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

// Filtering and sorting of the findings. Without this script the page lists every finding, each
// document's together in line order; with it, the filter form appears.
(function () {
  "use strict";
  var form = document.getElementById("filters"), docs = document.getElementById("ft"),
      sorted = document.getElementById("sorted"), output = document.getElementById("shown");
  if (!form || !docs) return;
  var sections = [].slice.call(docs.querySelectorAll("section.doc")), rows = null, chunks = [];
  var total = docs.querySelectorAll("tbody tr").length;
  function index() {  // on the first use: the page opens without walking every row
    if (rows) return;
    rows = [];
    sections.forEach(function (section) {
      var a = " " + section.getAttribute("data-a") + " ", g = " " + section.getAttribute("data-g") + " ",
          body = section.querySelector("tbody"), heading = section.querySelector("h3");
      [].forEach.call(body.rows, function (row) {
        var at = row.cells[0].textContent.split(":");
        row._body = body; row._doc = section; row._head = heading; row._a = a; row._g = g;
        row._i = rows.length; row._rule = row.cells[1].textContent;
        row._line = +at[0]; row._col = +at[1];
        rows.push(row);
      });
    });
  }
  function count(shown) {
    output.textContent = output.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", total);
  }
  var rank = {e: 0, w: 1, i: 2}, CHUNK = 250;
  var keys = {
    1: function (r) { return r._line * 1e6 + r._col; },
    2: function (r) { return r._rule; },
    3: function (r) { return rank[r.className]; },
    4: function (r) { return r.cells[r.cells.length - 2].textContent; }
  };
  function apply() {
    var rule = form.rule.value, severity = form.severity.value,
        authority = form.authority ? form.authority.value : "",
        region = form.region ? form.region.value : "",
        text = form.q.value.trim().toLowerCase(), shown = 0, boxes = sorted.hidden ? sections : chunks;
    index();
    // every read first, then the writes: querying the page between writes made Chromium take
    // minutes over 20,000 documents
    boxes.forEach(function (box) { box._shown = 0; });
    rows.forEach(function (r) {
      var ok = (!rule || r._rule === rule) && (!severity || r.className === severity) &&
        (!authority || r._a.indexOf(" " + authority + " ") >= 0) &&
        (!region || r._g.indexOf(" " + region + " ") >= 0) &&
        (!text || (r._text || (r._text = (r._head.textContent + " " +
                                          r.textContent).toLowerCase())).indexOf(text) >= 0);
      if (r.hidden === ok) r.hidden = !ok;
      if (ok) { shown++; (sorted.hidden ? r._doc : r._chunk)._shown++; }
    });
    // a document (or a block of the sorted list) shows while any of its findings does
    boxes.forEach(function (box) {
      if (box.hidden !== !box._shown) box.hidden = !box._shown;
    });
    count(shown);
  }
  function pathCell(row) {  // made once, the first time the row leaves its document
    if (row._path) return;
    var cell = document.createElement("td"), link = document.createElement("a");
    link.href = "#" + row._doc.id;
    link.textContent = row._head.querySelector("a").textContent;
    cell.className = "p";
    cell.appendChild(link);
    row.insertBefore(cell, row.firstChild);
    row._path = cell;
  }
  function sortBy(key) {
    var k;
    index();
    sorted.textContent = "";
    chunks = [];
    if (!keys[key]) {  // by document and line: every finding back in its document
      for (k = 0; k < rows.length; k++) rows[k]._body.appendChild(rows[k]);
      sorted.hidden = true;
      docs.hidden = false;
    } else {
      var get = keys[key], order = rows.slice(), template = document.getElementById("sorted-head");
      order.sort(function (x, y) {
        var p = get(x), q = get(y);
        return p < q ? -1 : p > q ? 1 : x._i - y._i;
      });
      for (k = 0; k < order.length; k += CHUNK) {
        var box = document.createElement("div");
        box.className = "cv";
        box.appendChild(template.content.cloneNode(true));
        var body = box.querySelector("tbody");
        order.slice(k, k + CHUNK).forEach(function (row) {
          pathCell(row);
          row._chunk = box;
          body.appendChild(row);
        });
        sorted.appendChild(box);
        chunks.push(box);
      }
      docs.hidden = true;
      sorted.hidden = false;
    }
    apply();
  }
  var timer = 0;
  function changed(event) {
    clearTimeout(timer);
    if (event.target === form.q) timer = setTimeout(apply, 200);  // typing: wait for a pause
    else if (event.target === form.sort) sortBy(+form.sort.value);
    else apply();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("reset", function () {
    setTimeout(function () { sortBy(0); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // a path in the sorted list leads to its document, which only the document order shows
  sorted.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#d']");
    if (link) { form.sort.value = "0"; sortBy(0); }
  });
  window.addEventListener("beforeprint", function () {
    [].forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  form.hidden = false;
  count(total);
})();
// The project index: drawn from the JSON the page embeds, one page of projects at a time, so that
// 20,000 projects cost the browser only the entries on screen. Filtering runs over the data, not
// the page.
(function () {
  "use strict";
  var source = document.getElementById("pi-data"), form = document.getElementById("pi-filters"),
      list = document.getElementById("pi-list"), output = document.getElementById("pi-shown");
  if (!source || !form || !list) return;
  var data = JSON.parse(source.textContent), projects = data.projects, PAGE = 50, page = 0,
      matching = projects, words = list.getAttribute("data-severities").split("|"),
      css = ["e", "w", "i"];
  function fill(select, values) {
    values.forEach(function (value, index) {
      var option = document.createElement("option");
      option.value = String(index);
      option.textContent = value;
      select.appendChild(option);
    });
  }
  fill(form.elements["p-authority"], data.authorities);
  fill(form.elements["p-region"], data.regions);
  fill(form.elements["p-fund"], data.funds);
  fill(form.elements["p-rule"], data.rules);
  projects.forEach(function (p) {  // what the filters read, once
    var rules = {}, severities = {};
    p[6].forEach(function (f) { rules[f[3]] = true; severities[f[4]] = true; });
    p.search = (p[0] + " " + p[1]).toLowerCase();
    p.rules = rules;
    p.severities = severities;
  });
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function entry(p) {
    var box = el("details", undefined, "pe"), head = el("summary"), facts = [];
    box.setAttribute("data-code", p[0]);
    head.appendChild(el("span", p[0] || "–", "c"));
    head.appendChild(document.createTextNode(" " + p[1] + " "));
    if (p[2] >= 0) facts.push(data.authorities[p[2]]);
    if (p[4] >= 0) facts.push(data.funds[p[4]]);
    p[3].forEach(function (r) { facts.push(data.regions[r]); });
    if (facts.length) head.appendChild(el("span", "· " + facts.join(" · ")));
    p[5].forEach(function (n, i) { if (n) head.appendChild(el("span", n + " " + words[i], "k " + css[i])); });
    box.appendChild(head);
    if (p[6].length) {
      box.addEventListener("toggle", function once() {  // the findings drawn on first opening
        box.removeEventListener("toggle", once);
        var table = el("table", undefined, "ft p"), body = el("tbody");
        p[6].forEach(function (f) {
          var row = el("tr", undefined, css[f[4]]), where = el("td"), path = data.paths[f[0]],
              link = el("a", path[0] + ":" + f[1] + ":" + f[2]), rule = el("td"),
              ruleLink = el("a", data.rules[f[3]]);
          link.href = path[1] ? "#" + path[1] : "#findings";
          where.appendChild(link);
          ruleLink.href = "#" + data.rules[f[3]];
          rule.appendChild(ruleLink);
          row.appendChild(where);
          row.appendChild(rule);
          row.appendChild(el("td", words[f[4]], "v"));
          row.appendChild(el("td", f[5]));
          body.appendChild(row);
        });
        table.appendChild(body);
        box.appendChild(table);
      });
    }
    return box;
  }
  function draw() {
    var first = page * PAGE, shown = matching.slice(first, first + PAGE), frame = document.createDocumentFragment();
    shown.forEach(function (p) { frame.appendChild(entry(p)); });
    list.textContent = "";
    list.appendChild(frame);
    output.textContent = matching.length ? output.getAttribute("data-template")
      .replace("{first}", first + 1).replace("{last}", first + shown.length)
      .replace("{total}", matching.length).replace("{all}", projects.length)
      : output.getAttribute("data-none");
    form.elements["p-prev"].disabled = page === 0;
    form.elements["p-next"].disabled = first + PAGE >= matching.length;
  }
  function apply() {
    var a = form.elements["p-authority"].value, g = form.elements["p-region"].value, fund = form.elements["p-fund"].value,
        rule = form.elements["p-rule"].value, severity = form.elements["p-severity"].value, q = form.elements["p-q"].value.trim().toLowerCase();
    a = a === "" ? -2 : +a; g = g === "" ? -2 : +g; fund = fund === "" ? -2 : +fund;
    matching = projects.filter(function (p) {
      return (a === -2 || p[2] === a) && (g === -2 || p[3].indexOf(g) >= 0) &&
        (fund === -2 || p[4] === fund) && (rule === "" || p.rules[rule]) &&
        (severity === "" || p.severities[severity]) && (!q || p.search.indexOf(q) >= 0);
    });
    page = 0;
    draw();
  }
  var timer = 0;
  function changed(event) {
    clearTimeout(timer);
    if (event.target === form.elements["p-q"]) timer = setTimeout(apply, 200);
    else if (event.target.tagName === "SELECT") apply();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.elements["p-prev"].addEventListener("click", function () { if (page > 0) { page--; draw(); } });
  form.elements["p-next"].addEventListener("click", function () {
    if ((page + 1) * PAGE < matching.length) { page++; draw(); }
  });
  document.getElementById("pi-noscript").hidden = true;
  form.hidden = false;
  draw();
})();

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

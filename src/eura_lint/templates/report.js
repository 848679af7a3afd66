// Sorting and filtering of the findings table. Without this script the page shows every finding
// in file and line order; with it, the filter form appears and the column headings sort.
(function () {
  "use strict";
  var table = document.getElementById("ft"), form = document.getElementById("filters");
  if (!table || !form) return;
  var groups = [].slice.call(table.tBodies), rows = [], i, j;
  for (i = 0; i < groups.length; i++) {
    var head = groups[i].rows[0], a = " " + head.getAttribute("data-a") + " ",
        g = " " + head.getAttribute("data-g") + " ";
    for (j = 1; j < groups[i].rows.length; j++) {
      var row = groups[i].rows[j], at = row.cells[1].textContent.split(":");
      row._group = groups[i]; row._a = a; row._g = g; row._i = rows.length;
      row._rule = row.cells[2].textContent; row._line = +at[0]; row._col = +at[1];
      rows.push(row);
    }
  }
  var sorted = document.createElement("tbody"), rank = {e: 0, w: 1, i: 2};
  sorted.hidden = true;
  table.appendChild(sorted);
  var keys = [
    function (r) { return r._i; },
    function (r) { return r._line * 1e6 + r._col; },
    function (r) { return r._rule; },
    function (r) { return rank[r.className]; },
    function (r) { return r.cells[4].textContent; },
    function (r) { return r.cells[5].textContent; }
  ];
  var state = {key: 0, dir: 1}, output = document.getElementById("shown");
  var headers = [].slice.call(table.tHead.rows[0].cells);

  function apply() {
    var rule = form.rule.value, severity = form.severity.value,
        authority = form.authority ? form.authority.value : "",
        region = form.region ? form.region.value : "",
        text = form.q.value.trim().toLowerCase(), shown = 0, k;
    for (k = 0; k < rows.length; k++) {
      var r = rows[k], ok = (!rule || r._rule === rule) && (!severity || r.className === severity) &&
        (!authority || r._a.indexOf(" " + authority + " ") >= 0) &&
        (!region || r._g.indexOf(" " + region + " ") >= 0) &&
        (!text || (r._text || (r._text = (r._group.rows[0].textContent + " " +
                                             r.textContent).toLowerCase())).indexOf(text) >= 0);
      if (r.hidden === ok) r.hidden = !ok;
      if (ok) shown++;
    }
    // a document's heading shows while any of its findings does, and only in file order
    for (k = 0; k < groups.length; k++) {
      var visible = false, body = groups[k];
      for (j = 1; j < body.rows.length && !visible; j++) visible = !body.rows[j].hidden;
      body.hidden = !visible;
    }
    output.textContent = output.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", rows.length);
  }

  function sortBy(key, dir) {
    state.key = key; state.dir = dir;
    var fragment = document.createDocumentFragment(), k;
    if (key === 0 && dir === 1) {  // file order: every finding back under its document
      for (k = 0; k < rows.length; k++) rows[k]._group.appendChild(rows[k]);
      sorted.hidden = true;
    } else {
      var get = keys[key], order = rows.slice();
      order.sort(function (x, y) {
        var p = get(x), q = get(y);
        return (p < q ? -1 : p > q ? 1 : x._i - y._i) * dir;
      });
      for (k = 0; k < order.length; k++) fragment.appendChild(order[k]);
      sorted.appendChild(fragment);
      for (k = 0; k < groups.length; k++) groups[k].hidden = true;
      sorted.hidden = false;
    }
    headers.forEach(function (th, index) {
      if (index === key) th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    apply();
    if (key !== 0 || dir !== 1) for (k = 0; k < groups.length; k++) groups[k].hidden = true;
  }

  headers.forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      sortBy(index, state.key === index ? -state.dir : 1);
    });
  });
  var timer = 0;
  function changed(event) {
    clearTimeout(timer);
    if (event.target === form.q) timer = setTimeout(apply, 200);  // typing: wait for a pause
    else apply();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  // a path leads to its document's heading, which only the file order shows
  table.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#d']");
    if (link && (state.key !== 0 || state.dir !== 1)) sortBy(0, 1);
  });
  window.addEventListener("beforeprint", function () {
    [].forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  form.hidden = false;
  headers[0].setAttribute("aria-sort", "ascending");
  apply();
})();

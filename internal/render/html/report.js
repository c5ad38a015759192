(function () {
  "use strict";
  var table = document.getElementById("controls");
  if (!table) { return; }
  var body = table.tBodies[0];
  var filter = document.getElementById("filter");
  var status = document.getElementById("status");
  var severity = document.getElementById("severity");
  var shown = document.getElementById("shown");

  function apply() {
    var q = filter.value.trim().toLowerCase();
    var st = status.value;
    var sv = severity.value;
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (!q || row.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!st || row.getAttribute("data-status") === st) &&
        (!sv || row.getAttribute("data-severity") === sv);
      row.classList.toggle("hidden", !ok);
      if (ok) { n++; }
    });
    shown.textContent = n + " of " + body.rows.length + " controls";
  }

  function cellValue(row, i, kind) {
    var cell = row.cells[i];
    var v = cell.getAttribute("data-value");
    if (kind === "num" || kind === "sev") { return parseFloat(v === null ? cell.textContent : v) || 0; }
    return cell.textContent.trim().toLowerCase();
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    th.setAttribute("tabindex", "0");
    function sort() {
      var kind = th.getAttribute("data-sort");
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = cellValue(a, i, kind), y = cellValue(b, i, kind);
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });

  filter.addEventListener("input", apply);
  status.addEventListener("change", apply);
  severity.addEventListener("change", apply);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  apply();
}());

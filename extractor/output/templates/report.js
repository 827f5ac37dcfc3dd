(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var COLORS = { supported: "#1a7f37", contradicted: "#cf222e", unverifiable: "#9a6700", unchecked: "#0969da" };
  var HIDDEN = { claim_id: 1, text: 1, verdict: 1, verdict_reason: 1, explanation: 1 };
  var table = document.getElementById("claims-table");
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var rowById = {};
  rows.forEach(function (r) { rowById[r.getAttribute("data-id")] = r; });
  var marksById = {};
  Array.prototype.forEach.call(document.querySelectorAll("mark.claim"), function (m) {
    m.getAttribute("data-claims").split(" ").forEach(function (id) { (marksById[id] = marksById[id] || []).push(m); });
  });
  var current = null;

  function $(id) { return document.getElementById(id); }

  /* ---- sorting ---- */
  var sortState = { col: -1, dir: 1 };
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      sortState.dir = sortState.col === col ? -sortState.dir : 1;
      sortState.col = col;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortState.dir > 0 ? "ascending" : "descending");
      var numeric = th.getAttribute("data-type") === "num";
      var keyed = rows.map(function (r, i) {
        var cell = r.cells[col];
        var v = numeric ? cell.getAttribute("data-v") : cell.textContent;
        return { r: r, i: i, v: numeric ? (v === "" ? null : parseFloat(v)) : v };
      });
      keyed.sort(function (a, b) {
        if (a.v === null || b.v === null) { return a.v === b.v ? a.i - b.i : (a.v === null ? 1 : -1); }
        var c = numeric ? a.v - b.v : a.v.localeCompare(b.v);
        return c ? c * sortState.dir : a.i - b.i;
      });
      keyed.forEach(function (k) { tbody.appendChild(k.r); });
    });
  });

  /* ---- filtering ---- */
  var fText = $("f-text"), fVerdict = $("f-verdict"), fKind = $("f-kind");
  function applyFilters() {
    var q = fText.value.trim().toLowerCase(), v = fVerdict.value, k = fKind.value, shown = 0;
    rows.forEach(function (r) {
      var ok = (!v || r.getAttribute("data-verdict") === v) && (!k || r.getAttribute("data-kind") === k) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    $("f-count").textContent = shown + " of " + rows.length;
    Array.prototype.forEach.call(document.querySelectorAll("[data-filter-verdict]"), function (b) {
      b.classList.toggle("active", b.getAttribute("data-filter-verdict") === v);
    });
  }
  [fText, fVerdict, fKind].forEach(function (el) { el.addEventListener("input", applyFilters); });
  Array.prototype.forEach.call(document.querySelectorAll("[data-filter-verdict]"), function (b) {
    b.addEventListener("click", function () {
      var v = b.getAttribute("data-filter-verdict");
      fVerdict.value = fVerdict.value === v ? "" : v;
      applyFilters();
    });
  });

  /* ---- detail panel ---- */
  function fmt(v) {
    if (Array.isArray(v)) { return v.map(function (x) { return typeof x === "object" ? JSON.stringify(x) : String(x); }).join(", "); }
    if (typeof v === "object" && v !== null) { return JSON.stringify(v); }
    return String(v);
  }
  function drawChart(id, claim) {
    var el = $("d-chart"), note = $("d-chart-note"), c = DATA.charts[id];
    if (window.Plotly) { window.Plotly.purge(el); }
    el.innerHTML = "";
    note.textContent = "";
    el.hidden = !c;
    if (!c) {
      note.textContent = claim._verdict === "unchecked" ? "Not checked against price data." : "No price series to chart for this claim.";
      return;
    }
    if (!window.Plotly) { note.textContent = "Chart library failed to load."; return; }
    var color = COLORS[claim._verdict] || COLORS.unchecked;
    var traces = [{ x: c.dates, y: c.close, type: "scatter", mode: "lines+markers", name: c.series + " close",
      line: { color: "#57606a", width: 2 }, marker: { size: 4, color: "#57606a" },
      hovertemplate: "%{x}<br>close %{y:,.2f}<extra></extra>" }];
    if (c.observed !== null) {
      traces.push({ x: [c.date], y: [c.observed], type: "scatter", mode: "markers", name: "observed",
        marker: { size: 16, color: "#24292f", symbol: "circle-open", line: { width: 2 } }, hovertemplate: "observed %{y:,.2f}<extra></extra>" });
    }
    if (c.claimed !== null) {
      traces.push({ x: [c.date], y: [c.claimed], type: "scatter", mode: "markers", name: c.implied ? "claimed (implied by %)" : "claimed",
        marker: { size: 10, color: color, symbol: "diamond", line: { color: "#fff", width: 1 } },
        hovertemplate: "claimed %{y:,.2f}<extra></extra>" });
    }
    var layout = {
      height: 260, width: el.clientWidth || 400, margin: { l: 60, r: 12, t: 28, b: 40 }, showlegend: true,
      title: { text: c.series + " around " + c.date, font: { size: 13 }, x: 0, xanchor: "left" },
      legend: { orientation: "h", y: -0.22, font: { size: 11 } },
      xaxis: { type: "category", nticks: 6, tickfont: { size: 10 }, showgrid: false },
      yaxis: { tickfont: { size: 10 }, tickformat: ",.0f", gridcolor: "#eaeef2" },
      shapes: [{ type: "line", xref: "x", yref: "paper", x0: c.date, x1: c.date, y0: 0, y1: 1,
        line: { color: color, width: 1, dash: "dot" } }],
      paper_bgcolor: "#fff", plot_bgcolor: "#fff", font: { family: "inherit" }
    };
    window.Plotly.newPlot(el, traces, layout, { displayModeBar: false, responsive: true });
    if (c.prev_close !== null && c.observed !== null) {
      var pct = (c.observed / c.prev_close - 1) * 100;
      note.textContent = "Previous close " + c.prev_close.toLocaleString() + " (" + c.prev_date + "); observed change " +
        (pct >= 0 ? "+" : "") + pct.toFixed(2) + "%.";
    }
  }
  function select(id, opts) {
    var claim = DATA.claims[id];
    if (!claim) { return; }
    current = id;
    rows.forEach(function (r) { r.classList.toggle("selected", r.getAttribute("data-id") === id); });
    Array.prototype.forEach.call(document.querySelectorAll("mark.active"), function (m) { m.classList.remove("active"); });
    (marksById[id] || []).forEach(function (m) { m.classList.add("active"); });
    $("detail-empty").hidden = true;
    $("detail-body").hidden = false;
    var badge = $("d-verdict");
    badge.className = "badge v-" + claim._verdict;
    badge.textContent = claim._verdict;
    $("d-kind").textContent = claim.kind || "";
    $("d-text").textContent = claim.text || "";
    $("d-reason").textContent = claim.verdict_reason || "";
    $("d-explanation").textContent = claim.explanation ? "Explanation: " + claim.explanation : "";
    var rec = $("d-record");
    rec.innerHTML = "";
    Object.keys(claim).sort().forEach(function (k) {
      if (HIDDEN[k] || k.charAt(0) === "_") { return; }
      var tr = rec.insertRow(), th = document.createElement("th");
      th.textContent = k;
      tr.appendChild(th);
      tr.insertCell().textContent = fmt(claim[k]);
    });
    var idRow = rec.insertRow(), idTh = document.createElement("th");
    idTh.textContent = "claim_id";
    idRow.appendChild(idTh);
    idRow.insertCell().textContent = id;
    drawChart(id, claim);
    if (claim._doc !== undefined && claim._doc !== null) {
      var doc = $("doc-" + claim._doc);
      if (doc) { doc.open = true; }
    }
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "#claim=" + encodeURIComponent(id)); } catch (e) { /* file:// in some browsers */ }
    }
    if (opts && opts.scrollRow && rowById[id]) { rowById[id].scrollIntoView({ block: "nearest" }); }
    if (opts && opts.scrollText && marksById[id]) { marksById[id][0].scrollIntoView({ block: "center", behavior: "smooth" }); }
  }
  $("d-goto").addEventListener("click", function (e) {
    e.preventDefault();
    if (current) { select(current, { scrollText: true }); }
  });
  rows.forEach(function (r) {
    r.addEventListener("click", function () { select(r.getAttribute("data-id")); });
    r.addEventListener("keydown", function (e) { if (e.key === "Enter") { select(r.getAttribute("data-id")); } });
  });
  Array.prototype.forEach.call(document.querySelectorAll("mark.claim"), function (m) {
    m.addEventListener("click", function () {
      var ids = m.getAttribute("data-claims").split(" ");
      var i = ids.indexOf(current);
      select(ids[(i + 1) % ids.length], { scrollRow: true });
    });
  });

  /* ---- initial selection: #claim=<id>, else the first checked claim with a chart ---- */
  applyFilters();
  var m = /claim=([^&]+)/.exec(window.location.hash || "");
  var start = m ? decodeURIComponent(m[1]) : null;
  if (!start || !DATA.claims[start]) {
    start = DATA.order.filter(function (id) { return DATA.charts[id]; })[0] || DATA.order[0] || null;
  }
  if (start) { select(start, { scrollRow: true }); }
})();

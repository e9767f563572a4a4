// Accessibility fix for Material's markup: make the tables Material
// wraps in a scrolling .md-typeset__scrollwrap (those of hand-written pages; generated tables carry
// their own class and layout) reachable by keyboard when they scroll, each with its own name.
(function () {
  function fix() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, i) {
      if (wrap.scrollWidth <= wrap.clientWidth) return;
      var heading = null;
      for (var el = wrap.previousElementSibling; el && !heading; el = el.previousElementSibling) {
        if (/^H[2-6]$/.test(el.tagName)) heading = el.textContent.trim();
      }
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "表格 " + (i + 1) + (heading ? "：" + heading : "") + "（可左右滚动）");
    });
  }
  // Material wraps tables when it mounts the page (its document$ observable), after this file loads.
  if (window.document$) window.document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
})();

// Proposal list filter: loads the compact list once, then shows the rows that match.
// Every value is inserted with textContent, never as HTML.
(function () {
  var form = document.getElementById("gs-filter");
  var table = document.getElementById("gs-proposals");
  if (!form || !table) return;
  var count = document.getElementById("gs-count");
  var body = table.tBodies[0];
  var base = form.getAttribute("data-base");
  var list = null;
  var LIMIT = 500;

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function render() {
    var status = form.elements.status.value;
    var office = form.elements.office.value;
    var year = form.elements.year.value;
    var shown = list.filter(function (p) {
      return (!status || (status === "overdue" ? p.overdue : p.status === status)) &&
        (!office || p.office === office) && (!year || String(p.year) === year);
    });
    body.textContent = "";
    shown.slice(0, LIMIT).forEach(function (p) {
      var row = document.createElement("tr");
      var link = document.createElement("a");
      link.href = base + encodeURIComponent(p.id) + "/";
      link.textContent = p.title;
      var name = cell(row, "");
      name.className = "gs-name gs-break";
      name.appendChild(link);
      cell(row, p.org).setAttribute("data-label", "组织");
      cell(row, p.office || "—").setAttribute("data-label", "承办");
      var state = cell(row, p.status_name);
      state.className = "gs-key";
      if (p.overdue) {
        var badge = document.createElement("span");
        badge.className = "gs-badge gs-badge--overdue";
        badge.textContent = "逾期";
        state.appendChild(document.createTextNode(" "));
        state.appendChild(badge);
      }
      var day = document.createElement("span");
      day.className = "gs-date";
      day.textContent = p.submitted.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, "$1年$2月$3日");
      var submitted = cell(row, "");
      submitted.className = "gs-key";
      submitted.appendChild(day);
      body.appendChild(row);
    });
    count.textContent = shown.length > LIMIT
      ? "符合条件 " + shown.length + " 件，显示前 " + LIMIT + " 件。"
      : "符合条件 " + shown.length + " 件。";
  }

  form.addEventListener("change", function () {
    if (list) return render();
    fetch(form.getAttribute("data-list"))
      .then(function (r) { return r.json(); })
      .then(function (data) { list = data; render(); })
      .catch(function () { count.textContent = "无法加载提案列表，请稍后再试。"; });
  });
})();

// The search page (search/?q=…): asks Pagefind's chunked index, loaded only when there is a
// query, and lists what each hit is (kind, organization, year) with an excerpt of its own text.
// The query is turned into the tokens generator/site/search_index.py indexes (overlapping
// two-character pieces of Chinese, each as eight letters), so the browser and the indexer
// always split Chinese alike. Every value is inserted with textContent, never as HTML.
(function () {
  var form = document.getElementById("gs-search");
  if (!form) return;
  var input = form.elements.q;
  var status = document.getElementById("gs-search-status");
  var list = document.getElementById("gs-search-results");
  var more = document.getElementById("gs-search-more");
  var script = document.currentScript || document.querySelector("script[src$='search.js']");
  var root = new URL("../", script.src); // assets/ is at the site's root
  var PAGE = 10;
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  var WORD = /[\p{L}\p{N}]+/gu;
  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var engine = null;

  function char(c) {
    var n = c.codePointAt(0), out = "";
    for (var i = 3; i >= 0; i--) out += LETTERS[Math.floor(n / Math.pow(26, i)) % 26];
    return out;
  }

  function words(text, out) {
    (text.match(WORD) || []).forEach(function (w) { out.push(w); });
  }

  // The same as tokens() in generator/site/search_index.py.
  function tokens(text) {
    text = text.normalize("NFKC").toLowerCase();
    var out = [], last = 0, run;
    HAN.lastIndex = 0;
    while ((run = HAN.exec(text))) {
      words(text.slice(last, run.index), out);
      var chars = Array.from(run[0]);
      if (chars.length === 1) out.push(char(chars[0]));
      for (var i = 0; i + 1 < chars.length; i++) out.push(char(chars[i]) + char(chars[i + 1]));
      last = run.index + run[0].length;
    }
    words(text.slice(last), out);
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  // The record's own text around the first place it contains a query term, the terms marked.
  function excerpt(text, terms) {
    var lower = text.toLowerCase(), at = -1;
    terms.forEach(function (t) {
      var i = lower.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - 30), end = Math.min(text.length, Math.max(at, 0) + 90);
    var shown = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var p = document.createElement("p");
    p.className = "gs-hit__excerpt";
    var pattern = terms.filter(Boolean).map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    if (!pattern.length) { p.textContent = shown; return p; }
    var parts = shown.split(new RegExp("(" + pattern.join("|") + ")", "i"));
    parts.forEach(function (part, i) {
      if (!part) return;
      if (i % 2) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(part));
      }
    });
    return p;
  }

  // Each record is indexed from proposals/fed-2025-001.html; its page is proposals/fed-2025-001/.
  function page(data) {
    return data.url.replace(/\.html$/, "/");
  }

  function item(data, terms) {
    var li = document.createElement("li");
    li.className = "gs-hit";
    var a = document.createElement("a");
    a.href = page(data);
    a.className = "gs-hit__title";
    a.textContent = data.meta.title;
    var what = document.createElement("p");
    what.className = "gs-hit__what";
    var kind = document.createElement("span");
    kind.className = "gs-badge";
    kind.textContent = data.meta.kind;
    what.appendChild(kind);
    what.appendChild(document.createTextNode(" " + [data.meta.org, data.meta.year].filter(Boolean).join(" · ")));
    li.appendChild(a);
    li.appendChild(what);
    li.appendChild(excerpt(data.meta.text || "", terms));
    return li;
  }

  // The recall test queries the index exactly as this page does.
  window.gongshiSearch = { tokens: tokens, load: load, page: page };

  var current = 0;

  function search(query) {
    var run = ++current;
    list.textContent = "";
    more.hidden = true;
    var terms = query.normalize("NFKC").toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) { status.textContent = "请输入要搜索的词。"; return; }
    status.textContent = "正在搜索…";
    load().then(function (pagefind) {
      return pagefind.search(tokens(query).join(" "));
    }).then(function (found) {
      if (run !== current) return;
      // Pages having all the pieces of a word, checked against their text as they are shown.
      var results = found.results, shown = 0;
      function next() {
        var batch = results.slice(shown, shown + PAGE);
        shown += batch.length;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
          if (run !== current) return;
          all.forEach(function (data) {
            var text = (data.meta.title + " " + (data.meta.text || "")).toLowerCase();
            if (terms.every(function (t) { return text.indexOf(t) >= 0; })) list.appendChild(item(data, terms));
          });
          more.hidden = shown >= results.length;
          status.textContent = list.children.length || results.length > shown
            ? "找到 " + results.length + " 条记录" + (shown < results.length ? "，已显示前 " + list.children.length + " 条。" : "。")
            : "没有找到包含“" + query + "”的记录。";
        });
      }
      more.onclick = function () {
        var first = list.children.length;
        next().then(function () {
          var link = list.children[first] && list.children[first].querySelector("a");
          if (link) link.focus();
        });
      };
      return next();
    }).catch(function () {
      if (run !== current) return;
      status.textContent = location.protocol === "file:"
        ? "直接打开本地文件时无法搜索，请通过网站地址访问（或运行 gongshi serve）。"
        : "搜索暂时不可用，请稍后再试。";
    });
  }

  // Pagefind's script, WebAssembly and chunk list load while the reader types, not with the page.
  input.addEventListener("input", function () { load().catch(function () {}); }, { once: true });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    history.replaceState(null, "", "?q=" + encodeURIComponent(query));
    search(query);
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) {
    input.value = query;
    search(query.trim());
  } else if (query !== null) {
    input.focus(); // the header's button with an empty box (phones) opens this page to type here
  }
})();

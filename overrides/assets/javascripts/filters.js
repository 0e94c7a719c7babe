/* Directory filters: progressive enhancement over the server-rendered, numbered pages.
   The <form class="filters"> shows from the first paint on a page that runs JavaScript (filters.css). On
   first use it loads the type's filter index
   (data/filters/<folder>.json: each record's facet values as small numbers, in directory order),
   finds the matching records, and shows one page of them with their cards (data/filters/<folder>/<n>.json,
   the same cards the directory shows, fetched only for the records on the page) and numbered page
   links. The choice is kept in the URL (?district=…&industry=…&page=2) so it can be shared.
   Without JavaScript the form stays hidden and the numbered pages reach every record. */
(function () {
  "use strict";

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  function setUp(form) {
    var folder = form.getAttribute("data-filters");
    var size = parseInt(form.getAttribute("data-size"), 10); // paging.py's PAGE_SIZE
    var template = form.querySelector("template[data-pager]");
    var counter = form.parentNode.querySelector(".filters__count");
    var listing = form.parentNode.querySelector("[data-listing]");
    if (!counter || !listing || !size || !template) return;
    var pagerParts = template.content;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var noun = counter.getAttribute("data-noun") || "";
    var serverCount = counter.textContent;
    var root = new URL(form.getAttribute("data-directory"), location.href); // the cards' links are relative to it
    var dataRoot = new URL(form.getAttribute("data-source"), location.href);
    var index = null;
    var chunks = {};
    var shown = null; // the filtered listing, while a filter is chosen
    var busy = 0;

    function loadIndex() {
      if (!index) index = getJSON(new URL(folder + ".json", dataRoot).href);
      return index;
    }

    function loadChunk(n) {
      if (!chunks[n]) chunks[n] = getJSON(new URL(folder + "/" + n + ".json", dataRoot).href);
      return chunks[n];
    }

    function chosen() {
      return selects.filter(function (s) { return s.value; });
    }

    function matches(data) {
      var wanted = chosen().map(function (select) {
        var column = data.facets.indexOf(select.name);
        var code = Array.prototype.indexOf.call(select.options, select.selectedOptions[0]) - 1; // after 全部
        return [column, code];
      });
      var found = [];
      data.records.forEach(function (row, i) {
        var ok = wanted.every(function (pair) {
          var value = row[pair[0]];
          return Array.isArray(value) ? value.indexOf(pair[1]) !== -1 : value === pair[1];
        });
        if (ok) found.push(i);
      });
      return found;
    }

    function keepInUrl(page) {
      var params = new URLSearchParams(location.search);
      selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); else params.delete(s.name); });
      if (page > 1 && chosen().length) params.set("page", page); else params.delete("page");
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    // The numbered page links of filtered results, in the server's markup: the page's <template
    // data-pager> (_macros.md.j2's pager_template) holds one of each kind of link, {n} and {count}
    // standing for the numbers. Which numbers are offered follows paging.py's Page.numbers().
    function pager(total, page, go) {
      var pages = Math.ceil(total / size);
      var nav = pagerParts.querySelector("nav").cloneNode(false);
      if (pages < 2) return nav;
      var list = pagerParts.querySelector("ul").cloneNode(false);
      function part(selector, number) {
        var item = pagerParts.querySelector(selector).closest("li").cloneNode(true);
        item.innerHTML = item.innerHTML.replace(/\{n\}/g, number);
        var link = item.querySelector("a");
        if (link) {
          var params = new URLSearchParams(location.search);
          if (number > 1) params.set("page", number); else params.delete("page");
          link.href = "?" + params.toString();
          link.addEventListener("click", function (event) { event.preventDefault(); go(number); });
        }
        list.appendChild(item);
      }
      if (page > 1) part("a[rel=prev]", page - 1);
      var numbers = [1, pages];
      for (var n = Math.max(1, page - 2); n <= Math.min(pages, page + 2); n += 1) numbers.push(n);
      numbers = numbers.filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
      numbers.forEach(function (number, i) {
        if (i && number - numbers[i - 1] > 1) part(".pager__gap", null);
        part(number === page ? ".pager__current" : "a:not([rel])", number);
      });
      if (page < pages) part("a[rel=next]", page + 1);
      nav.appendChild(list);
      var where = pagerParts.querySelector(".pager__where").cloneNode(true);
      where.textContent = where.textContent.replace("{n}", page).replace("{count}", pages);
      nav.appendChild(where);
      return nav;
    }

    function show(found, page, data) {
      var first = (page - 1) * size;
      var wanted = found.slice(first, first + size);
      var needed = [];
      wanted.forEach(function (i) {
        var n = Math.floor(i / data.chunk);
        if (needed.indexOf(n) === -1) needed.push(n);
      });
      return Promise.all(needed.map(loadChunk)).then(function (loaded) {
        var byChunk = {};
        needed.forEach(function (n, k) { byChunk[n] = loaded[k]; });
        var box = document.createElement("div");
        box.className = "listing listing--filtered";
        if (wanted.length) {
          var list = document.createElement("ul");
          list.className = "cards";
          list.innerHTML = wanted.map(function (i) { return byChunk[Math.floor(i / data.chunk)][i % data.chunk]; }).join("");
          // the cards' links are relative to the directory's first page; this page may be another
          list.querySelectorAll("a[href]").forEach(function (a) { a.href = new URL(a.getAttribute("href"), root).href; });
          box.appendChild(list);
        } else {
          var empty = document.createElement("p");
          empty.className = "empty";
          empty.textContent = "没有符合所选条件的记录，请换一个条件，或清除筛选。";
          box.appendChild(empty);
        }
        box.appendChild(pager(found.length, page, function (number) { apply(number, true); }));
        return box;
      });
    }

    function apply(page, updateUrl) {
      var ticket = ++busy;
      if (!chosen().length) {
        if (shown) { shown.remove(); shown = null; }
        listing.hidden = false;
        counter.textContent = serverCount;
        if (updateUrl) keepInUrl(1);
        return Promise.resolve();
      }
      counter.textContent = "正在筛选…";
      return loadIndex().then(function (data) {
        var found = matches(data);
        var pages = Math.max(1, Math.ceil(found.length / size));
        page = Math.min(Math.max(1, page || 1), pages);
        return show(found, page, data).then(function (box) {
          if (ticket !== busy) return; // a newer choice came meanwhile
          if (shown) shown.remove();
          shown = box;
          listing.hidden = true;
          listing.parentNode.insertBefore(box, listing.nextSibling);
          counter.textContent = "筛选出 " + found.length + " " + noun + (pages > 1 ? "，第 " + page + " / " + pages + " 页" : "");
          if (window.siteStatusUpdate) window.siteStatusUpdate(box);
          if (updateUrl) keepInUrl(page);
        });
      }).catch(function () {
        if (ticket !== busy) return;
        counter.textContent = "筛选暂时无法使用（数据没有加载成功），请刷新页面重试，或直接翻页查看。";
      });
    }

    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
      select.addEventListener("change", function () { apply(1, true); });
    });
    form.addEventListener("reset", function () { setTimeout(function () { apply(1, true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (chosen().length) apply(parseInt(params.get("page"), 10) || 1, false);
  }

  function init() {
    document.querySelectorAll("form.filters[data-filters]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

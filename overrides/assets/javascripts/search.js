/* Site search: a small dialog over Pagefind's JavaScript API (site/pagefind/, built at publish time
   by generator/search_index.py).

   - Nothing of Pagefind is fetched until the reader opens the search (the header button, or "/"):
     then pagefind.js is imported, and it fetches only the index chunks a query needs.
   - Searches on `input` events (typing, pasting, a phone keyboard's suggestions) and on an input
     method's compositionend, after a short pause; never on the pinyin letters of an unfinished
     composition.
   - Works under a sub-path: every address is built from Material's base URL, never from "/".
   - A result reads as a sentence: a record's `summary` meta (what it is, where, its summary; see
     generator/assemble/search_index.py), else Pagefind's excerpt; the whole query is highlighted, not
     its characters one by one.
   - The first results are ranked again once loaded: records whose name holds the query first, classes
     that have ended (their `end` meta, against the reader's clock) after the others.
   - The search page (search/, docs/search.md) opens the search at once and keeps the query in its
     address (search/?q=微店), so a search can be shared.
   - Without JavaScript (or in a browser too old for import()) the header's link leads to the
     search page, which then says how to find things without it.
   - A module: search-loader.js (on every page) turns the header's link into the button, imports this
     when the reader first opens the search and calls open() at every opening. */

  var PAGE_SIZE = 10;
  var RANK_WINDOW = 30; // results loaded at once to be ranked again (name first, ended classes last)
  var DELAY = 250; // ms after the last change before searching: typing is not searched letter by letter
  // The types in the site's order and the directories to point to come from the page (the header's
  // search link, filled from the record-type registry by generator/assemble/plugin.py).
  var TYPE_ORDER = [];
  var DIRECTORIES = [];
  var ICON_BACK = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11h12Z"/></svg>';

  var root = document.documentElement;
  var button = null;   // the header's search button
  var dialog = null;   // built on first open
  var ui = {};
  var pagefind = null; // the imported module, once loaded
  var loading = null;  // its promise
  var composing = false;
  var timer = 0;
  var searchId = 0;
  var lastKey = null;
  var current = { results: [], shown: 0, query: "" };
  var onSearchPage = false; // the search page: the query goes into the address

  function siteRoot() {
    // Material writes the site's base (relative to this page, absolute on the 404 page) into #__config.
    var base = ".";
    try { base = JSON.parse(document.getElementById("__config").textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    // A native <dialog> opened with showModal(): the page behind it is inert (no Tab, no click, no
    // screen-reader cursor reaches it) and it is shown above everything, Material's header included.
    dialog = el("dialog", { "class": "site-search", "aria-label": "搜索", id: "site-search" });
    var scrim = el("div", { "class": "site-search__scrim" });
    var panel = el("div", { "class": "site-search__panel" });
    var form = el("form", { "class": "site-search__form", role: "search", action: "" });
    var close = el("button", { type: "button", "class": "site-search__close md-icon", "aria-label": "关闭搜索", title: "关闭搜索" });
    close.innerHTML = ICON_BACK;
    ui.input = el("input", { type: "search", "class": "site-search__input", placeholder: "搜索", "aria-label": "搜索",
      autocomplete: "off", autocapitalize: "off", spellcheck: "false", enterkeyhint: "search",
      "aria-describedby": "site-search-status" });
    form.appendChild(close);
    form.appendChild(ui.input);
    // The filters' choices come from Pagefind's filter files (about 50 KB at 12,500 pages): fetched
    // only when the reader asks for the filters, not with every first search.
    ui.toggle = el("button", { type: "button", "class": "site-search__toggle", "aria-expanded": "false",
      "aria-controls": "site-search-filters" }, "按类型、区县筛选");
    ui.filters = el("div", { "class": "site-search__filters", role: "group", "aria-label": "筛选搜索结果",
      id: "site-search-filters" });
    ui.filters.hidden = true;
    ui.type = filterSelect("type", "类型");
    ui.district = filterSelect("district", "区县");
    ui.status = el("p", { "class": "site-search__status", id: "site-search-status", role: "status", "aria-live": "polite" });
    ui.list = el("ol", { "class": "site-search__results", "aria-label": "搜索结果" });
    ui.more = el("button", { type: "button", "class": "md-button site-search__more" }, "显示更多结果");
    ui.more.hidden = true;
    var body = el("div", { "class": "site-search__body" });
    body.appendChild(ui.toggle);
    body.appendChild(ui.filters);
    body.appendChild(ui.status);
    body.appendChild(ui.list);
    body.appendChild(ui.more);
    panel.appendChild(form);
    panel.appendChild(body);
    dialog.appendChild(scrim);
    dialog.appendChild(panel);
    document.body.appendChild(dialog);
    button.setAttribute("aria-controls", "site-search");

    scrim.addEventListener("click", closeSearch);
    close.addEventListener("click", closeSearch);
    form.addEventListener("submit", function (event) { event.preventDefault(); schedule(0); });
    ui.input.addEventListener("compositionstart", function () { composing = true; });
    ui.input.addEventListener("compositionend", function () { composing = false; schedule(DELAY); });
    ui.input.addEventListener("input", function (event) {
      if (composing || event.isComposing) return; // pinyin letters still being composed
      schedule(DELAY);
    });
    ui.more.addEventListener("click", function () { showMore(true); });
    ui.toggle.addEventListener("click", toggleFilters);
    dialog.addEventListener("keydown", onDialogKey);
    // Esc the browser handles itself (where the keydown below did not): closed the same way
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); closeSearch(); });
  }

  function filterSelect(name, label) {
    var id = "site-search-filter-" + name;
    var field = el("p", { "class": "site-search__filter" });
    field.appendChild(el("label", { "for": id }, label));
    var select = el("select", { id: id, name: name, disabled: "" });
    select.appendChild(el("option", { value: "" }, "全部"));
    select.addEventListener("change", function () { schedule(0); });
    field.appendChild(select);
    ui.filters.appendChild(field);
    return select;
  }

  function say(text, links) {
    ui.status.textContent = text;
    if (links) {
      var base = siteRoot();
      DIRECTORIES.forEach(function (pair, i) {
          ui.status.appendChild(document.createTextNode(i ? "、" : "："));
          ui.status.appendChild(el("a", { href: new URL(pair[1], base).href }, pair[0]));
        });
      ui.status.appendChild(document.createTextNode("。"));
    }
  }

  function load() {
    if (!loading) {
      if (button.hasAttribute("data-preview")) {
        loading = Promise.reject(new Error("preview"));
      } else {
        var base = siteRoot();
        loading = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
          return module.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () {
            return module.init();
          }).then(function () {
            pagefind = module;
            return module;
          });
        });
      }
      loading.then(function () {
        if (!ui.input.value.trim()) say("输入企业名称、人名、产品或地名，如“石榴”“滕州”。");
      }, function (error) {
        failed = error && error.message === "preview"
          ? "预览网站不建搜索索引：搜索只能在构建好的网站上使用（python -m generator build）。也可以按目录查找"
          : "搜索暂时无法使用，请稍后再试，或按目录查找";
        sayFailure();
      });
    }
    return loading;
  }

  var failed = null; // why the search cannot be used here, once known
  function sayFailure() { if (failed) say(failed, true); }

  var filtersLoaded = null;
  function toggleFilters() {
    var open = ui.filters.hidden;
    ui.filters.hidden = !open;
    ui.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { // closing the filters also drops them, or results would stay narrowed unseen
      if (ui.type.value || ui.district.value) { ui.type.value = ""; ui.district.value = ""; schedule(0); }
      return;
    }
    if (!filtersLoaded) {
      // The type and district choices, with how many pages each has.
      filtersLoaded = load().then(function (module) { return module.filters(); }).then(function (all) {
        fillSelect(ui.type, all.type || {}, TYPE_ORDER);
        fillSelect(ui.district, all.district || {}, null);
        ui.type.disabled = ui.district.disabled = false;
      });
    }
    filtersLoaded.then(function () { ui.type.focus(); }, function () { /* load() said why */ });
  }

  function fillSelect(select, counts, order) {
    var names = Object.keys(counts).filter(function (name) { return counts[name] > 0; });
    names.sort(function (a, b) {
      if (order) {
        var i = order.indexOf(a), j = order.indexOf(b);
        if (i !== j) return (i < 0 ? 99 : i) - (j < 0 ? 99 : j);
      }
      return a.localeCompare(b, "zh-Hans-CN");
    });
    var chosen = select.value;
    while (select.options.length > 1) select.remove(1);
    names.forEach(function (name) { select.appendChild(el("option", { value: name }, name + "（" + counts[name] + "）")); });
    select.value = chosen;
  }

  function chosenFilters() {
    var filters = {};
    if (ui.type.value) filters.type = ui.type.value;
    if (ui.district.value) filters.district = ui.district.value;
    return filters;
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(run, delay);
  }

  function run() {
    var query = ui.input.value.trim();
    if (onSearchPage) keepInAddress(query);
    var filters = chosenFilters();
    var key = JSON.stringify([query, filters]);
    if (key === lastKey) return; // e.g. compositionend followed by its input event
    lastKey = key;
    var id = ++searchId;
    if (!query) {
      clearResults();
      if (pagefind) say("输入企业名称、人名、产品或地名，如“石榴”“滕州”。");
      return;
    }
    if (failed) { sayFailure(); return; }
    if (!pagefind) say("正在加载搜索…");
    load().then(function (module) {
      if (id !== searchId) return null;
      if (pagefind) say("正在搜索…");
      return module.search(query, { filters: filters });
    }).then(function (response) {
      if (!response || id !== searchId) return null;
      var head = response.results.slice(0, RANK_WINDOW);
      return Promise.all(head.map(function (result) { return result.data(); })).then(function (pages) {
        return { results: rank(pages, query).concat(response.results.slice(RANK_WINDOW)) };
      });
    }).then(function (response) {
      if (!response || id !== searchId) return;
      clearResults();
      current = { results: response.results, shown: 0, query: query, id: id };
      if (!response.results.length) {
        say("没有找到与“" + query + "”相关的内容" + (Object.keys(filters).length ? "（已按所选类型、区县筛选）" : "") +
            "。换个词试试，或按目录查找", true);
        return;
      }
      say("找到 " + response.results.length + " 条结果" + (Object.keys(filters).length ? "（已筛选）" : ""));
      return showMore(false);
    }).catch(function () { sayFailure(); });
  }

  function clearResults() {
    ui.list.textContent = "";
    ui.more.hidden = true;
    current = { results: [], shown: 0, query: "" };
  }

  function showMore(moveFocus) {
    var batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    var id = current.id;
    current.shown += batch.length;
    ui.more.hidden = true;
    return Promise.all(batch.map(function (item) {
      return typeof item.data === "function" ? item.data() : item; // ranked ones are loaded already
    })).then(function (pages) {
      if (id !== searchId) return;
      var first = null;
      pages.forEach(function (data) {
        var item = result(data, current.query);
        first = first || item;
        ui.list.appendChild(item);
      });
      ui.more.hidden = current.shown >= current.results.length;
      if (moveFocus && first) first.querySelector("a").focus();
    });
  }

  // Records whose name holds the whole query first, classes that have ended after the others; else
  // Pagefind's order.
  function rank(pages, query) {
    var now = Date.now();
    var wanted = query.toLowerCase();
    function key(page) {
      var meta = page.meta || {};
      var named = (meta.title || "").toLowerCase().indexOf(wanted) !== -1 ? 0 : 2;
      var ended = meta.end && Date.parse(meta.end) < now ? 1 : 0;
      return named + ended;
    }
    return pages.map(function (page, i) { return [key(page), i, page]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
  }

  function keepInAddress(query) {
    var params = new URLSearchParams(location.search);
    if (query) params.set("q", query); else params.delete("q");
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
  }

  function result(data, query) {
    var meta = data.meta || {};
    var item = el("li", { "class": "site-search__result" });
    var link = el("a", { "class": "site-search__link", href: data.url });
    link.appendChild(highlighted(meta.title || data.url, query, []));
    var heading = el("p", { "class": "site-search__title" });
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = el("p", { "class": "site-search__meta" });
    if (meta.type) facts.appendChild(el("span", { "class": "site-search__type" }, meta.type));
    if (meta.district) facts.appendChild(el("span", { "class": "site-search__district" }, meta.district));
    if (facts.childNodes.length) item.appendChild(facts);
    var excerpt = el("p", { "class": "site-search__excerpt" });
    item.appendChild(excerpt);
    var found = pagefindExcerpt(data.excerpt || "");
    if (!meta.summary) { // a hand-written page: Pagefind's excerpt
      excerpt.appendChild(highlighted(found.text, query, found.marks));
      return item;
    }
    // a record: its sentence (its type is shown above it), and where the query was found, if elsewhere
    var sentence = meta.type && meta.summary.indexOf(meta.type + "，") === 0 ? meta.summary.slice(meta.type.length + 1) : meta.summary;
    excerpt.appendChild(highlighted(sentence, query, []));
    var shown = ((meta.title || "") + meta.summary).toLowerCase().indexOf(query.toLowerCase()) !== -1;
    if (!shown && found.marks.length) {
      var elsewhere = el("p", { "class": "site-search__match" });
      elsewhere.appendChild(highlighted(found.text, query, found.marks));
      item.appendChild(elsewhere);
    }
    return item;
  }

  // Pagefind's excerpt is page text with <mark> around the matched characters: its text and where the
  // marks are (nothing else of its HTML is kept).
  function pagefindExcerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var text = "";
    var marks = [];
    template.content.childNodes.forEach(function (node) {
      var part = node.textContent;
      if (node.nodeName === "MARK") marks.push([text.length, text.length + part.length]);
      text += part;
    });
    return { text: text, marks: marks };
  }

  // The text with the whole query marked wherever it occurs; where it does not, the given marks
  // (Pagefind's, character by character: 微 and 店 apart), neighbours joined into one.
  function highlighted(text, query, fallback) {
    var ranges = [];
    var lower = text.toLowerCase();
    var wanted = query.toLowerCase();
    for (var at = wanted ? lower.indexOf(wanted) : -1; at !== -1; at = lower.indexOf(wanted, at + wanted.length)) {
      ranges.push([at, at + wanted.length]);
    }
    if (!ranges.length) ranges = fallback.slice();
    var joined = [];
    ranges.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (range) {
      var last = joined[joined.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else joined.push(range.slice());
    });
    var out = document.createDocumentFragment();
    var from = 0;
    joined.forEach(function (range) {
      if (range[0] > from) out.appendChild(document.createTextNode(text.slice(from, range[0])));
      out.appendChild(el("mark", {}, text.slice(range[0], range[1])));
      from = range[1];
    });
    if (from < text.length) out.appendChild(document.createTextNode(text.slice(from)));
    return out;
  }

  // The dialog's styles come with the dialog (not on every page's first visit). Until they have
  // loaded the dialog is open but transparent: it never shows unstyled, and what the reader types
  // at once already goes into its box.
  var styles = null;
  function loadStyles() {
    if (!styles) {
      styles = new Promise(function (resolve) {
        var link = el("link", { rel: "stylesheet", href: new URL("assets/stylesheets/search.css", siteRoot()).href });
        link.onload = link.onerror = function () { resolve(); };
        document.head.appendChild(link);
      });
    }
    return styles;
  }

  function openSearch() {
    if (!dialog) {
      build();
      dialog.style.opacity = "0";
      loadStyles().then(function () { dialog.style.opacity = ""; });
    }
    if (dialog.open) { ui.input.focus(); return; }
    dialog.showModal();
    root.classList.add("site-search-open");
    button.setAttribute("aria-expanded", "true");
    ui.input.focus();
    ui.input.select();
    if (failed) sayFailure();
    else if (!pagefind) say("正在加载搜索…");
    load();
  }

  function closeSearch() {
    if (!dialog || !dialog.open) return;
    dialog.close();
    root.classList.remove("site-search-open");
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }

  function focusables() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("button, input, select, a[href]"),
      function (node) { return !node.hidden && node.offsetParent !== null; });
  }

  function onDialogKey(event) {
    if (event.key === "Escape") {
      event.preventDefault(); // a search field would also clear itself
      closeSearch();
    } else if (event.key === "Tab") {
      // showModal() makes the page inert, but after the dialog's last control Tab goes on to the
      // browser's own toolbar: from the last control back to the first, and the other way round.
      var items = focusables();
      var at = items.indexOf(document.activeElement);
      if (event.shiftKey && at <= 0) { event.preventDefault(); items[items.length - 1].focus(); }
      else if (!event.shiftKey && at === items.length - 1) { event.preventDefault(); items[0].focus(); }
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = [ui.input].concat(Array.prototype.slice.call(ui.list.querySelectorAll("a")));
      var i = links.indexOf(document.activeElement);
      if (i < 0 || links.length < 2) return;
      event.preventDefault();
      links[Math.max(0, Math.min(links.length - 1, i + (event.key === "ArrowDown" ? 1 : -1)))].focus();
    }
  }

  // Called by search-loader.js on every opening: `query` is the search page's address query or
  // what the reader typed while this module was loading.
  export function open(searchButton, query) {
    if (!button) {
      button = searchButton;
      try {
        TYPE_ORDER = JSON.parse(button.getAttribute("data-types") || "[]");
        DIRECTORIES = JSON.parse(button.getAttribute("data-directories") || "[]");
      } catch (e) { /* an order by count and no links: still a search */ }
      onSearchPage = new URL("search/", siteRoot()).pathname === location.pathname;
    }
    openSearch();
    if (query) { ui.input.value = query; schedule(0); }
  }

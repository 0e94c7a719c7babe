/* The search's loader, the only part of it on every page's first visit (search.js, the dialog, is
   imported when the reader first asks for it; it then imports Pagefind).

   - The header's link (for readers without JavaScript it leads to the search page) becomes the
     button that opens the search; "/" opens it from anywhere but a text field.
   - The dialog's code is fetched when the button is pointed at or focused, so it is usually there
     by the time the reader clicks; what the reader types before it has arrived is kept in a
     stand-in field and goes into the search box.
   - The search page (search/?q=微店) imports it at once: the page is the search, opened.
   - If the dialog cannot be loaded the button leads to the search page, as the link did. */
(function () {
  "use strict";

  var link = null;
  var button = null;
  var dialogCode = null; // import() of search.js, once asked for
  var early = null;      // the stand-in field while search.js loads

  function siteRoot() {
    // Material writes the site's base (relative to this page, absolute on the 404 page) into #__config.
    var base = ".";
    try { base = JSON.parse(document.getElementById("__config").textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href);
  }

  function dialog() {
    if (!dialogCode) dialogCode = import(new URL("assets/javascripts/search.js", siteRoot()).href);
    return dialogCode;
  }

  function keepTyping() {
    if (early) return;
    early = document.createElement("input");
    early.type = "text"; // (not a second "searchbox" beside the dialog's)
    early.className = "site-search-early";
    early.setAttribute("aria-label", "搜索");
    early.setAttribute("autocomplete", "off");
    document.body.appendChild(early);
    early.focus();
  }

  function open(query) {
    var waiting = true;
    // A resolved import still answers a moment later: only a real wait gets the stand-in field.
    Promise.resolve().then(function () { if (waiting) keepTyping(); });
    dialog().then(function (module) {
      waiting = false;
      var typed = early ? early.value : "";
      if (early) { early.remove(); early = null; }
      module.open(button, query || typed);
    }, function () {
      waiting = false;
      if (early) { early.remove(); early = null; }
      location.href = link.href;
    });
  }

  function onGlobalKey(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    open();
  }

  function init() {
    link = document.querySelector("a[data-site-search]");
    if (!link || button) return;
    button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    ["aria-label", "title", "data-types", "data-directories", "data-preview"].forEach(function (name) {
      if (link.hasAttribute(name)) button.setAttribute(name, link.getAttribute(name));
    });
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.innerHTML = link.innerHTML;
    link.parentNode.replaceChild(button, link);
    button.addEventListener("click", function () { open(); });
    button.addEventListener("pointerenter", dialog);
    button.addEventListener("focus", dialog);
    document.addEventListener("keydown", onGlobalKey);
    if (new URL("search/", siteRoot()).pathname === location.pathname) {
      open(new URLSearchParams(location.search).get("q") || "");
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

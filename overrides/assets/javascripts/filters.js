/* Directory filters: progressive enhancement over the server-rendered list.
   Reveals the <form class="filters">, hides cards that do not match every chosen facet,
   announces the count, and keeps the choice in the URL (?district=…&industry=…) to share. */
(function () {
  "use strict";
  function setUp(form) {
    var list = form.parentNode.querySelector("ul.cards");
    var counter = form.parentNode.querySelector(".filters__count");
    if (!list || !counter) return;
    var cards = Array.prototype.slice.call(list.children);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var noun = counter.getAttribute("data-noun") || "";

    function apply(updateUrl) {
      var shown = 0;
      cards.forEach(function (card) {
        var match = selects.every(function (select) {
          if (!select.value) return true;
          var values = (card.getAttribute("data-" + select.name) || "").split(" ");
          return values.indexOf(select.value) !== -1;
        });
        card.hidden = !match;
        if (match) shown += 1;
      });
      var chosen = selects.filter(function (s) { return s.value; });
      counter.textContent = (chosen.length ? "筛选出 " : "共 ") + shown + " " + noun;
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); else params.delete(s.name); });
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
      select.addEventListener("change", function () { apply(true); });
    });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply(false);
  }
  function init() {
    document.querySelectorAll("form.filters[data-filters]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

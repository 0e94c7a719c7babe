/* Re-evaluate training status in the visitor's browser, so a page built days ago still
   tells the truth. Same rules as generator/status.py; without JS the build-time label stays. */
(function () {
  "use strict";
  var LABELS = {
    open: "报名中", soon: "即将开始", "closed-registration": "报名已截止",
    running: "进行中", finished: "已结束", cancelled: "已取消"
  };
  function todayInShanghai() {
    // en-CA formats as YYYY-MM-DD, comparable with the ISO dates in data attributes.
    return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  }
  function statusOf(el, today) {
    if (el.dataset.cancelled) return "cancelled";
    var start = el.dataset.start.slice(0, 10), end = el.dataset.end.slice(0, 10);
    if (today > end) return "finished";
    if (today >= start) return "running";
    if (el.dataset.deadline && today > el.dataset.deadline) return "closed-registration";
    return el.dataset.registration ? "open" : "soon";
  }
  function update(within) {
    var today = todayInShanghai();
    (within && within.querySelectorAll ? within : document).querySelectorAll(".status[data-start]").forEach(function (el) {
      var code = statusOf(el, today);
      el.className = "status status--" + code;
      el.textContent = LABELS[code];
    });
  }
  window.siteStatusUpdate = update; // filters.js calls it on the cards it shows
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { update(); });
  else update();
})();

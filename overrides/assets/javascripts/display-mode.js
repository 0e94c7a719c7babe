/* 适老化 display mode: "大字" (large text) and "高对比度" (high contrast) buttons in the header.
   The choice lives in localStorage on the reader's own device and is applied before first paint
   by a tiny script in main.html; without JavaScript the buttons do not appear. */
(function () {
  "use strict";
  var KEY = "display-mode";
  var root = document.documentElement;
  function load() {
    try {
      var mode = JSON.parse(localStorage.getItem(KEY) || "{}");
      return mode && typeof mode === "object" ? mode : {};
    } catch (e) { return {}; }
  }
  function save(mode) {
    try { localStorage.setItem(KEY, JSON.stringify(mode)); } catch (e) { /* private mode: this page only */ }
  }
  function button(label, name, cls) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = "display-toggle";
    el.textContent = label;
    el.setAttribute("data-mode", name);
    el.setAttribute("aria-pressed", root.classList.contains(cls) ? "true" : "false");
    el.addEventListener("click", function () {
      var on = !root.classList.contains(cls);
      root.classList.toggle(cls, on);
      el.setAttribute("aria-pressed", on ? "true" : "false");
      var mode = load();
      mode[name] = on;
      save(mode);
    });
    return el;
  }
  function init() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".display-toggles")) return;
    var group = document.createElement("div");
    group.className = "display-toggles";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "显示方式");
    group.appendChild(button("大字", "large", "large-text"));
    group.appendChild(button("高对比度", "contrast", "high-contrast"));
    var title = header.querySelector(".md-header__title");
    header.insertBefore(group, title ? title.nextSibling : null);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

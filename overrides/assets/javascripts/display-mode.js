/* 适老化 display mode: the "大字" (large text) and "高对比度" (high contrast) buttons
   (partials/header.html writes them, hidden until main.html's head script marks the page as running
   JavaScript). The choice lives in localStorage on the reader's own device and is applied before the
   first paint by that head script; this file makes the buttons work. The buttons are there twice (the
   header row on wide screens, a strip under the header on phones; CSS shows one): both stay in step. */
(function () {
  "use strict";
  var KEY = "display-mode";
  var CLASSES = { large: "large-text", contrast: "high-contrast" };
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
  function buttons() {
    return Array.prototype.slice.call(document.querySelectorAll("button.display-toggle[data-mode]"));
  }
  function showPressed() {
    buttons().forEach(function (el) {
      var cls = CLASSES[el.getAttribute("data-mode")];
      el.setAttribute("aria-pressed", cls && root.classList.contains(cls) ? "true" : "false");
    });
  }
  function toggle(name) {
    var cls = CLASSES[name];
    var on = !root.classList.contains(cls);
    root.classList.toggle(cls, on);
    showPressed();
    var mode = load();
    mode[name] = on;
    save(mode);
  }
  function init() {
    buttons().forEach(function (el) {
      if (el.hasAttribute("data-ready") || !CLASSES[el.getAttribute("data-mode")]) return;
      el.setAttribute("data-ready", "");
      el.addEventListener("click", function () { toggle(el.getAttribute("data-mode")); });
    });
    showPressed();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

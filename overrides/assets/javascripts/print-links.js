/* Printing: site.css writes the address after each external link in the page body. Where the link
   text already is that address (an enterprise's website), mark the link so the address is not
   printed twice. Without JavaScript the address simply appears twice. */
(function () {
  "use strict";
  function bare(text) {
    return text.trim().replace(/^https?:\/\//i, "").replace(/\/+$/, "").toLowerCase();
  }
  function mark() {
    var links = document.querySelectorAll('.md-content a[href^="http://"], .md-content a[href^="https://"]');
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (bare(a.textContent) === bare(a.getAttribute("href"))) a.classList.add("link--bare");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();

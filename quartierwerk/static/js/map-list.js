/* A list beside a map, both following the same filters:
   - "only what the map shows" (input[name=in_view]) sends the map's visible box (input[name=bbox]) with the
     filters, and each move or zoom of the map refreshes the list (the URL keeps the view, so it can be shared);
   - a change of the filters (the form is sent by htmx into the list region) sends them to the map's feed.
   Markup: form[data-map-list] with data-map-id (the map) and data-results (the id of the list region, which
   carries data-feed-url, the map feed with the list's filters, and an element [data-list-count]); inside the
   form [data-in-view] (hidden until this script runs), the two inputs and a [data-list-status] live region. */
(function () {
  "use strict";

  function bboxOf(map) {
    var b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(",");
  }

  function setup(form) {
    if (form.dataset.mapListReady) return;
    var mapEl = document.getElementById(form.getAttribute("data-map-id"));
    if (!mapEl || !mapEl.qwMap || !window.htmx) return; // not ready yet: init runs again later
    form.dataset.mapListReady = "1";
    var map = mapEl.qwMap;
    var resultsId = form.getAttribute("data-results");
    var toggle = form.querySelector("input[name=in_view]");
    var bbox = form.querySelector("input[name=bbox]");
    var status = form.querySelector("[data-list-status]");
    var wrap = form.querySelector("[data-in-view]");
    if (wrap) wrap.hidden = false;
    var timer = null;

    function sync() {
      bbox.disabled = !toggle.checked;
      if (toggle.checked) bbox.value = bboxOf(map);
    }

    function address() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) { if (value !== "") params.append(key, value); });
      var query = params.toString();
      return (form.getAttribute("hx-get") || window.location.pathname) + (query ? "?" + query : "");
    }

    // The list answered: the map follows its filters, the live region says how many were found.
    function followList() {
      var results = document.getElementById(resultsId);
      if (!results) return;
      var feed = results.getAttribute("data-feed-url");
      if (feed && mapEl.qwSetFeedUrl && feed !== mapEl.getAttribute("data-geojson-url")) mapEl.qwSetFeedUrl(feed);
      var count = results.querySelector("[data-list-count]");
      if (status && count) status.textContent = count.textContent.trim();
    }

    // Filters sent by htmx (the "Show" button, or the toggle): the box of this moment goes with them.
    form.addEventListener("htmx:configRequest", function (e) {
      if (e.target !== form) return;
      sync();
      if (toggle.checked) e.detail.parameters.bbox = bbox.value;
      else delete e.detail.parameters.bbox;
    });
    // The list region is replaced (outerHTML): its new element announces the swap, not the form.
    document.addEventListener("htmx:afterSettle", function (e) {
      var results = document.getElementById(resultsId);
      if (results && (e.target === results || results.contains(e.target))) followList();
    });
    toggle.addEventListener("change", function () { sync(); htmx.trigger(form, "submit"); });

    // The map moved: with the toggle on, the list shows the new view; the history entry is replaced.
    map.on("moveend", function () {
      if (!toggle.checked) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var next = bboxOf(map);
        if (next === bbox.value) return;
        sync();
        var url = address();
        htmx.ajax("GET", url, { target: "#" + resultsId, select: "#" + resultsId, swap: "outerHTML" })
          .then(function () { window.history.replaceState(window.history.state, "", url); });
      }, 400);
    });
  }

  function init() { document.querySelectorAll("form[data-map-list]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  window.addEventListener("load", init);
})();

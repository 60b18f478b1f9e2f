/* Quartierwerk maps: draw GeoJSON outlines and points with Leaflet.
   A tile layer is added only when the page names a tile server (setting MAP_TILE_URL);
   without one the map shows the shapes on a plain background and fetches nothing. */
(function () {
  "use strict";

  function readData(el) {
    var id = el.getAttribute("data-geojson");
    var node = id && document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function popupFor(feature) {
    var p = feature.properties || {};
    var wrap = document.createElement("div");
    var title = p.url ? document.createElement("a") : document.createElement("strong");
    if (p.url) title.href = p.url;
    title.textContent = p.title || p.name || "";
    wrap.appendChild(title);
    if (p.subtitle) {
      var sub = document.createElement("p");
      sub.textContent = p.subtitle;
      wrap.appendChild(sub);
    }
    return wrap;
  }

  function setup(el) {
    if (!window.L || el.dataset.ready) return;
    el.dataset.ready = "1";
    var map = L.map(el, { scrollWheelZoom: false, attributionControl: true });
    map.attributionControl.setPrefix(false);
    var tileUrl = el.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: el.getAttribute("data-tile-attribution") || "" }).addTo(map);
    } else {
      el.classList.add("map-no-tiles");
    }
    var layer = L.geoJSON(null, {
      style: function () { return { color: "#0b5394", weight: 2, fillOpacity: 0.08 }; },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, { radius: 7, color: "#7a1f00", weight: 2, fillColor: "#d35400", fillOpacity: 0.9 });
      },
      onEachFeature: function (feature, lyr) {
        // On a map where a pin is set, a tap inside an outline must place the pin, not open a popup.
        if (!el.hasAttribute("data-pick") || feature.geometry.type === "Point") lyr.bindPopup(popupFor(feature));
      }
    }).addTo(map);

    function show(data) {
      if (data) layer.addData(data);
      var bounds = layer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10], maxZoom: 16 });
      else map.setView([51.16, 10.45], 6);
    }
    show(readData(el));
    var url = el.getAttribute("data-geojson-url");
    if (url) {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { layer.clearLayers(); show(data); });
    }
    var pick = el.getAttribute("data-pick");
    if (pick) {
      // Pick a point: fills the form fields named in data-pick ("lat-field-id,lon-field-id").
      var ids = pick.split(",");
      var latField = document.getElementById(ids[0]);
      var lonField = document.getElementById(ids[1]);
      var marker = null;
      var place = function (latlng) {
        if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng, { keyboard: true, title: "📍" }).addTo(map);
        if (latField) { latField.value = latlng.lat.toFixed(6); latField.dispatchEvent(new Event("change", { bubbles: true })); }
        if (lonField) { lonField.value = latlng.lng.toFixed(6); lonField.dispatchEvent(new Event("change", { bubbles: true })); }
      };
      map.on("click", function (e) { place(e.latlng); });
      if (latField && lonField && latField.value && lonField.value) {
        place(L.latLng(parseFloat(latField.value), parseFloat(lonField.value)));
      }
    }
    el.qwMap = map;
    el.qwLayer = layer;
  }

  function init() {
    document.querySelectorAll("[data-map]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  document.addEventListener("htmx:afterSettle", init);
})();

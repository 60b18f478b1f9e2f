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
    var addTiles = function () {
      el.classList.remove("map-no-tiles");
      L.tileLayer(tileUrl, { maxZoom: 19, attribution: el.getAttribute("data-tile-attribution") || "" }).addTo(map);
    };
    var consentId = el.getAttribute("data-tile-consent");
    el.classList.add("map-no-tiles");
    if (tileUrl && !consentId) {
      addTiles();
    } else if (tileUrl) {
      // Tiles from another host: nothing is fetched there until the visitor asks ("Karte laden"),
      // remembered for this browser session only.
      var consent = document.getElementById(consentId);
      var remembered = false;
      try { remembered = window.sessionStorage.getItem("qw-map-tiles") === tileUrl; } catch (e) { remembered = false; }
      if (remembered) {
        addTiles();
      } else if (consent) {
        consent.hidden = false;
        consent.querySelector("[data-tile-load]").addEventListener("click", function () {
          try { window.sessionStorage.setItem("qw-map-tiles", tileUrl); } catch (e) { /* private mode */ }
          consent.hidden = true;
          addTiles();
          document.querySelectorAll("[data-map]").forEach(function (other) {
            if (other !== el && other.qwAddTiles && other.getAttribute("data-tile-url") === tileUrl) other.qwAddTiles();
          });
        });
      }
    }
    el.qwAddTiles = function () {
      if (el.dataset.tiles) return;
      el.dataset.tiles = "1";
      var c = document.getElementById(consentId);
      if (c) c.hidden = true;
      addTiles();
    };
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
      var pinLabel = el.getAttribute("data-pin-label") || "📍";
      var step = function (key, big) {
        var d = big ? 50 : 10;
        return { ArrowUp: [0, -d], ArrowDown: [0, d], ArrowLeft: [-d, 0], ArrowRight: [d, 0] }[key];
      };
      // source: "hand" (click or tap), "keyboard", "address" (chosen from the register), "location" (GPS).
      var place = function (latlng, source) {
        if (marker) {
          marker.setLatLng(latlng);
        } else {
          marker = L.marker(latlng, { keyboard: true, title: pinLabel, alt: pinLabel }).addTo(map);
          marker.getElement().addEventListener("keydown", function (e) {
            var delta = step(e.key, e.shiftKey);
            if (!delta) return;
            e.preventDefault();
            e.stopPropagation();
            var p = map.latLngToContainerPoint(marker.getLatLng()).add(L.point(delta[0], delta[1]));
            place(map.containerPointToLatLng(p), "keyboard");
          });
        }
        if (latField) { latField.value = latlng.lat.toFixed(6); latField.dispatchEvent(new Event("change", { bubbles: true })); }
        if (lonField) { lonField.value = latlng.lng.toFixed(6); lonField.dispatchEvent(new Event("change", { bubbles: true })); }
        if (source) {
          el.dispatchEvent(new CustomEvent("qw:pin", { bubbles: true, detail: { lat: latlng.lat, lon: latlng.lng, source: source } }));
        }
      };
      map.on("click", function (e) { place(e.latlng, "hand"); });
      el.qwPlace = function (lat, lon, source) {
        var latlng = L.latLng(lat, lon);
        place(latlng, source);
        if (!map.getBounds().pad(-0.1).contains(latlng)) map.setView(latlng, Math.max(map.getZoom(), 16));
        return marker;
      };
      el.qwPinCentre = function () {
        place(map.getCenter(), "keyboard");
        marker.getElement().focus();
      };
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

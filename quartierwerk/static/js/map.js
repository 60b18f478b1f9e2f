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

  function pointMarker(latlng) {
    return L.circleMarker(latlng, { radius: 7, color: "#7a1f00", weight: 2, fillColor: "#d35400", fillOpacity: 0.9, className: "map-point" });
  }

  // A feed of one map view: the server answers for the visible box and zoom (clusters when zoomed out,
  // points when zoomed in, never more than a fixed number). Moving or zooming asks again (debounced);
  // a marker whose point is still in the answer stays, so an open popup stays open.
  function setupFeed(el, map, url, viewed) {
    var feed = L.layerGroup().addTo(map);
    var shown = {};
    var timer = null;
    var controller = null;
    var clusterLabel = el.getAttribute("data-cluster-label") || "{count}";

    function keyOf(f) {
      return String(f.id !== undefined && f.id !== null ? f.id : f.geometry.coordinates.join(","));
    }
    function draw(data) {
      var next = {};
      ((data && data.features) || []).forEach(function (f) {
        if (!f.geometry || f.geometry.type !== "Point") return;
        var key = keyOf(f);
        if (shown[key]) { next[key] = shown[key]; delete shown[key]; return; }
        var latlng = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
        var marker;
        var p = f.properties || {};
        if (p.cluster) {
          var title = clusterLabel.replace("{count}", p.count);
          marker = L.marker(latlng, {
            keyboard: true, title: title, alt: title,
            icon: L.divIcon({ className: "map-cluster", html: "<span>" + Number(p.count) + "</span>", iconSize: [36, 36] })
          });
          marker.on("click", function () { map.setView(latlng, Math.min(map.getZoom() + 2, 18)); });
        } else {
          marker = pointMarker(latlng);
          marker.bindPopup(popupFor(f));
          marker.qwFeatureId = key;
        }
        marker.addTo(feed);
        next[key] = marker;
      });
      Object.keys(shown).forEach(function (k) { feed.removeLayer(shown[k]); });
      shown = next;
      el.setAttribute("data-map-mode", (data && data.mode) || "");
      el.setAttribute("data-map-truncated", data && data.truncated ? "true" : "false");
      el.dispatchEvent(new CustomEvent("qw:mapdata", { bubbles: true, detail: data }));
    }
    function load(withView) {
      var query = "";
      if (withView) {
        var b = map.getBounds();
        query = "bbox=" + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(5); }).join(",") +
          "&zoom=" + Math.round(map.getZoom());
      }
      if (controller) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var full = url + (query ? (url.indexOf("?") >= 0 ? "&" : "?") + query : "");
      el.setAttribute("data-map-url", full);
      return fetch(full, {
        credentials: "same-origin",
        headers: { Accept: "application/geo+json, application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!withView && data) {
            // No view known yet: fit the answer, then the move asks again for that view.
            var b = L.geoJSON(data).getBounds();
            if (b.isValid()) { draw(data); map.fitBounds(b, { padding: [10, 10], maxZoom: 16 }); return; }
            map.setView([51.16, 10.45], 6);
          }
          draw(data);
        })
        .catch(function () { /* aborted by a newer view, or offline: keep what is shown */ });
    }
    map.on("moveend", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(true); }, 250);
    });
    load(viewed);
    el.qwFeed = feed;
    el.qwReload = function () { return load(true); };
    // The list beside the map changed its filters: the same view, asked with the new ones.
    el.qwSetFeedUrl = function (next) {
      url = next;
      el.setAttribute("data-geojson-url", next);
      return load(true);
    };
  }

  // Without a background map: the street names of the address register as labels, from zoom 15 on.
  function setupStreetLabels(map, url) {
    var labels = L.layerGroup().addTo(map);
    var timer = null;
    function load() {
      if (map.getZoom() < 15) { labels.clearLayers(); return; }
      var b = map.getBounds();
      var bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) { return v.toFixed(4); }).join(",");
      fetch(url + "&bbox=" + bbox, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          labels.clearLayers();
          ((data && data.streets) || []).forEach(function (s) {
            var span = document.createElement("span");
            span.textContent = s.name;
            L.marker([s.lat, s.lon], {
              interactive: false, keyboard: false,
              icon: L.divIcon({ className: "map-street", html: span.outerHTML, iconSize: null })
            }).addTo(labels);
          });
        })
        .catch(function () { /* offline: no labels */ });
    }
    map.on("moveend", function () { clearTimeout(timer); timer = setTimeout(load, 300); });
    map.whenReady(load);
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
      pointToLayer: function (feature, latlng) { return pointMarker(latlng); },
      onEachFeature: function (feature, lyr) {
        // On a map where a pin is set, a tap inside an outline must place the pin, not open a popup.
        if (!el.hasAttribute("data-pick") || feature.geometry.type === "Point") lyr.bindPopup(popupFor(feature));
      }
    }).addTo(map);

    function show(data) {
      if (data) layer.addData(data);
      var bounds = layer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10], maxZoom: 16 });
      else if (!el.hasAttribute("data-bounds")) map.setView([51.16, 10.45], 6);
    }
    var given = (el.getAttribute("data-bounds") || "").split(",").map(parseFloat);
    if (given.length === 4 && given.every(isFinite)) {
      map.fitBounds([[given[1], given[0]], [given[3], given[2]]], { padding: [10, 10], maxZoom: 16 });
    }
    show(readData(el));
    var streetsUrl = el.getAttribute("data-streets-url");
    if (streetsUrl && !tileUrl) setupStreetLabels(map, streetsUrl);
    var url = el.getAttribute("data-geojson-url");
    if (url) setupFeed(el, map, url, layer.getBounds().isValid() || (given.length === 4 && given.every(isFinite)));
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

/* Address search for a place picker: type-ahead from the city's address register places the pin;
   a pin placed by hand, by keyboard or by "use my location" gets its nearest address and the quarter check.
   Markup: a [data-place-picker] element with data-search-url, data-point-url, data-map-id,
   containing input[data-address-input], ul[data-address-list], [data-place-status],
   button[data-locate] and button[data-pin-centre]. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }

  function setup(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var input = box.querySelector("[data-address-input]");
    var list = box.querySelector("[data-address-list]");
    var status = box.querySelector("[data-place-status]");
    var mapEl = document.getElementById(box.getAttribute("data-map-id"));
    var searchUrl = box.getAttribute("data-search-url");
    var pointUrl = box.getAttribute("data-point-url");
    var results = [];
    var active = -1;
    var lastChosen = "";

    function say(text, warn) {
      status.textContent = text || "";
      status.classList.toggle("place-status-warning", !!warn);
      status.hidden = !text;
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("[role=option]");
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
    }

    // A form with separate street, postcode and town fields (the organisation form) gets each part.
    var postcodeField = document.getElementById(box.getAttribute("data-postcode-id") || "");
    var townField = document.getElementById(box.getAttribute("data-town-id") || "");
    function textFor(address) {
      if (!postcodeField && !townField) return address.label;
      if (postcodeField && address.postcode) postcodeField.value = address.postcode;
      if (townField && address.place) townField.value = address.place;
      return (address.street + " " + (address.house_number || "")).trim();
    }

    function choose(address) {
      close();
      input.value = textFor(address);
      lastChosen = input.value;
      if (mapEl && mapEl.qwPlace) mapEl.qwPlace(address.lat, address.lon, "address");
    }

    function render() {
      list.innerHTML = "";
      results.forEach(function (a, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.textContent = a.label;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(a); });
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }

    var lookup = debounce(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === lastChosen) { results = []; render(); return; }
      getJSON(searchUrl + "&q=" + encodeURIComponent(q)).then(function (data) {
        if (input.value.trim() !== q) return;
        results = data || [];
        render();
      });
    }, 200);

    input.addEventListener("input", lookup);
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, results.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(results[active]); }
      else if (e.key === "Escape") { close(); }
    });

    var checkPoint = debounce(function (detail) {
      getJSON(pointUrl + "&lat=" + detail.lat.toFixed(6) + "&lon=" + detail.lon.toFixed(6)).then(function (data) {
        if (!data) return;
        if (!data.inside) { say(data.message, true); return; }
        if (detail.source !== "address" && data.address) {
          say(box.getAttribute("data-nearest-text").replace("{address}", data.address.label), false);
          if (!input.value || input.value === lastChosen) { input.value = textFor(data.address); lastChosen = input.value; }
        } else {
          say("", false);
        }
      });
    }, 300);

    if (mapEl) mapEl.addEventListener("qw:pin", function (e) { checkPoint(e.detail); });

    var locate = box.querySelector("[data-locate]");
    if (locate) {
      if (!navigator.geolocation) locate.hidden = true;
      // The browser asks for the location only here, on the visitor's click.
      locate.addEventListener("click", function () {
        say(box.getAttribute("data-locating-text"), false);
        navigator.geolocation.getCurrentPosition(
          function (pos) {
            if (mapEl && mapEl.qwPlace) mapEl.qwPlace(pos.coords.latitude, pos.coords.longitude, "location");
          },
          function () { say(box.getAttribute("data-locate-failed-text"), true); },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
        );
      });
    }
    var centre = box.querySelector("[data-pin-centre]");
    if (centre) centre.addEventListener("click", function () { if (mapEl && mapEl.qwPinCentre) mapEl.qwPinCentre(); });
  }

  function init() { document.querySelectorAll("[data-place-picker]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  document.addEventListener("htmx:afterSettle", init);
})();

/* Maps of the dialog. Progressive enhancement: without JavaScript the contribution page shows the
   coordinates as text and the form has two number fields. Configuration comes from a json_script element. */
(function () {
  "use strict";

  function readConfig() {
    var element = document.getElementById("dialog-map-config");
    return element ? JSON.parse(element.textContent) : null;
  }

  function baseMap(container, config) {
    var map = L.map(container, { scrollWheelZoom: false });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.attribution || "" }).addTo(map);
    }
    var b = config.bounds; // south, west, north, east
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]]);
    return map;
  }

  function showPoint(container, config) {
    var map = baseMap(container, config);
    L.marker(config.point, { title: config.title, alt: config.title, keyboard: false }).addTo(map);
    map.setView(config.point, 15);
  }

  function parse(value) {
    var number = parseFloat(String(value || "").replace(",", "."));
    return isNaN(number) ? null : number;
  }

  function pickPoint(container, config) {
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    if (!lat || !lon) {
      return;
    }
    container.hidden = false;
    var hint = document.getElementById("point-picker-hint");
    if (hint) {
      hint.hidden = false;
    }
    var map = baseMap(container, config);
    var marker = null;

    function place(latlng) {
      if (marker) {
        marker.setLatLng(latlng);
      } else {
        marker = L.marker(latlng, { keyboard: false }).addTo(map);
      }
    }

    function fromInputs() {
      var a = parse(lat.value), b = parse(lon.value);
      if (a !== null && b !== null) {
        place([a, b]);
      }
    }

    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lon.value = event.latlng.lng.toFixed(6);
      place(event.latlng);
    });
    lat.addEventListener("change", fromInputs);
    lon.addEventListener("change", fromInputs);
    fromInputs();
  }

  function init() {
    var config = readConfig();
    if (!config || typeof L === "undefined") {
      return;
    }
    var shown = document.getElementById("dialog-map");
    var picker = document.getElementById("point-picker");
    if (shown && config.point) {
      showPoint(shown, config);
    } else if (picker) {
      pickPoint(picker, config);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

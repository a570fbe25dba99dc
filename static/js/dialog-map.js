/* Maps of the dialog. Progressive enhancement: without JavaScript the contribution page shows the
   coordinates as text and the form has two number fields. Configuration comes from a json_script element. */
(function () {
  "use strict";

  var maps = window.StadtdialogMap; // map-base.js

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
    var map = maps.baseMap(container, config);
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
    var config = maps && maps.readConfig("dialog-map-config");
    if (!config || typeof L === "undefined") {
      return;
    }
    var shown = document.getElementById("dialog-map");
    var picker = document.getElementById("point-picker");
    if (shown && config.point) {
      maps.showPoint(maps.baseMap(shown, config), config);
    } else if (picker) {
      pickPoint(picker, config);
    }
  }

  if (maps) {
    maps.onReady(init);
  }
})();

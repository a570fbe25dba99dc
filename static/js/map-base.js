/* Shared by the map scripts (plan-map.js, dialog-map.js): the configuration from a json_script
   element, the base map with the configured tiles, a single marked point, start on page load.
   Load it before them (both with defer, which keeps their order). */
(function () {
  "use strict";

  function readConfig(id) {
    var element = document.getElementById(id);
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

  function showPoint(map, config) {
    L.marker(config.point, { title: config.title, alt: config.title, keyboard: false }).addTo(map);
    map.setView(config.point, 15);
  }

  function onReady(init) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  window.StadtdialogMap = { readConfig: readConfig, baseMap: baseMap, showPoint: showPoint, onReady: onReady };
})();

/* The map of the district list: the districts' boundaries, each linking to its page. Progressive
   enhancement: without JavaScript the page shows the table of the districts only. */
(function () {
  "use strict";

  var maps = window.StadtdialogMap; // map-base.js

  function link(properties) {
    // Built from DOM nodes, so names are never interpreted as HTML.
    var anchor = document.createElement("a");
    anchor.href = properties.url;
    anchor.textContent = properties.title;
    return anchor;
  }

  function init() {
    var container = document.getElementById("district-map");
    var config = maps && maps.readConfig("district-map-config");
    if (!container || !config || typeof L === "undefined") {
      return;
    }
    var map = maps.baseMap(container, config);
    var layer = L.geoJSON(config.features, {
      style: function () { return { color: "#004b76", weight: 2, fillOpacity: 0.1 }; },
      onEachFeature: function (feature, shape) {
        shape.bindPopup(link(feature.properties));
        shape.bindTooltip(feature.properties.title);
      },
    }).addTo(map);
    if (config.features.features.length) {
      map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    }
  }

  if (maps) {
    maps.onReady(init);
  }
})();

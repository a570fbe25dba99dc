/* Maps of the public plan pages. Progressive enhancement: without JavaScript the pages show
   a table or the coordinates as text. Configuration comes from a json_script element. */
(function () {
  "use strict";

  var maps = window.StadtdialogMap; // map-base.js

  function popupContent(properties) {
    // Built from DOM nodes, so titles are never interpreted as HTML.
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    var meta = document.createElement("p");
    meta.textContent = properties.status + " · " + properties.unit;
    wrapper.appendChild(link);
    wrapper.appendChild(meta);
    return wrapper;
  }

  function showPlans(map, config) {
    fetch(config.dataUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, { title: feature.properties.title, alt: feature.properties.title });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popupContent(feature.properties));
          },
        }).addTo(map);
        if (data.features.length) {
          map.fitBounds(layer.getBounds(), { maxZoom: 15, padding: [20, 20] });
        }
        var note = document.getElementById("plan-map-note");
        if (note && data.capped) {
          note.textContent = config.cappedNote;
          note.hidden = false;
        }
      });
  }

  function init() {
    var container = document.getElementById("plan-map");
    var config = maps && maps.readConfig("plan-map-config");
    if (!container || !config || typeof L === "undefined") {
      return;
    }
    var map = maps.baseMap(container, config);
    if (config.point) {
      maps.showPoint(map, config);
    } else if (config.dataUrl) {
      showPlans(map, config);
    }
  }

  if (maps) {
    maps.onReady(init);
  }
})();

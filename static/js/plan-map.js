/* Maps of the public plan pages. Progressive enhancement: without JavaScript the pages show
   a table or the coordinates as text. Configuration comes from a json_script element. */
(function () {
  "use strict";

  function readConfig() {
    var element = document.getElementById("plan-map-config");
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

  function showPoint(map, config) {
    L.marker(config.point, { title: config.title, alt: config.title, keyboard: false }).addTo(map);
    map.setView(config.point, 15);
  }

  function init() {
    var container = document.getElementById("plan-map");
    var config = readConfig();
    if (!container || !config || typeof L === "undefined") {
      return;
    }
    var map = baseMap(container, config);
    if (config.point) {
      showPoint(map, config);
    } else if (config.dataUrl) {
      showPlans(map, config);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

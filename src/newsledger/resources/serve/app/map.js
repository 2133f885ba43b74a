// The incident map: country outlines (a GeoJSON layer, no tiles, so it works offline)
// shaded by how many incidents each country holds, and a circle per placed incident.

import { h, range, route } from './dom.js';

let current = null;

export function drawMap(box, outlines, points, countryCounts, onCountry) {
  if (current) current.remove();
  const map = L.map(box, {
    attributionControl: false,
    worldCopyJump: true,
    minZoom: 1,
    maxZoom: 9,
    zoomSnap: 0.5,
  }).setView([15, 15], 1.5);
  current = map;
  const most = Math.max(1, ...countryCounts.values());

  L.geoJSON(outlines, {
    style: (feature) => {
      const count = countryCounts.get(feature.properties.code) || 0;
      return {
        color: '#7d848c',
        weight: 0.6,
        fillColor: count ? '#b03a2e' : '#e9e7e1',
        fillOpacity: count ? 0.2 + 0.6 * (count / most) : 1,
      };
    },
    onEachFeature: (feature, layer) => {
      const { code, name } = feature.properties;
      const count = countryCounts.get(code) || 0;
      layer.bindTooltip(h('span', {}, `${name} (${code}): ${count} incident${count === 1 ? '' : 's'}`), { sticky: true });
      layer.on('click', () => onCountry(code));
    },
  }).addTo(map);

  const markers = [];
  for (const feature of points.features) {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    const killed = p.fatalities_min || 0;
    const marker = L.circleMarker([lat, lon], {
      radius: 5 + Math.min(15, Math.sqrt(killed) * 2),
      color: '#5b1a14',
      weight: 1,
      fillColor: '#e74c3c',
      fillOpacity: 0.8,
      className: 'incident-marker',
    });
    marker.bindPopup(h('div', { class: 'popup' },
      h('a', { href: route('incident', p.id) }, `${p.type} · ${p.location_name || p.location_country || ''}`),
      h('div', {}, [p.date || p.first_report, killed ? `${range(p.fatalities_min, p.fatalities_max)} killed` : '',
        `${p.sources} source${p.sources === 1 ? '' : 's'}`].filter(Boolean).join(' · '))));
    marker.addTo(map);
    markers.push([lat, lon]);
  }
  if (markers.length) map.fitBounds(markers, { maxZoom: 5, padding: [30, 30] });
  return map;
}

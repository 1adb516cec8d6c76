// A street map: Leaflet over the tile server of the settings (visitapp/core/geo.py), drawn by the server's
// data only. Positions arrive as the map draws them (already shifted for GCJ-02 tiles by the server) and a
// dragged pin goes back the same way. Markers are our own round, numbered pins (a divIcon with text put in
// by textContent, never HTML from the data), 44 px to the thumb; the zoom buttons are made 44 px too.
//
// props: tiles, attribution, subdomains; markers [{id, lat, lon, label, colour, done, title}]; lines
// [{colour, points: [[lat, lon], ...]}]; draggable (the id of the one marker that may be moved, or "");
// height (css); onPick(id) when a marker is tapped; onMove(id, lat, lon) when the movable one is dropped.
import { useEffect, useRef } from "react";
import * as L from "leaflet";
import "leaflet/dist/leaflet.css";

const STYLE_ID = "visitapp-leaflet-style";
const STYLE = `
.visitapp-map .leaflet-control-zoom a { width: 44px; height: 44px; line-height: 44px; font-size: 22px; }
.visitapp-map .map-pin-icon { background: none; border: none; }
.visitapp-map .map-pin-dot { position: absolute; left: 8px; top: 8px; width: 28px; height: 28px; border-radius: 50%;
  border: 2px solid #fff; box-shadow: 0 1px 3px rgba(0,0,0,.35); color: #fff; font: 700 12px/24px system-ui, sans-serif;
  text-align: center; box-sizing: border-box; }
.visitapp-map .map-pin-base { border-radius: 6px; }
`;

function ensureStyle() {
  if (typeof document === "undefined" || document.getElementById(STYLE_ID)) return;
  const el = document.createElement("style");
  el.id = STYLE_ID;
  el.textContent = STYLE;
  document.head.appendChild(el);
}

function pinIcon(m) {
  const dot = document.createElement("span");
  dot.className = "map-pin-dot" + (m.base ? " map-pin-base" : "");
  dot.style.background = m.done ? "#6b7280" : m.colour || "#0f766e";
  dot.textContent = m.label == null ? "" : String(m.label);
  const box = document.createElement("div");
  box.appendChild(dot);
  return L.divIcon({ html: box, className: "map-pin-icon", iconSize: [44, 44], iconAnchor: [22, 22] });
}

// the provider's credit is shown as text: Leaflet puts attribution in as HTML
function asText(s) {
  return String(s || "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function fit(m, bounds) {
  if (!bounds.length || !m.getSize().x) return;
  if (bounds.length === 1) m.setView(bounds[0], 16);
  else m.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
}

function sameIds(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function LeafletMap({ tiles, attribution, subdomains, markers, lines, draggable, height, onPick, onMove, id }) {
  const box = useRef(null);
  const map = useRef(null);
  const layer = useRef(null);
  const shown = useRef([]);
  const fitted = useRef([]);
  const handlers = useRef({ onPick, onMove });
  handlers.current = { onPick, onMove };

  useEffect(() => {
    ensureStyle();
    if (!box.current || !tiles) return undefined;
    const m = L.map(box.current, { zoomControl: true, attributionControl: true });
    L.tileLayer(tiles, { attribution: asText(attribution), subdomains: subdomains || "abc", maxZoom: 19 }).addTo(m);
    m.attributionControl.setPrefix(false);
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    m.setView([31.2304, 121.4737], 11);  // until the markers arrive
    // the box gets its size after the first paint (and again when a phone turns): fit the pins again
    const ro =
      typeof ResizeObserver !== "undefined"
        ? new ResizeObserver(() => {
            m.invalidateSize();
            fit(m, fitted.current);
          })
        : null;
    if (ro) ro.observe(box.current);
    return () => {
      if (ro) ro.disconnect();
      m.remove();
      map.current = null;
      layer.current = null;
      shown.current = [];
    };
  }, [tiles, attribution, subdomains]);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    const all = markers || [];
    const bounds = [];
    (lines || []).forEach((line) => {
      if (line.points && line.points.length > 1) {
        L.polyline(line.points, { color: line.colour || "#0f766e", weight: 3, opacity: 0.8 }).addTo(group);
      }
    });
    all.forEach((p, i) => {
      const movable = draggable && String(p.id) === String(draggable);
      const marker = L.marker([p.lat, p.lon], {
        icon: pinIcon(p),
        // pins close together overlap: the earlier stop lies on top, a stop already done underneath
        zIndexOffset: movable ? 10000 : (p.done ? -5000 : 0) - i * 10,
        draggable: !!movable,
        title: p.title || "",
        alt: p.title || "",
        keyboard: true,
        autoPan: true,
      });
      marker.on("click", () => handlers.current.onPick && handlers.current.onPick(String(p.id)));
      if (movable) {
        marker.on("dragend", () => {
          const at = marker.getLatLng();
          if (handlers.current.onMove) handlers.current.onMove(String(p.id), at.lat, at.lng);
        });
      }
      marker.addTo(group);
      const el = marker.getElement();
      if (el) {
        el.setAttribute("data-marker-id", String(p.id));
        el.classList.add("map-marker");
        if (movable) el.classList.add("map-marker-movable");
      }
      bounds.push([p.lat, p.lon]);
    });
    // fit the view when the set of pins changes, not when one of them is dragged or re-coloured
    const ids = all.map((p) => String(p.id));
    if (!sameIds(ids, shown.current) && bounds.length) {
      fitted.current = bounds;
      fit(m, bounds);
    }
    shown.current = ids;
  }, [markers, lines, draggable]);

  return (
    <div
      ref={box}
      id={id}
      className="visitapp-map"
      data-tiles={tiles ? "on" : "off"}
      style={{ width: "100%", height: height || "320px", borderRadius: 8, overflow: "hidden", zIndex: 0 }}
    />
  );
}

// react-signature-canvas is CommonJS only; importing it here (an ES module the bundler converts) and
// re-exporting a small function component keeps the prod build working (see ENGINEERING.md).
//
// The pad takes the width of its container (a phone held upright or a tablet on its side) and a height in
// proportion; it is drawn at the screen's pixel density so strokes stay sharp. When the width changes
// (the phone turns), what was drawn is kept and redrawn at the new size.
import { useRef, useEffect, useState } from "react";
import SignatureCanvasModule from "react-signature-canvas";

// the CommonJS build arrives as {default: Component} after interop in the prod bundle
const SignatureCanvas = SignatureCanvasModule.default || SignatureCanvasModule;

function padHeight(width, minHeight, maxHeight) {
  return Math.round(Math.min(maxHeight, Math.max(minHeight, width * 0.5)));
}

export function SignaturePad({ onEnd, clearSignal, penColor, minHeight, maxHeight }) {
  const ref = useRef(null);
  const box = useRef(null);
  const [width, setWidth] = useState(0);
  const lo = minHeight || 160;
  const hi = maxHeight || 260;

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth((old) => (Math.abs(old - w) >= 1 ? w : old));
    };
    measure();
    if (typeof ResizeObserver === "undefined") {
      window.addEventListener("resize", measure);
      return () => window.removeEventListener("resize", measure);
    }
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // size the drawing surface in device pixels; keep the strokes across a resize
  useEffect(() => {
    const pad = ref.current;
    if (!pad || !width) return;
    const canvas = pad.getCanvas();
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const height = padHeight(width, lo, hi);
    const strokes = pad.isEmpty() ? null : pad.toData();
    canvas.width = Math.floor(width * ratio);
    canvas.height = Math.floor(height * ratio);
    canvas.style.width = width + "px";
    canvas.style.height = height + "px";
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    if (strokes) pad.fromData(strokes);
  }, [width, lo, hi]);

  useEffect(() => {
    if (ref.current && clearSignal) {
      ref.current.clear();
    }
  }, [clearSignal]);

  return (
    <div ref={box} className="signature-box" style={{ width: "100%" }}>
      <SignatureCanvas
        ref={ref}
        penColor={penColor || "#111827"}
        clearOnResize={false}
        canvasProps={{
          id: "signature-canvas",
          className: "signature-canvas",
          style: {
            display: "block",
            width: "100%",
            height: padHeight(width || 320, lo, hi) + "px",
            border: "1px solid #9ca3af",
            borderRadius: 8,
            background: "#fff",
            touchAction: "none",
          },
        }}
        onEnd={() => {
          if (onEnd && ref.current) onEnd(ref.current.isEmpty() ? "" : ref.current.toDataURL("image/png"));
        }}
      />
    </div>
  );
}

// react-signature-canvas is CommonJS only; importing it here (an ES module the bundler converts) and
// re-exporting a small function component keeps the prod build working (see ENGINEERING.md).
import { useRef, useEffect } from "react";
import SignatureCanvasModule from "react-signature-canvas";

// the CommonJS build arrives as {default: Component} after interop in the prod bundle
const SignatureCanvas = SignatureCanvasModule.default || SignatureCanvasModule;

export function SignaturePad({ onEnd, onClear, clearSignal, width, height, penColor }) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current && clearSignal) {
      ref.current.clear();
    }
  }, [clearSignal]);
  return (
    <SignatureCanvas
      ref={ref}
      penColor={penColor || "#111827"}
      canvasProps={{
        width: width || 340,
        height: height || 180,
        id: "signature-canvas",
        className: "signature-canvas",
        style: { border: "1px solid #9ca3af", borderRadius: 8, background: "#fff", touchAction: "none", maxWidth: "100%" },
      }}
      onEnd={() => {
        if (onEnd && ref.current) onEnd(ref.current.isEmpty() ? "" : ref.current.toDataURL("image/png"));
      }}
    />
  );
}

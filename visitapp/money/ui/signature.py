"""The debtor's signature on the agent's screen: react-signature-canvas through a local ES-module shim
(`assets/signature_pad.jsx`), because the package is CommonJS only and breaks the prod build when
imported directly. The pad is as wide as its container, with a height in proportion (`min_height` to
`max_height` px); `on_end` receives a PNG data URL ("" when the pad is empty)."""

from __future__ import annotations

import reflex as rx


class SignaturePad(rx.NoSSRComponent):
    library = "$/public/signature_pad.jsx"
    lib_dependencies: list[str] = ["react-signature-canvas@1.0.7"]
    tag = "SignaturePad"

    min_height: rx.Var[int]
    max_height: rx.Var[int]
    clear_signal: rx.Var[int]
    on_end: rx.EventHandler[lambda data_url: [data_url]]


signature_pad = SignaturePad.create

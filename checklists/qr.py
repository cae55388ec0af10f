"""The short link as a QR code, drawn on the server as inline SVG (no image request)."""

import io

import segno


def svg(url: str) -> str:
    code = segno.make(url, error="m")
    out = io.BytesIO()
    # Dark on light with a quiet zone: phones read it from a projector.
    code.save(out, kind="svg", scale=8, border=2, xmldecl=False, svgns=True, title="QR-code")
    return out.getvalue().decode()

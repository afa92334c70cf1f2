import CPoppler
import Foundation

/// An 8-bit grey raster of one PDF page, one byte per pixel, rows packed (`width` bytes each),
/// 0 = black and 255 = white.
struct PageImage {
    var width: Int
    var height: Int
    /// Pixels per inch of the raster (the page's points × `dpi` / 72).
    var dpi: Int
    var pixels: [UInt8]
}

/// Renders PDF pages with poppler onto a cairo image surface, for OCR.
///
/// The page is painted white first (PDF pages are transparent), then drawn by
/// `poppler_page_render` at `dpi / 72` device pixels per point. The scale is lowered so that
/// `width × height ≤ maxPixels`, and each side is kept under cairo's 32,767-pixel limit, so a
/// page with an absurd media box cannot exhaust memory: the peak is about 5 bytes per pixel
/// (the 32-bit surface plus the grey copy). Colour becomes grey as
/// `(77 R + 150 G + 29 B) / 256` (ITU-R BT.601 weights), so near-white text stays invisible to
/// OCR just as it is to a reader.
enum PageRenderer {
    static let maxSide = 32_000

    /// The raster size for a page of `widthPoints × heightPoints`: (pixels wide, high, effective
    /// dpi), or nil for an empty or non-finite page size.
    static func rasterSize(widthPoints w: Double, heightPoints h: Double, dpi: Double, maxPixels: Int) -> (Int, Int, Int)? {
        guard w.isFinite, h.isFinite, w >= 1, h >= 1, dpi > 0, maxPixels > 0 else { return nil }
        var scale = dpi / 72
        let pixels = w * scale * h * scale
        if pixels > Double(maxPixels) { scale *= (Double(maxPixels) / pixels).squareRoot() }
        scale = min(scale, Double(maxSide) / w, Double(maxSide) / h)
        let pw = max(1, Int((w * scale).rounded(.down))), ph = max(1, Int((h * scale).rounded(.down)))
        return (pw, ph, max(1, Int((scale * 72).rounded())))
    }

    /// Renders `page`; nil when the page size is unusable or cairo cannot allocate the surface.
    static func render(_ page: OpaquePointer, dpi: Double, maxPixels: Int) -> PageImage? {
        var w = 0.0, h = 0.0
        poppler_page_get_size(page, &w, &h)
        guard let (pw, ph, effectiveDPI) = rasterSize(widthPoints: w, heightPoints: h, dpi: dpi, maxPixels: maxPixels) else { return nil }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pw), Int32(ph)) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else { return nil }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let scale = Double(pw) / w
        cairo_scale(cr, scale, scale)
        poppler_page_render(page, cr)
        let ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        guard ok, let base = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        var grey = [UInt8](repeating: 255, count: pw * ph)
        grey.withUnsafeMutableBufferPointer { out in
            for y in 0..<ph {
                // RGB24: one native-endian 32-bit word per pixel, 0x00RRGGBB.
                let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                let o = y * pw
                for x in 0..<pw {
                    let p = row[x]
                    let r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF
                    out[o + x] = UInt8(truncatingIfNeeded: (77 &* r &+ 150 &* g &+ 29 &* b) >> 8)
                }
            }
        }
        return PageImage(width: pw, height: ph, dpi: effectiveDPI, pixels: grey)
    }
}

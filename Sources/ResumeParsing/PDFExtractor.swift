import CPoppler
import Foundation
import ScreenerCore

/// Extracts visible text from a PDF in reading order with poppler-glib, in process.
///
/// Per page it reads the characters (`poppler_page_get_text`), their boxes
/// (`poppler_page_get_text_layout`) and their font size and colour
/// (`poppler_page_get_text_attributes`). A character is hidden when its colour is near white
/// (every RGB channel ≥ 0.9), its font size is under 4 pt, or its box lies outside the page.
/// Visible characters are grouped into line segments (split at horizontal gaps wider than
/// 2 × font size), segments are assigned to columns by ``LayoutColumns`` and each column is read
/// top to bottom, so a sidebar never interleaves with the main column.
struct PDFExtractor {
    var configuration: ParserConfiguration

    func extract(_ data: Data) throws -> ExtractedDocument {
        let (pages, hidden) = try extractPages(data)
        return ExtractedDocument(text: pages.joined(separator: "\n\n"), hiddenText: hidden, pages: pages.count, format: .pdf)
    }

    /// The visible text of each page, in page order, and the hidden runs of all pages.
    func extractPages(_ data: Data) throws -> (pages: [String], hidden: [String]) {
        let doc = try Self.open(data)
        defer { g_object_unref(UnsafeMutableRawPointer(doc)) }
        let pageCount = Int(poppler_document_get_n_pages(doc))
        guard pageCount <= configuration.maxPages else {
            throw ScreenerError(.payloadTooLarge, "PDF has \(pageCount) pages; the limit is \(configuration.maxPages)")
        }
        var pagesText: [String] = []
        var hidden: [String] = []
        for i in 0..<pageCount {
            guard let page = poppler_document_get_page(doc, Int32(i)) else { pagesText.append(""); continue }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            let (text, hid) = extractPage(page)
            pagesText.append(text)
            hidden.append(contentsOf: hid)
        }
        return (pagesText, hidden)
    }

    /// Opens a PDF from memory (an owner password alone does not stop it); the caller unrefs
    /// the document. Throws `encrypted` for a user password, else `parse_failed`.
    static func open(_ data: Data) throws -> OpaquePointer {
        _ = globalParamsHolder
        var error: UnsafeMutablePointer<GError>?
        let bytes = data.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(bytes) }
        guard let doc = poppler_document_new_from_bytes(bytes, nil, &error) else {
            let code = error?.pointee.code ?? -1
            if let error { g_error_free(error) }
            if code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw ScreenerError(.encrypted, "PDF needs a user password to open")
            }
            throw ScreenerError.parseFailed("PDF could not be opened (poppler error \(code))")
        }
        return doc
    }

    /// poppler-glib builds its GlobalParams (built-in font and encoding tables, font and CMap
    /// directories) when the first document opens and tears them down when the last one is
    /// freed, so without a document held open every PDF paid for that set-up and tear-down
    /// (about a tenth of extraction time). This one-page document stays open for the life of
    /// the process; it holds no resume data.
    nonisolated(unsafe) static let globalParamsHolder: OpaquePointer? = {
        let pdf = Data(minimalPDF.utf8)
        let bytes = pdf.withUnsafeBytes { raw in g_bytes_new(raw.baseAddress, gsize(raw.count)) }
        defer { g_bytes_unref(bytes) }
        return poppler_document_new_from_bytes(bytes, nil, nil)
    }()

    /// An empty one-page PDF (for ``globalParamsHolder``).
    static let minimalPDF: String = {
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(repeating: "0", count: 10 - String(o).count) + "\(o) 00000 n \n" }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out
    }()

    private func extractPage(_ page: OpaquePointer) -> (String, [String]) {
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard let cText = poppler_page_get_text(page) else { return ("", []) }
        let text = String(cString: cText)
        g_free(cText)
        let scalars = Array(text.unicodeScalars)
        var rects: UnsafeMutablePointer<PopplerRectangle>?
        var nRects: guint = 0
        guard poppler_page_get_text_layout(page, &rects, &nRects) != 0, let rects, Int(nRects) == scalars.count else {
            if let rects { g_free(rects) }
            return (text, [])
        }
        defer { g_free(rects) }
        var sizes = [Double](repeating: 12, count: scalars.count)
        var white = [Bool](repeating: false, count: scalars.count)
        if let attrs = poppler_page_get_text_attributes(page) {
            var node: UnsafeMutablePointer<GList>? = attrs
            while let n = node {
                if let a = n.pointee.data?.assumingMemoryBound(to: PopplerTextAttributes.self) {
                    let lo = max(0, Int(a.pointee.start_index)), hi = min(scalars.count - 1, Int(a.pointee.end_index))
                    if lo <= hi {
                        let c = a.pointee.color
                        let isWhite = Double(c.red) / 65535 >= 0.9 && Double(c.green) / 65535 >= 0.9 && Double(c.blue) / 65535 >= 0.9
                        for k in lo...hi {
                            sizes[k] = a.pointee.font_size
                            white[k] = isWhite
                        }
                    }
                }
                node = n.pointee.next
            }
            poppler_page_free_text_attributes(attrs)
        }
        // Build line segments. A segment is kept as its UTF-8 bytes (every white-space glyph as one
        // space) and the box of its ink glyphs, not as an array of glyphs.
        var segments: [LayoutColumns.Segment] = []
        var hiddenRuns: [String] = []
        var segBytes: [UInt8] = []
        var ink = false
        var bx0 = Double.infinity, by0 = Double.infinity, bx1 = -Double.infinity, by1 = -Double.infinity
        // The last ink glyph of the current segment: its right edge, vertical centre.
        var lastX1 = 0.0, lastMidY = 0.0
        var hiddenRun = String.UnicodeScalarView()
        func flushHidden() {
            // Called before every visible glyph: most calls have nothing to flush.
            guard !hiddenRun.isEmpty else { return }
            let s = String(hiddenRun).trimmingCharacters(fast: .whitespacesAndNewlines)
            if !s.isEmpty { hiddenRuns.append(s) }
            hiddenRun = String.UnicodeScalarView()
        }
        func flushSegment() {
            if ink {
                // Spaces before the first and after the last ink glyph are dropped.
                var lo = 0, hi = segBytes.count
                while segBytes[lo] == 0x20 { lo += 1 }
                while segBytes[hi - 1] == 0x20 { hi -= 1 }
                if bx0.isFinite {  // not when every box was NaN
                    let text = String(decoding: segBytes[lo..<hi], as: UTF8.self)
                    segments.append(LayoutColumns.Segment(text: text, x0: bx0, y0: by0, x1: bx1, y1: by1))
                }
                bx0 = .infinity; by0 = .infinity; bx1 = -.infinity; by1 = -.infinity
                ink = false
            }
            segBytes.removeAll(keepingCapacity: true)
        }
        for (i, s) in scalars.enumerated() {
            if s == "\n" {
                flushSegment(); flushHidden(); continue
            }
            let r = rects[i]
            let x0 = min(r.x1, r.x2), x1 = max(r.x1, r.x2), y0 = min(r.y1, r.y2), y1 = max(r.y1, r.y2)
            let offPage = x1 <= 0 || y1 <= 0 || x0 >= width || y0 >= height
            let isSpaceGlyph = isSpace(s)
            let hiddenGlyph = !isSpaceGlyph && (white[i] || sizes[i] < 4 || offPage)
            if hiddenGlyph {
                hiddenRun.append(s)
                continue
            }
            if isSpaceGlyph {
                if !hiddenRun.isEmpty { hiddenRun.append(" ") }
                segBytes.append(0x20)
                continue
            }
            flushHidden()
            let midY = (y0 + y1) / 2
            if ink {
                let gap = x0 - lastX1
                let size = max(sizes[i], 1)
                let sameRow = abs(midY - lastMidY) < size * 0.8
                if gap > 2.0 * size || gap < -size * 3 || !sameRow { flushSegment() }
            }
            if s.value < 0x80 {
                segBytes.append(UInt8(s.value))
            } else {
                segBytes.append(contentsOf: s.utf8)
            }
            ink = true
            bx0 = min(bx0, x0); bx1 = max(bx1, x1); by0 = min(by0, y0); by1 = max(by1, y1)
            lastX1 = x1
            lastMidY = midY
        }
        flushSegment(); flushHidden()
        return (LayoutColumns.order(segments, pageWidth: width), hiddenRuns)
    }
}

/// Whitespace test with an ASCII fast path (Unicode properties are slow to query per glyph).
@inline(__always) func isSpace(_ s: Unicode.Scalar) -> Bool {
    let v = s.value
    if v < 128 { return v == 32 || v == 9 || v == 10 || v == 13 || v == 12 }
    return s.properties.isWhitespace
}

import CPoppler
import Foundation

/// Builds scanned-style, image-only PDFs at test time, so no binary fixture is committed.
///
/// How a page is made: the lines are drawn with cairo's text API (DejaVu Sans, from Debian
/// `fonts-dejavu-core`) onto an 8-bit raster at `dpi` (default 200, a common scanner setting),
/// turned by `skewDegrees` as a sheet on a flatbed would be, on a slightly grey paper tone with
/// seeded speckle noise. The raster becomes a `/DeviceGray` image XObject
/// (`/RunLengthDecode`) drawn over the whole Letter page; the PDF has no text layer unless
/// `hiddenText` adds a white, invisible run over the scan (a keyword-stuffing trick).
enum ScannedPDFFixture {
    struct Line {
        var text: String
        var size: Double = 11
        var bold = false
        var gapBefore: Double = 0
    }

    static let pageWidth = 612.0, pageHeight = 792.0

    /// A one-page resume whose every field is invented.
    static let resume: [Line] = [
        Line(text: "Priya Natarajan", size: 18, bold: true),
        Line(text: "Data Engineer", size: 12),
        Line(text: "Seattle, WA | priya.natarajan@example.com | (206) 555-0187"),
        Line(text: "EXPERIENCE", size: 12, bold: true, gapBefore: 12),
        Line(text: "Senior Data Engineer", bold: true, gapBefore: 4),
        Line(text: "Cascade Analytics Inc., Seattle, WA      Jan 2020 - Present"),
        Line(text: "- Built streaming pipelines in Python and Apache Kafka on AWS."),
        Line(text: "- Cut nightly batch run time by 35% with Apache Spark."),
        Line(text: "Data Engineer", bold: true, gapBefore: 6),
        Line(text: "Rainier Logistics LLC, Tacoma, WA      Jun 2016 - Dec 2019"),
        Line(text: "- Wrote SQL reporting jobs on PostgreSQL and Airflow DAGs."),
        Line(text: "EDUCATION", size: 12, bold: true, gapBefore: 12),
        Line(text: "Master of Science in Computer Science, University of Washington, 2014 - 2016"),
        Line(text: "SKILLS", size: 12, bold: true, gapBefore: 12),
        Line(text: "Python, SQL, Apache Kafka, Apache Spark, PostgreSQL, AWS, Docker, Airflow"),
    ]

    static func pdf(pages: [[Line]], dpi: Double = 200, skewDegrees: Double = 0.4, seed: UInt64 = 7, hiddenText: String? = nil) -> Data {
        var rng = SplitMix64(state: seed)
        let images = pages.map { raster($0, dpi: dpi, skewDegrees: skewDegrees, rng: &rng) }
        return wrap(images, hiddenText: hiddenText)
    }

    /// Draws the lines and returns (width, height, grey pixels).
    static func raster(_ lines: [Line], dpi: Double, skewDegrees: Double, rng: inout SplitMix64) -> (Int, Int, [UInt8]) {
        let scale = dpi / 72
        let w = Int(pageWidth * scale), h = Int(pageHeight * scale)
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))!
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 0.96, 0.96, 0.95)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        cairo_translate(cr, pageWidth / 2, pageHeight / 2)
        cairo_rotate(cr, skewDegrees * .pi / 180)
        cairo_translate(cr, -pageWidth / 2, -pageHeight / 2)
        cairo_set_source_rgb(cr, 0.08, 0.08, 0.1)
        var y = 72.0
        for line in lines {
            y += line.gapBefore + line.size * 1.35
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, line.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, line.size)
            cairo_move_to(cr, 60, y)
            cairo_show_text(cr, line.text)
        }
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        let base = cairo_image_surface_get_data(surface)!
        let stride = Int(cairo_image_surface_get_stride(surface))
        var grey = [UInt8](repeating: 0, count: w * h)
        grey.withUnsafeMutableBufferPointer { out in
            for yy in 0..<h {
                let row = UnsafeRawPointer(base + yy * stride).assumingMemoryBound(to: UInt32.self)
                for xx in 0..<w { out[yy * w + xx] = UInt8(truncatingIfNeeded: (row[xx] >> 8) & 0xFF) }
            }
        }
        // Speckles: about one pixel in 4,000 turns dark grey.
        for _ in 0..<(w * h / 4000) {
            grey[Int(rng.next() % UInt64(w * h))] = UInt8(60 + rng.next() % 80)
        }
        return (w, h, grey)
    }

    /// PDF RunLengthDecode: a length byte 0…127 copies the next n+1 bytes; 129…255 repeats the
    /// next byte 257−n times; 128 ends the data.
    static func runLength(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 8)
        var i = 0
        let n = bytes.count
        while i < n {
            var run = 1
            while i + run < n, run < 128, bytes[i + run] == bytes[i] { run += 1 }
            if run >= 2 {
                out.append(UInt8(257 - run)); out.append(bytes[i]); i += run
            } else {
                var j = i
                while j < n, j - i < 128, !(j + 1 < n && bytes[j + 1] == bytes[j]) { j += 1 }
                if j == i { j = i + 1 }
                out.append(UInt8(j - i - 1)); out.append(contentsOf: bytes[i..<j]); i = j
            }
        }
        out.append(128)
        return out
    }

    static func wrap(_ images: [(Int, Int, [UInt8])], hiddenText: String?) -> Data {
        var objects: [Data] = []
        func add(_ d: Data) -> Int { objects.append(d); return objects.count }
        func obj(_ s: String) -> Data { Data(s.utf8) }
        _ = add(Data())  // 1: catalog, filled in below
        _ = add(Data())  // 2: pages
        let font = add(obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
        var kids: [Int] = []
        for (w, h, px) in images {
            let rle = runLength(px)
            var img = obj("<< /Type /XObject /Subtype /Image /Width \(w) /Height \(h) /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /RunLengthDecode /Length \(rle.count) >>\nstream\n")
            img.append(contentsOf: rle)
            img.append(obj("\nendstream"))
            let image = add(img)
            var content = "q \(pageWidth) 0 0 \(pageHeight) 0 0 cm /Im0 Do Q\n"
            if let hiddenText {
                let escaped = hiddenText.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
                content += "BT 1 1 1 rg /F1 9 Tf 60 40 Td (\(escaped)) Tj ET\n"
            }
            let contents = add(obj("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream"))
            kids.append(add(obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(pageWidth) \(pageHeight)] /Resources << /XObject << /Im0 \(image) 0 R >> /Font << /F1 \(font) 0 R >> >> /Contents \(contents) 0 R >>")))
        }
        objects[0] = obj("<< /Type /Catalog /Pages 2 0 R >>")
        objects[1] = obj("<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        var out = obj("%PDF-1.4\n")
        out.append(contentsOf: [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.count)
            out.append(obj("\(i + 1) 0 obj\n"))
            out.append(o)
            out.append(obj("\nendobj\n"))
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for off in offsets { table += String(format: "%010d 00000 n \n", off) }
        out.append(obj(table + "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"))
        return out
    }
}

import CPoppler
import Foundation
@testable import ResumeParsing
import ScreenerCore
import Testing

/// OCR against ground truth: real livecareer resumes (`../shared/data/livecareer-sample`) are
/// rasterised at 200 dpi (poppler), wrapped as image-only PDFs, OCRed, and compared with the
/// parse of their own text layer. Skips when the shared data is absent.
@Suite("OCR of rasterised real resumes")
struct OCRRealDocumentTests {
    /// The first PDF (by name) of these categories: a fixed, varied sample of 1–2-page resumes
    /// (6 pages in all, to keep the suite's OCR time down).
    static let categories = ["BANKING", "CHEF", "ENGINEERING", "INFORMATION-TECHNOLOGY"]

    static func rasterised(_ data: Data, dpi: Double = 200) throws -> Data {
        let doc = try PDFExtractor.open(data)
        defer { g_object_unref(UnsafeMutableRawPointer(doc)) }
        var images: [(Int, Int, [UInt8])] = []
        for i in 0..<Int(poppler_document_get_n_pages(doc)) {
            guard let page = poppler_document_get_page(doc, Int32(i)) else { continue }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            if let img = PageRenderer.render(page, dpi: dpi, maxPixels: 4_000_000) { images.append((img.width, img.height, img.pixels)) }
        }
        return ScannedPDFFixture.wrap(images, hiddenText: nil)
    }

    @Test("OCR recovers the email, most skills and the work entries that the text layer gives")
    func agreesWithTextLayer() throws {
        guard let shared = TestPaths.sharedData else {
            print("SKIP: ../shared/data is absent; OCR agreement not measured")
            return
        }
        let root = shared.appendingPathComponent("livecareer-sample")
        // A generous OCR budget: this measures recognition, not the time limit (a debug build
        // sharing 2 cores with the rest of the suite).
        let parser = TestPaths.parser(.init(ocrTimeBudgetSeconds: 120))
        var emails = 0, emailTotal = 0, workClose = 0, docs = 0
        var skillRecall: [Double] = []
        for category in Self.categories {
            let dir = root.appendingPathComponent(category)
            guard let name = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasSuffix(".pdf") }).sorted().first else { continue }
            let original = try Data(contentsOf: dir.appendingPathComponent(name))
            // Given the text-layer parse as the reference
            let reference = try parser.parse(data: original, fileName: name)
            // When the same pages, as images only, are OCRed
            let scan = try Self.rasterised(original)
            #expect(try PDFExtractor(configuration: .init()).extractPages(scan).pages.allSatisfy { $0.isEmpty })
            let ocr = try parser.parse(data: scan, fileName: name)
            #expect(ocr.meta.ocr)
            #expect(!ocr.warnings.contains("ocr_incomplete"))
            docs += 1
            if let e = reference.basics.email {
                emailTotal += 1
                if ocr.basics.email == e { emails += 1 }
            }
            let want = Set(reference.skills.map(\.name)), got = Set(ocr.skills.map(\.name))
            if !want.isEmpty { skillRecall.append(Double(want.intersection(got).count) / Double(want.count)) }
            if abs(reference.work.count - ocr.work.count) <= 1 { workClose += 1 }
        }
        let meanRecall = skillRecall.isEmpty ? 0 : skillRecall.reduce(0, +) / Double(skillRecall.count)
        print("OCR vs text layer on \(docs) livecareer PDFs: email \(emails)/\(emailTotal), skill recall \(String(format: "%.2f", meanRecall)) (per document \(skillRecall.map { String(format: "%.2f", $0) })), work count within 1: \(workClose)/\(docs)")
        // Then (thresholds set below the measured figures, to allow for OCR noise only)
        #expect(docs == Self.categories.count)
        #expect(emails == emailTotal)  // livecareer resumes are anonymised: usually no email at all
        #expect(meanRecall >= 0.9)  // measured 0.99 (2026-11-29)
        #expect(workClose >= docs - 1)
    }
}

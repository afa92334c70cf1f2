import CPoppler
import Foundation
import ScreenerCore

extension ResumeParser {
    /// Visible text of a PDF: its text layer, or OCR where the PDF looks scanned.
    ///
    /// A PDF looks scanned when its visible text layer has fewer than
    /// `minCharactersPerPage × pages` non-space characters (hidden text does not count). Then,
    /// with `ocrEnabled` and `<ocrLanguage>.traineddata` present, each of the first
    /// `ocrMaxPages` pages whose own text layer is under `minCharactersPerPage` is rendered
    /// (``PageRenderer``) and read by tesseract (``TesseractOCR``); pages with a text layer keep
    /// it. OCR stops starting pages, and tesseract stops recognising, when
    /// `ocrTimeBudgetSeconds` has passed (warning `ocr_incomplete`). Scanned pages beyond the cap
    /// are skipped (warning `ocr_pages_skipped:<n>`).
    ///
    /// The result still has to clear the same bar, `minCharactersPerPage × pages read`, or the
    /// document fails `needs_ocr`: a blank or unreadable scan is never structured or scored.
    /// Hidden runs of the text layer (white text laid over a scan, for instance) stay hidden;
    /// OCR only sees what the page shows.
    func extractPDF(_ data: Data) throws -> ExtractedDocument {
        let (layer, hidden) = try PDFExtractor(configuration: configuration).extractPages(data)
        let pageCount = layer.count
        let counts = layer.map(Self.visibleCount)
        let visible = counts.reduce(0, +)
        let minChars = configuration.minCharactersPerPage
        if visible >= minChars * max(pageCount, 1) {
            return ExtractedDocument(text: layer.joined(separator: "\n\n"), hiddenText: hidden, pages: pageCount, format: .pdf)
        }
        let scanned = "PDF has too little text for its \(pageCount) page(s) (\(visible) characters); it looks scanned"
        guard configuration.ocrEnabled else {
            throw ScreenerError(.needsOCR, "\(scanned) and OCR is disabled")
        }
        guard let dataPath = TesseractOCR.locateData(configured: configuration.tessdataPath, language: configuration.ocrLanguage) else {
            throw ScreenerError(.needsOCR, "\(scanned) and OCR is unavailable: no \(configuration.ocrLanguage).traineddata (install tesseract-ocr-eng or set parsing.tessdataPath)")
        }
        let thin = (0..<pageCount).filter { counts[$0] < minChars }
        let toRead = thin.filter { $0 < configuration.ocrMaxPages }
        let skipped = thin.count - toRead.count
        let run = try ocrPages(data, pages: toRead, dataPath: dataPath)

        var pages = layer
        for (i, text) in run.text { pages[i] = text }
        var warnings: [String] = []
        if run.incomplete { warnings.append("ocr_incomplete") }
        if skipped > 0 { warnings.append("ocr_pages_skipped:\(skipped)") }
        let pagesRead = (pageCount - thin.count) + run.text.count
        let text = pages.joined(separator: "\n\n")
        let recovered = Self.visibleCount(text)
        if run.text.isEmpty || recovered < minChars * max(pagesRead, 1) {
            let why = run.incomplete
                ? "the OCR time budget of \(configuration.ocrTimeBudgetSeconds) s ran out after \(run.text.count) of \(toRead.count) page(s)"
                : "OCR of \(run.text.count) page(s) left \(recovered) characters; the scan may be blank or unreadable"
            throw ScreenerError(.needsOCR, "\(scanned), and \(why)")
        }
        return ExtractedDocument(text: text, hiddenText: hidden, pages: pageCount, format: .pdf, ocr: true, warnings: warnings)
    }

    /// OCR of the given pages (0-based), within the time budget: the text per page read, and
    /// whether the budget stopped it.
    private func ocrPages(_ data: Data, pages: [Int], dataPath: String) throws -> (text: [Int: String], incomplete: Bool) {
        guard !pages.isEmpty else { return ([:], false) }
        let start = DispatchTime.now().uptimeNanoseconds
        let budgetMS = Int(max(0, configuration.ocrTimeBudgetSeconds) * 1000)
        func remainingMS() -> Int { budgetMS - Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) }
        let doc = try PDFExtractor.open(data)
        defer { g_object_unref(UnsafeMutableRawPointer(doc)) }
        let engine = try TesseractOCR(dataPath: dataPath, language: configuration.ocrLanguage)
        var out: [Int: String] = [:]
        for i in pages {
            let left = remainingMS()
            guard left > 0 else { return (out, true) }
            guard let page = poppler_document_get_page(doc, Int32(i)) else { continue }
            let image = PageRenderer.render(page, dpi: configuration.ocrDPI, maxPixels: configuration.ocrMaxPixelsPerPage)
            g_object_unref(UnsafeMutableRawPointer(page))
            guard let image else { out[i] = ""; continue }
            let (text, complete) = engine.recognize(image, deadlineMilliseconds: remainingMS())
            out[i] = text
            // Tesseract also reports failure on an empty page; only the clock means "stopped".
            if !complete && remainingMS() <= 0 { return (out, true) }
        }
        return (out, false)
    }

    static func visibleCount(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isSpace($1) ? 0 : 1) }
    }
}

import Foundation

/// Text pulled out of a document before structuring.
public struct ExtractedDocument: Sendable, Equatable {
    /// Visible text in reading order, lines separated by `\n`.
    public var text: String
    /// Text a reader cannot see (white or near-white, under 4 pt, off the page, `w:vanish`,
    /// `display:none`…), one entry per run. Never scored.
    public var hiddenText: [String]
    /// Page count where the format has pages (PDF), else nil.
    public var pages: Int?
    public var format: DocumentFormat
    /// True when some of `text` was read by OCR from page images.
    public var ocr: Bool
    /// Warnings from extraction (`ocr_incomplete`, `ocr_pages_skipped:<n>`), added to the
    /// parsed resume's warnings.
    public var warnings: [String]

    public init(text: String, hiddenText: [String] = [], pages: Int? = nil, format: DocumentFormat, ocr: Bool = false, warnings: [String] = []) {
        self.text = text
        self.hiddenText = hiddenText
        self.pages = pages
        self.format = format
        self.ocr = ocr
        self.warnings = warnings
    }
}

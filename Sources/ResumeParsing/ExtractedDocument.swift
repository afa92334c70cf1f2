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

    public init(text: String, hiddenText: [String] = [], pages: Int? = nil, format: DocumentFormat) {
        self.text = text
        self.hiddenText = hiddenText
        self.pages = pages
        self.format = format
    }
}

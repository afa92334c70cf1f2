import Foundation

/// Limits and switches for ``ResumeParser``. Configuration is data: every field has a safe default.
public struct ParserConfiguration: Sendable, Equatable {
    /// Largest accepted input in bytes (default 10 MiB). Larger input fails `payload_too_large`.
    public var maxBytes: Int
    /// Most pages read from a PDF (default 30). More pages fail `payload_too_large`.
    public var maxPages: Int
    /// Zip guards for DOCX and ODT.
    public var maxZipEntries: Int
    /// Sum of the uncompressed sizes of the parts that are read (default 64 MiB).
    public var maxZipUncompressedBytes: Int
    /// Largest uncompressed/compressed ratio for any part larger than 64 KiB (default 200).
    public var maxZipCompressionRatio: Double
    /// Largest XML part or XML upload handed to libxml2 (default 16 MiB).
    public var maxXMLBytes: Int
    /// Deepest element nesting accepted in XML and HTML trees (default 256).
    public var maxXMLDepth: Int
    /// Whether scanned PDFs may be OCRed. OCR is not built in yet, so a PDF without a text
    /// layer fails `needs_ocr` either way; the switch is kept so callers can state intent.
    public var ocrEnabled: Bool
    /// A PDF whose visible text averages fewer characters than this per page is treated as
    /// scanned (default 40).
    public var minCharactersPerPage: Int
    /// Longest visible text (Unicode scalars) that is kept and structured (default 200,000,
    /// about 100 pages); longer text is cut and the resume gets the warning `text_truncated`.
    public var maxTextCharacters: Int
    /// ISO 3166 alpha-2 region used to normalise national phone numbers when the resume gives no
    /// country cue (nil: leave such numbers unnormalised).
    public var defaultPhoneRegion: String?

    public init(
        maxBytes: Int = 10 * 1024 * 1024,
        maxPages: Int = 30,
        maxZipEntries: Int = 2_000,
        maxZipUncompressedBytes: Int = 64 * 1024 * 1024,
        maxZipCompressionRatio: Double = 200,
        maxXMLBytes: Int = 16 * 1024 * 1024,
        maxXMLDepth: Int = 256,
        ocrEnabled: Bool = false,
        minCharactersPerPage: Int = 40,
        maxTextCharacters: Int = 200_000,
        defaultPhoneRegion: String? = nil
    ) {
        self.maxBytes = maxBytes
        self.maxPages = maxPages
        self.maxZipEntries = maxZipEntries
        self.maxZipUncompressedBytes = maxZipUncompressedBytes
        self.maxZipCompressionRatio = maxZipCompressionRatio
        self.maxXMLBytes = maxXMLBytes
        self.maxXMLDepth = maxXMLDepth
        self.ocrEnabled = ocrEnabled
        self.minCharactersPerPage = minCharactersPerPage
        self.maxTextCharacters = maxTextCharacters
        self.defaultPhoneRegion = defaultPhoneRegion
    }
}

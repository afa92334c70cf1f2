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
    /// Whether scanned PDFs are OCRed with tesseract (default true). Off, or on without
    /// `<ocrLanguage>.traineddata`, a scanned PDF fails `needs_ocr`.
    public var ocrEnabled: Bool
    /// A PDF whose visible text averages fewer characters than this per page is treated as
    /// scanned (default 40). After OCR the same bar applies to the pages read: below it, the
    /// document still fails `needs_ocr` and is never scored.
    public var minCharactersPerPage: Int
    /// Longest visible text (Unicode scalars) that is kept and structured (default 200,000,
    /// about 100 pages); longer text is cut and the resume gets the warning `text_truncated`.
    public var maxTextCharacters: Int
    /// ISO 3166 alpha-2 region used to normalise national phone numbers when the resume gives no
    /// country cue (nil: leave such numbers unnormalised).
    public var defaultPhoneRegion: String?
    /// Most pages OCRed per document, counted from the first page (default 5). Scanned pages
    /// after them are skipped with the warning `ocr_pages_skipped:<n>`.
    public var ocrMaxPages: Int
    /// Wall-clock seconds OCR may spend on one document, tesseract start-up included
    /// (default 10). The parse-worker pool lowers it to fit its own deadline. When it runs
    /// out, the pages read so far are kept with the warning `ocr_incomplete`.
    public var ocrTimeBudgetSeconds: Double
    /// Rendering resolution for OCR (default 300 dpi).
    public var ocrDPI: Double
    /// Largest page raster in pixels (default 12,000,000: A4 or Letter at 300 dpi fit); larger
    /// or oddly sized pages are rendered at a lower resolution. About 5 bytes per pixel are held
    /// while a page renders.
    public var ocrMaxPixelsPerPage: Int
    /// Folder holding `<ocrLanguage>.traineddata`. Nil: `TESSDATA_PREFIX`, then Debian's
    /// `/usr/share/tesseract-ocr/5/tessdata` and the other standard places.
    public var tessdataPath: String?
    /// Tesseract language(s), e.g. `eng` or `eng+deu` (default `eng`, Debian `tesseract-ocr-eng`).
    public var ocrLanguage: String

    public init(
        maxBytes: Int = 10 * 1024 * 1024,
        maxPages: Int = 30,
        maxZipEntries: Int = 2_000,
        maxZipUncompressedBytes: Int = 64 * 1024 * 1024,
        maxZipCompressionRatio: Double = 200,
        maxXMLBytes: Int = 16 * 1024 * 1024,
        maxXMLDepth: Int = 256,
        ocrEnabled: Bool = true,
        minCharactersPerPage: Int = 40,
        maxTextCharacters: Int = 200_000,
        defaultPhoneRegion: String? = nil,
        ocrMaxPages: Int = 5,
        ocrTimeBudgetSeconds: Double = 10,
        ocrDPI: Double = 300,
        ocrMaxPixelsPerPage: Int = 12_000_000,
        tessdataPath: String? = nil,
        ocrLanguage: String = "eng"
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
        self.ocrMaxPages = ocrMaxPages
        self.ocrTimeBudgetSeconds = ocrTimeBudgetSeconds
        self.ocrDPI = ocrDPI
        self.ocrMaxPixelsPerPage = ocrMaxPixelsPerPage
        self.tessdataPath = tessdataPath
        self.ocrLanguage = ocrLanguage
    }
}

import Foundation
import ScreenerCore

/// Turns resume bytes into a ``ParsedResume``.
///
/// `parse` detects the format from the bytes (``FormatDetector``), maps structured formats (JSON
/// Resume, HR Open JSON, HR-XML) field by field, and for documents extracts visible text
/// (``extractText(data:format:)``) and structures it (``ResumeStructurer``). Hidden text is kept
/// out of `text` and reported as `hidden_text` flags.
///
/// Errors (`ScreenerError` codes): `payload_too_large` (size, pages, zip and XML caps),
/// `unsupported_format` (names the format and lists the supported ones; legacy `.doc` suggests
/// PDF or DOCX), `encrypted` (PDF user password), `needs_ocr` (a scanned PDF while OCR is off
/// or unavailable, or whose OCR still leaves too little text), `empty_document` (no visible
/// text), `parse_failed` (damaged input, DOCTYPE in XML…).
///
/// Scanned PDFs are OCRed with tesseract (see ``extractPDF(_:)``); the result has `meta.ocr`
/// set and may carry the warnings `ocr_incomplete` and `ocr_pages_skipped:<n>`.
public struct ResumeParser: Sendable {
    public static let version = "screener-parser/1.0"

    public let configuration: ParserConfiguration
    public let taxonomy: SkillTaxonomy
    public let clock: any ScreenerClock

    public init(configuration: ParserConfiguration = .init(), taxonomy: SkillTaxonomy, clock: any ScreenerClock) {
        self.configuration = configuration
        self.taxonomy = taxonomy
        self.clock = clock
    }

    /// Parses one resume. `fileName` is informational only; the format comes from the bytes.
    public func parse(data: Data, fileName: String? = nil) throws -> ParsedResume {
        try checkSize(data)
        let format = FormatDetector.detect(data)
        let now = clock.now()
        let sha = SHA256Hex.hex(data)
        func meta(_ pages: Int? = nil, ocr: Bool = false) -> ParsedResume.Meta {
            .init(format: format.rawValue, parserVersion: Self.version, pages: pages, ocr: ocr, parsedAt: now, inputSHA256: sha)
        }
        let structurer = ResumeStructurer(taxonomy: taxonomy, now: now, defaultPhoneRegion: configuration.defaultPhoneRegion)
        switch format {
        case .jsonResume:
            return try structurer.finish(JSONResumeMapper.map(data, meta: meta()))
        case .hrOpenJSON:
            return try structurer.finish(HROpenMapper.map(data, meta: meta()))
        case .hrXML:
            let root = try XNode.parseXML(data, maxBytes: configuration.maxXMLBytes, maxDepth: configuration.maxXMLDepth)
            return try structurer.finish(HRXMLMapper.map(root, meta: meta()))
        default:
            var doc = try extractText(data: data, format: format)
            var truncated = false
            if doc.text.unicodeScalars.count > configuration.maxTextCharacters {
                doc.text = String(String.UnicodeScalarView(doc.text.unicodeScalars.prefix(configuration.maxTextCharacters)))
                truncated = true
            }
            var r = structurer.structure(doc, meta: meta(doc.pages, ocr: doc.ocr))
            r.warnings += doc.warnings
            if truncated { r.warnings.append("text_truncated") }
            return r
        }
    }

    /// Extracts visible text (reading order), hidden text and page count, without structuring.
    public func extractText(data: Data, format: DocumentFormat) throws -> ExtractedDocument {
        try checkSize(data)
        var doc: ExtractedDocument
        switch format {
        case .pdf:
            doc = try extractPDF(data)
        case .docx: doc = try DOCXExtractor(configuration: configuration).extract(data)
        case .odt:
            var odt = ODTExtractor(configuration: configuration)
            doc = try odt.extract(data)
        case .html: doc = try HTMLExtractor(configuration: configuration).extract(data)
        case .rtf: doc = try RTFExtractor(configuration: configuration).extract(data)
        case .txt: doc = ExtractedDocument(text: PlainTextDecoder.decode(data), format: .txt)
        case .jsonResume, .hrOpenJSON:
            let base = ParsedResume.Meta(format: format.rawValue, parserVersion: Self.version, parsedAt: clock.now())
            let r = format == .jsonResume ? try JSONResumeMapper.map(data, meta: base) : try HROpenMapper.map(data, meta: base)
            doc = ExtractedDocument(text: r.text, format: format)
        case .hrXML:
            let root = try XNode.parseXML(data, maxBytes: configuration.maxXMLBytes, maxDepth: configuration.maxXMLDepth)
            let r = try HRXMLMapper.map(root, meta: .init(format: format.rawValue, parserVersion: Self.version, parsedAt: clock.now()))
            doc = ExtractedDocument(text: r.text, format: format)
        case .legacyDoc, .image, .otherZip, .otherStructured, .unknown:
            throw ScreenerError.unsupported(format)
        }
        doc.text = TextNormalizer.normalize(doc.text)
        if doc.text.unicodeScalars.allSatisfy(isSpace) {
            throw ScreenerError(.emptyDocument, "document has no visible text")
        }
        return doc
    }

    private func checkSize(_ data: Data) throws {
        if data.count > configuration.maxBytes {
            throw ScreenerError(.payloadTooLarge, "document is \(data.count) bytes; the limit is \(configuration.maxBytes)")
        }
        if data.isEmpty { throw ScreenerError(.emptyDocument, "document is empty") }
    }
}

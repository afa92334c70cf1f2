import Foundation

/// A document format as recognised from its bytes by ``FormatDetector``.
public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case pdf
    case docx
    case odt
    case html
    case txt
    case rtf
    case jsonResume = "json-resume"
    case hrOpenJSON = "hropen-json"
    case hrXML = "hrxml"
    /// Legacy Word 97–2003 (OLE2 compound file). Recognised only to refuse it clearly.
    case legacyDoc = "doc"
    /// PNG, JPEG, GIF, TIFF or WebP image.
    case image
    /// A zip container that is neither DOCX nor ODT (XLSX, PPTX, plain zip…).
    case otherZip = "zip"
    /// JSON or XML that is not a recognised resume schema.
    case otherStructured = "structured-unknown"
    case unknown

    /// Formats that ``ResumeParser`` turns into a ``ParsedResume``.
    public static let supported: [DocumentFormat] = [.pdf, .docx, .odt, .html, .txt, .rtf, .jsonResume, .hrOpenJSON, .hrXML]

    public var isSupported: Bool { Self.supported.contains(self) }

    /// Human list used in `unsupported_format` messages.
    public static var supportedList: String {
        "PDF, DOCX, ODT, HTML, TXT, RTF, JSON Resume, HR Open JSON, HR-XML"
    }
}

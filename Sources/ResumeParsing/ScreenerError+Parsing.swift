import ScreenerCore

extension ScreenerError {
    static func unsupported(_ format: DocumentFormat) -> ScreenerError {
        switch format {
        case .legacyDoc:
            return ScreenerError(.unsupportedFormat, "legacy Word .doc (OLE2) is not supported; please upload PDF or DOCX. Supported: \(DocumentFormat.supportedList)")
        default:
            return ScreenerError(.unsupportedFormat, "format '\(format.rawValue)' is not supported. Supported: \(DocumentFormat.supportedList)")
        }
    }
    static func parseFailed(_ why: String) -> ScreenerError { ScreenerError(.parseFailed, why) }
}

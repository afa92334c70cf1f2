import Foundation

/// An error with a stable machine-readable `code`, a human `message` and an optional `cause`.
///
/// `description` never carries resume text, names, emails or secrets: callers put only
/// non-identifying facts in `message`. HTTP status is mapped at the edge (`ScreenerServer`).
public struct ScreenerError: Error, Sendable, CustomStringConvertible, Equatable {
    public var code: Code
    public var message: String
    public var cause: String?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause.map { String(describing: type(of: $0)) }
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        public static let invalidConfiguration: Code = "invalid_configuration"
        public static let missingSecret: Code = "missing_secret"
        public static let unknownIntegration: Code = "unknown_integration"
        public static let unknownProfile: Code = "unknown_profile"
        public static let invalidProfile: Code = "invalid_profile"
        public static let badSignature: Code = "bad_signature"
        public static let staleTimestamp: Code = "stale_timestamp"
        public static let replayedToken: Code = "replayed_token"
        public static let malformedPayload: Code = "malformed_payload"
        public static let payloadTooLarge: Code = "payload_too_large"
        public static let unsupportedMediaType: Code = "unsupported_media_type"
        public static let mappingFailed: Code = "mapping_failed"
        public static let storeUnavailable: Code = "store_unavailable"
        public static let notFound: Code = "not_found"
        public static let conflict: Code = "conflict"
        public static let unsupportedFormat: Code = "unsupported_format"
        public static let encrypted: Code = "encrypted"
        public static let needsOCR: Code = "needs_ocr"
        public static let parseFailed: Code = "parse_failed"
        public static let emptyDocument: Code = "empty_document"
        public static let invalidInput: Code = "invalid_input"
    }
}

import Foundation
import ScreenerCore

/// Decodes `ResumeRef.contentBase64` under the same size cap as downloads.
///
/// Whitespace (MIME line breaks) is ignored; anything else outside the standard base64 alphabet,
/// or a bad length or padding (more than two trailing `=`, or `=` inside), is
/// `malformed_payload` (permanent); the alphabet is checked here because Foundation's decoder
/// accepts some invalid input (`====` decodes to one byte). The decoded size is bounded
/// before decoding: ⌊3·n/4⌋ − padding for n significant characters, so an oversized payload is
/// `payload_too_large` without allocating its decoded form.
public enum InlineResumeDecoder {
    public static func decode(_ base64: String, maxBytes: Int, fileName: String? = nil, contentType: String? = nil) throws -> FetchedDocument {
        var significant = [UInt8]()
        significant.reserveCapacity(base64.utf8.count)
        for byte in base64.utf8 where !(byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09) {
            significant.append(byte)
        }
        guard !significant.isEmpty, significant.count % 4 == 0 else {
            throw ScreenerError(.malformedPayload, "inline resume is not valid base64 (length)")
        }
        let padding = significant.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2, significant.dropLast(padding).allSatisfy(Self.isAlphabet) else {
            throw ScreenerError(.malformedPayload, "inline resume is not valid base64")
        }
        let decodedSize = significant.count / 4 * 3 - padding
        if decodedSize > maxBytes {
            throw ScreenerError(.payloadTooLarge, "inline resume is \(decodedSize) bytes, over the \(maxBytes)-byte cap")
        }
        guard let data = Data(base64Encoded: Data(significant)) else {
            throw ScreenerError(.malformedPayload, "inline resume is not valid base64")
        }
        return FetchedDocument(bytes: data, fileName: fileName, contentType: contentType, source: "inline")
    }

    /// `A–Z a–z 0–9 + /`
    static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}

import Crypto
import Foundation
import ScreenerCore

/// The pure parts of `ATSProfile.Signature`: signed content, keys, MACs, candidate parsing and the
/// constant-time comparison. Shared by `WebhookVerifier` and `WebhookSigner`, so that what we sign
/// is exactly what we verify.
enum SignatureEngine {
    /// True when any value the scheme signs or checks lives in the JSON body (Lever).
    static func needsJSON(_ s: ATSProfile.Signature) -> Bool {
        s.location.pointer != nil || s.signedContent.contains { $0.pointer != nil } || s.timestamp?.source.pointer != nil
    }

    /// Reads a header or pointer value as text; `nil` when absent (or JSON null / not a scalar).
    static func read(_ source: ATSProfile.ValueSource, _ webhook: InboundWebhook, _ json: JSONValue?) -> String? {
        if let header = source.header { return webhook.header(header) }
        if let pointer = source.pointer, let json { return pointer.first(in: json)?.scalarText }
        return nil
    }

    /// `part₁ ‖ joiner ‖ … ‖ partₙ` as bytes. A missing part throws `.badSignature` unless `optional`.
    static func signedContent(_ s: ATSProfile.Signature, _ webhook: InboundWebhook, _ json: JSONValue?) throws -> Data {
        // The body alone (Greenhouse, Ashby, Workable): no copy.
        if s.signedContent.count == 1, s.signedContent[0].body == true { return webhook.body }
        var out = Data()
        let joiner = Data(s.joiner.utf8)
        for (index, part) in s.signedContent.enumerated() {
            if index > 0 { out.append(joiner) }
            if part.body == true {
                out.append(webhook.body)
            } else if let text = read(part, webhook, json) {
                out.append(contentsOf: Array(text.utf8))
            } else if part.optional == true {
                continue
            } else {
                throw ScreenerError(.badSignature, "signed \(part.place) is missing")
            }
        }
        return out
    }

    /// The HMAC key for one secret. `whsec-base64`: strip `whsec_`, base64-decode.
    static func key(_ s: ATSProfile.Signature, secret: Data) throws -> SymmetricKey {
        switch s.key {
        case "whsec-base64":
            var text = String(decoding: secret, as: UTF8.self)
            if text.hasPrefix("whsec_") { text.removeFirst(6) }
            guard let raw = Data(base64Encoded: text), !raw.isEmpty else {
                throw ScreenerError(.invalidConfiguration, "a configured secret is not base64 after whsec_")
            }
            return SymmetricKey(data: raw)
        default:
            return SymmetricKey(data: secret)
        }
    }

    /// An HMAC already keyed for the scheme's algorithm (SHA-512 for `hmac-sha512`, else SHA-256).
    /// HMAC's key set-up (two hash blocks over the padded key) cost more than hashing a 2.4 KB
    /// body, so a verifier keys each secret once and every delivery works on a copy
    /// (`code(for:)`): the hash states are copied on write, so the keyed original never changes.
    enum KeyedMAC: Sendable {
        case sha256(HMAC<SHA256>)
        case sha512(HMAC<SHA512>)

        init(_ s: ATSProfile.Signature, key: SymmetricKey) {
            self = s.algorithm == "hmac-sha512" ? .sha512(HMAC<SHA512>(key: key)) : .sha256(HMAC<SHA256>(key: key))
        }

        /// The MAC of `content`.
        func code(for content: Data) -> Data {
            switch self {
            case .sha256(var h):
                h.update(data: content)
                return Data(h.finalize())
            case .sha512(var h):
                h.update(data: content)
                return Data(h.finalize())
            }
        }
    }

    static func encode(_ s: ATSProfile.Signature, mac: Data) -> String {
        s.encoding == "base64" ? mac.base64EncodedString() : Hex.encode(mac)
    }

    /// The header (or field) value a sender puts for one MAC: `prefix + itemPrefix + encoded`.
    static func render(_ s: ATSProfile.Signature, mac: Data) -> String {
        (s.prefix ?? "") + (s.itemPrefix ?? "") + encode(s, mac: mac)
    }

    /// The decoded candidate signatures in `raw`; undecodable items are dropped (they cannot match).
    static func candidates(_ s: ATSProfile.Signature, raw: String) -> [Data] {
        asciiCandidates(s, raw: raw) ?? generalCandidates(s, raw: raw)
    }

    /// `candidates` for any text (Foundation splitting and Unicode trimming).
    static func generalCandidates(_ s: ATSProfile.Signature, raw: String) -> [Data] {
        var items: [String] = []
        for piece in raw.components(separatedBy: ", ") {
            var value = piece.trimmingCharacters(in: .whitespaces)
            if let prefix = s.prefix, !prefix.isEmpty {
                let p = prefix.trimmingCharacters(in: .whitespaces)
                if value.lowercased().hasPrefix(p.lowercased()) {
                    value = String(value.dropFirst(p.count)).trimmingCharacters(in: .whitespaces)
                } else if s.listSeparator == nil {
                    continue
                }
            }
            if let sep = s.listSeparator, !sep.isEmpty {
                items.append(contentsOf: value.components(separatedBy: sep).map { $0.trimmingCharacters(in: .whitespaces) })
            } else {
                items.append(value)
            }
        }
        return items.compactMap { item -> Data? in
            var body = Substring(item)
            if let itemPrefix = s.itemPrefix, !itemPrefix.isEmpty {
                guard body.hasPrefix(itemPrefix) else { return nil }
                body = body.dropFirst(itemPrefix.count)
            }
            guard !body.isEmpty else { return nil }
            return s.encoding == "base64" ? Data(base64Encoded: String(body)) : Hex.decode(body)
        }
    }

    /// `candidates` on bytes, when the header and the scheme's affixes are printable ASCII (as every
    /// signature header is): the same splitting, trimming (space and tab are ASCII's only
    /// `.whitespaces`), case-insensitive prefix and decoding, without Foundation string bridging.
    /// `nil` sends anything else down the general path.
    static func asciiCandidates(_ s: ATSProfile.Signature, raw: String) -> [Data]? {
        func plain(_ b: UInt8) -> Bool { b == 0x09 || (0x20...0x7E).contains(b) }
        func trim(_ x: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var x = x
            while let f = x.first, f == 0x20 || f == 0x09 { x = x.dropFirst() }
            while let l = x.last, l == 0x20 || l == 0x09 { x = x.dropLast() }
            return x
        }
        func split(_ x: ArraySlice<UInt8>, _ sep: [UInt8]) -> [ArraySlice<UInt8>] {
            var out: [ArraySlice<UInt8>] = []
            var start = x.startIndex
            var i = x.startIndex
            while i + sep.count <= x.endIndex {
                if x[i..<(i + sep.count)].elementsEqual(sep) {
                    out.append(x[start..<i])
                    i += sep.count
                    start = i
                } else {
                    i += 1
                }
            }
            out.append(x[start..<x.endIndex])
            return out
        }
        func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b | 0x20 : b }
        let bytes = Array(raw.utf8)
        let prefix = Array((s.prefix ?? "").utf8)
        let itemPrefix = Array((s.itemPrefix ?? "").utf8)
        let separator = s.listSeparator.map { Array($0.utf8) }
        guard bytes.allSatisfy(plain), prefix.allSatisfy(plain), itemPrefix.allSatisfy(plain),
              separator?.allSatisfy(plain) ?? true else { return nil }
        let p = trim(prefix[...])
        var items: [ArraySlice<UInt8>] = []
        for piece in split(bytes[...], Array(", ".utf8)) {
            var value = trim(piece)
            if !prefix.isEmpty {
                if value.count >= p.count, zip(value, p).allSatisfy({ lower($0) == lower($1) }) {
                    value = trim(value.dropFirst(p.count))
                } else if separator == nil {
                    continue
                }
            }
            if let separator, !separator.isEmpty {
                items.append(contentsOf: split(value, separator).map(trim))
            } else {
                items.append(value)
            }
        }
        return items.compactMap { item -> Data? in
            var body = item
            if !itemPrefix.isEmpty {
                guard body.starts(with: itemPrefix) else { return nil }
                body = body.dropFirst(itemPrefix.count)
            }
            guard !body.isEmpty else { return nil }
            return s.encoding == "base64" ? Data(base64Encoded: String(decoding: body, as: UTF8.self)) : Hex.decode(bytes: body)
        }
    }

    /// Constant-time equality: the time depends on the lengths only, never on where bytes differ.
    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }
}

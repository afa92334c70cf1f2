import Crypto
import Foundation
import ScreenerCore

/// Encryption at rest for personal data: AES-256-GCM envelopes under an active key, with retired keys
/// kept for decryption only until `screener keys rotate` has re-sealed everything.
///
/// A sealed blob is self-describing:
///
/// ```
/// offset  size  field
///      0     3  magic "SCE" (0x53 0x43 0x45)
///      3     1  version (1)
///      4     8  key id = first 8 bytes of SHA-256(raw 32-byte key)
///     12    12  nonce (random per seal)
///     24     n  ciphertext (n = plaintext length)
///   24+n    16  GCM tag
/// ```
///
/// The authenticated data is `header (bytes 0..<12) ‖ UTF-8(context)`, so a blob cannot be moved to
/// another column (context `"raw_events.body"` vs `"candidates.profile"`), nor its key id or version
/// edited, without `open` failing. Overhead per blob is 40 bytes. With random 96-bit nonces a key
/// should seal fewer than 2^32 blobs (NIST SP 800-38D §8.3); rotate well before that.
public struct DataKeyring: Sendable {
    /// One AES-256 key and its 8-byte id.
    public struct Key: Sendable {
        public let id: Data
        let key: SymmetricKey

        /// `raw` must be exactly 32 bytes.
        public init(raw: Data) throws {
            guard raw.count == 32 else {
                throw ScreenerError(.invalidConfiguration, "a data key must be 32 bytes (base64 of 32 random bytes)")
            }
            key = SymmetricKey(data: raw)
            id = Data(SHA256.hash(data: raw).prefix(8))
        }

        /// The key id as 16 lower-case hex digits (what a `key_id` column holds).
        public var idHex: String { id.map { String(format: "%02x", $0) }.joined() }
    }

    public static let magic: [UInt8] = [0x53, 0x43, 0x45]
    public static let version: UInt8 = 1
    static let headerLength = 12
    static let nonceLength = 12
    static let tagLength = 16
    /// Header, nonce and tag: the smallest possible sealed blob (an empty plaintext).
    public static let overhead = headerLength + nonceLength + tagLength

    public let active: Key
    public let retired: [Key]

    public init(active: Key, retired: [Key] = []) {
        self.active = active
        // The active key never also counts as retired.
        self.retired = retired.filter { $0.id != active.id }
    }

    /// Seals `plaintext` under the active key, binding `context` (e.g. `"raw_events.body"`).
    public func seal(_ plaintext: Data, context: String) throws -> Data {
        var header = Data(Self.magic)
        header.append(Self.version)
        header.append(active.id)
        var authenticated = header
        authenticated.append(contentsOf: context.utf8)
        let sealed: Data
        do {
            // `combined` is nonce ‖ ciphertext ‖ tag in one buffer (the nonce is the default 12
            // bytes), so the envelope is the header and one append, not three slices copied out.
            let box = try AES.GCM.seal(plaintext, using: active.key, nonce: AES.GCM.Nonce(), authenticating: authenticated)
            guard let combined = box.combined else { throw ScreenerError(.storeUnavailable, "encryption gave no combined box") }
            sealed = combined
        } catch {
            throw ScreenerError(.storeUnavailable, "encryption failed", cause: error)
        }
        var out = Data(capacity: Self.headerLength + sealed.count)
        out.append(header)
        out.append(sealed)
        return out
    }

    /// Opens a blob sealed by any key of this ring under the same `context`. Throws
    /// `decryption_failed` for a wrong context, a changed byte or an unsealed blob, and `key_missing`
    /// when the blob's key is neither active nor retired. Messages carry no plaintext.
    public func open(_ sealed: Data, context: String) throws -> Data {
        guard let keyID = Self.keyID(of: sealed) else {
            throw ScreenerError(.decryptionFailed, "the value is not a sealed blob (context \(context))")
        }
        guard let key = self.key(id: keyID) else {
            throw ScreenerError(.keyMissing, "no data key with id \(Self.hex(keyID)) is configured (context \(context)); add it to SCREENER_DATA_KEYS_RETIRED")
        }
        let start = sealed.startIndex  // a slice of a larger Data does not start at 0
        let header = sealed.prefix(Self.headerLength)
        let nonceStart = start + Self.headerLength, nonceEnd = nonceStart + Self.nonceLength
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: sealed[nonceStart..<nonceEnd]),
                ciphertext: sealed[nonceEnd..<(sealed.endIndex - Self.tagLength)],
                tag: sealed.suffix(Self.tagLength)
            )
            return try AES.GCM.open(box, using: key.key, authenticating: header + Data(context.utf8))
        } catch {
            throw ScreenerError(.decryptionFailed, "a sealed value failed authentication (context \(context))", cause: error)
        }
    }

    /// True when `data` has the envelope's magic, a known version and room for nonce and tag. A
    /// plaintext that happens to start with "SCE\u{1}" and is 40+ bytes long would pass this test but
    /// then fail `open`; columns hold either plaintext JSON/documents or sealed blobs, never both
    /// by design, so this is only a cheap pre-filter for rotation and migration.
    public static func isSealed(_ data: Data) -> Bool {
        keyID(of: data) != nil
    }

    /// The 8-byte key id in a sealed blob's header, or nil when `data` is not a sealed blob.
    public static func keyID(of data: Data) -> Data? {
        guard data.count >= overhead else { return nil }
        let s = data.startIndex
        guard data[s] == magic[0], data[s + 1] == magic[1], data[s + 2] == magic[2], data[s + 3] == version else { return nil }
        return Data(data[(s + 4)..<(s + 12)])
    }

    /// True when `sealed` is a sealed blob under a key other than the active one.
    public func needsReseal(_ sealed: Data) -> Bool {
        guard let id = Self.keyID(of: sealed) else { return false }
        return id != active.id
    }

    func key(id: Data) -> Key? {
        if id == active.id { return active }
        return retired.first { $0.id == id }
    }

    static func hex(_ d: Data) -> String { d.map { String(format: "%02x", $0) }.joined() }
}

extension ScreenerError.Code {
    /// No data key is configured, or a blob's key is not in the keyring.
    public static let keyMissing: ScreenerError.Code = "key_missing"
    /// A sealed value failed authentication: wrong key, wrong context or a changed byte.
    public static let decryptionFailed: ScreenerError.Code = "decryption_failed"
}

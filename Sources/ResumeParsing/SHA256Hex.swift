import Crypto
import Foundation
import ScreenerCore

/// SHA-256 (swift-crypto) of a document's bytes, as lower-case hex, for `ParsedResume.meta.inputSHA256`.
enum SHA256Hex {
    static func hex(_ data: Data) -> String { Crypto.SHA256.hash(data: data).lowercaseHex }
}

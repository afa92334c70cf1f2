import Crypto
import Foundation
import ScreenerCore

/// SHA-256 (swift-crypto) as lower-case hex: the input hash in a score's provenance.
public enum SHA256Hex {
    public static func hex(of data: Data) -> String { Crypto.SHA256.hash(data: data).lowercaseHex }
}

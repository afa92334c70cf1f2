import Foundation
import ScreenerCore

/// Resolves a secret reference from configuration into bytes.
///
/// - `env:NAME` — the environment variable `NAME` (UTF-8 bytes as given).
/// - `file:PATH` — the file's bytes, with trailing newlines and spaces removed (files written by
///   `echo` or by secret managers usually end in a newline).
///
/// A missing or empty secret throws `ScreenerError(.missingSecret)` naming the reference only,
/// never a value.
public enum SecretReference {
    public static func resolve(_ ref: String, environment: [String: String]) throws -> Data {
        if ref.hasPrefix("env:") {
            let name = String(ref.dropFirst(4))
            guard !name.isEmpty else { throw ScreenerError(.invalidConfiguration, "secret reference 'env:' names no variable") }
            guard let value = environment[name], !value.isEmpty else {
                throw ScreenerError(.missingSecret, "secret env:\(name) is not set")
            }
            return Data(value.utf8)
        }
        if ref.hasPrefix("file:") {
            let path = String(ref.dropFirst(5))
            guard !path.isEmpty else { throw ScreenerError(.invalidConfiguration, "secret reference 'file:' names no path") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ScreenerError(.missingSecret, "secret file:\(path) cannot be read")
            }
            var bytes = [UInt8](data)
            while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { bytes.removeLast() }
            guard !bytes.isEmpty else { throw ScreenerError(.missingSecret, "secret file:\(path) is empty") }
            return Data(bytes)
        }
        throw ScreenerError(.invalidConfiguration, "secret reference must start with env: or file:")
    }
}

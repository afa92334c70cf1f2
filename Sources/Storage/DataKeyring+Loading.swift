import Crypto
import Foundation
import ScreenerCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DataKeyring {
    /// Environment variable holding the active key: base64 of 32 bytes, or `file:PATH` of a file
    /// holding that base64 text (mode 0600 or stricter).
    public static let activeKeyVariable = "SCREENER_DATA_KEY"
    /// Environment variable holding retired keys (decrypt only), comma-separated, each in the same
    /// form as the active key.
    public static let retiredKeysVariable = "SCREENER_DATA_KEYS_RETIRED"

    /// The keyring configured in `environment`. Throws `key_missing` when `SCREENER_DATA_KEY` is unset
    /// or empty, and `invalid_configuration` for a malformed key or a key file readable by group or
    /// others. Messages name the variable or file, never key material.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DataKeyring {
        guard let ring = try loadIfConfigured(environment: environment) else {
            throw ScreenerError(.keyMissing, "no data key: set \(activeKeyVariable) to base64 of 32 random bytes or to file:PATH (screener keys generate PATH)")
        }
        return ring
    }

    /// Like `load`, but nil when no active key is configured (for `serve --insecure-dev`). Retired
    /// keys without an active key are an error: nothing could seal.
    public static func loadIfConfigured(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DataKeyring? {
        let activeSpec = environment[activeKeyVariable]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let retiredSpecs = (environment[retiredKeysVariable] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !activeSpec.isEmpty else {
            if !retiredSpecs.isEmpty {
                throw ScreenerError(.keyMissing, "\(retiredKeysVariable) is set but \(activeKeyVariable) is not")
            }
            return nil
        }
        let active = try key(spec: activeSpec, what: activeKeyVariable)
        let retired = try retiredSpecs.enumerated().map { i, spec in try key(spec: spec, what: "\(retiredKeysVariable) entry \(i + 1)") }
        return DataKeyring(active: active, retired: retired)
    }

    /// Parses one key spec: `file:PATH` or base64 (standard or URL-safe alphabet, padding optional).
    static func key(spec: String, what: String) throws -> Key {
        if spec.hasPrefix("file:") {
            let path = String(spec.dropFirst(5))
            guard !path.isEmpty else { throw ScreenerError(.invalidConfiguration, "\(what): 'file:' names no path") }
            guard let mode = permissions(path: path) else {
                throw ScreenerError(.keyMissing, "\(what): key file \(path) does not exist")
            }
            guard mode & 0o077 == 0 else {
                throw ScreenerError(.invalidConfiguration, "\(what): key file \(path) is readable or writable by group or others (mode \(octal(mode))); run chmod 600 \(path)")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ScreenerError(.keyMissing, "\(what): key file \(path) cannot be read")
            }
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let raw = decodeBase64(text), raw.count == 32 else {
                throw ScreenerError(.invalidConfiguration, "\(what): key file \(path) must hold base64 of exactly 32 bytes")
            }
            return try Key(raw: raw)
        }
        guard let raw = decodeBase64(spec), raw.count == 32 else {
            throw ScreenerError(.invalidConfiguration, "\(what) must be base64 of exactly 32 bytes, or file:PATH")
        }
        return try Key(raw: raw)
    }

    static func decodeBase64(_ text: String) -> Data? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s.append("=") }
        return Data(base64Encoded: s)
    }

    /// The permission bits (`st_mode & 0o7777`) of `path`, following symlinks, or nil if it does not
    /// exist.
    public static func permissions(path: String) -> UInt16? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return UInt16(st.st_mode & 0o7777)
    }

    static func octal(_ mode: UInt16) -> String { "0" + String(mode, radix: 8) }

    /// Writes a new random key (base64 text and a newline) to `path`, created with mode 0600 and
    /// never overwriting: an existing file is an error, so a key in use cannot be lost by accident.
    /// Parent folders are created with mode 0700. Returns the new key's id (hex).
    @discardableResult
    public static func generateKeyFile(path: String) throws -> String {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: dir) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw ScreenerError(.conflict, "\(path) exists already; refusing to overwrite a key") }
            throw ScreenerError(.invalidInput, "cannot create \(path) (errno \(errno))")
        }
        defer { _ = posixClose(fd) }
        _ = fchmod(fd, 0o600)  // in case the umask was stricter than usual it stays 0600, never looser
        let raw = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let text = Array((raw.base64EncodedString() + "\n").utf8)
        let written = text.withUnsafeBytes { posixWrite(fd, $0.baseAddress, $0.count) }
        guard written == text.count, fsync(fd) == 0 else {
            unlink(path)
            throw ScreenerError(.invalidInput, "could not write \(path)")
        }
        return try Key(raw: raw).idHex
    }
}

// `DataKeyring.open(_:context:)` shadows the C functions inside the type, so call them by module.
#if canImport(Glibc)
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Glibc.open(path, flags, mode) }
private func posixWrite(_ fd: Int32, _ buf: UnsafeRawPointer?, _ n: Int) -> Int { Glibc.write(fd, buf, n) }
private func posixClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
#elseif canImport(Darwin)
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { Darwin.open(path, flags, mode) }
private func posixWrite(_ fd: Int32, _ buf: UnsafeRawPointer?, _ n: Int) -> Int { Darwin.write(fd, buf, n) }
private func posixClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
#endif

import Foundation
import ScreenerCore

/// `screener doctor`: pure checks of a configuration plus facts read off the machine (file modes,
/// resolved secret shapes), so every rule is testable without a process. `Doctor+Gather.swift`
/// collects the facts.
///
/// Rules (severity, code):
/// - error `no_data_key`: `SCREENER_DATA_KEY` unset, so personal data would be stored in clear.
/// - error `data_key_invalid`: the key does not load (malformed, missing file).
/// - error `key_file_permissions`: the key file has any group or other permission bit (mode & 0o077 ≠ 0).
/// - info `retired_keys`: retired keys are configured; after `screener keys rotate` they can go.
/// - error `secret_unresolved`: an integration's secret reference does not resolve.
/// - error `short_secret`: a secret shorter than 32 bytes.
/// - error `low_entropy_secret`: a secret with fewer than 8 distinct byte values.
/// - warning `dev_secret`: a secret or its file name looks like a demo or development value
///   (`demo`, `dev`, `test`, `example`, `changeme`, `password`, `secret`), as written by `make run`.
/// - error `secret_file_permissions`: a `file:` secret readable or writable by group or others.
/// - error `public_bind_without_tls`: `server.host` is not a loopback address and TLS termination
///   upstream is not noted (`server.tlsTerminatedUpstream: true`); info `public_bind` when it is.
/// - error `data_dir_permissions` / `database_file_permissions`: the database's folder, the SQLite
///   file or its `-wal`/`-shm` companions have group or other permission bits.
public enum Doctor {
    public enum Severity: String, Sendable, Codable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    }

    public struct Finding: Sendable, Codable, Equatable {
        public var severity: Severity
        public var code: String
        public var message: String
        public init(_ severity: Severity, _ code: String, _ message: String) {
            self.severity = severity
            self.code = code
            self.message = message
        }
    }

    /// What was observed. Messages built from these name paths, references and integrations, never
    /// secret values.
    public struct Facts: Sendable, Equatable {
        public enum DataKey: Sendable, Equatable {
            case missing
            /// Base64 in the environment variable itself.
            case environment
            /// `file:PATH`, with the file's permission bits (nil when it does not exist).
            case file(path: String, mode: UInt16?)
        }

        /// The shape of one resolved integration secret.
        public struct Secret: Sendable, Equatable {
            public var integration: String
            public var reference: String
            /// nil when the reference did not resolve.
            public var length: Int?
            public var distinctBytes: Int
            /// The value contains a development marker (computed by `gather`; the value is not kept).
            public var valueLooksDev: Bool
            /// Permission bits of a `file:` secret.
            public var fileMode: UInt16?
            public init(integration: String, reference: String, length: Int?, distinctBytes: Int = 0, valueLooksDev: Bool = false, fileMode: UInt16? = nil) {
                self.integration = integration
                self.reference = reference
                self.length = length
                self.distinctBytes = distinctBytes
                self.valueLooksDev = valueLooksDev
                self.fileMode = fileMode
            }
        }

        public struct FileMode: Sendable, Equatable {
            public var path: String
            public var mode: UInt16
            public var isDirectory: Bool
            public init(path: String, mode: UInt16, isDirectory: Bool) {
                self.path = path
                self.mode = mode
                self.isDirectory = isDirectory
            }
        }

        public var dataKey: DataKey
        /// Why the configured key fails to load, if it does.
        public var dataKeyError: String?
        public var retiredKeyCount: Int
        public var secrets: [Secret]
        /// The database folder and files that exist.
        public var files: [FileMode]
        public var tlsTerminatedUpstream: Bool

        public init(dataKey: DataKey, dataKeyError: String? = nil, retiredKeyCount: Int = 0, secrets: [Secret] = [], files: [FileMode] = [], tlsTerminatedUpstream: Bool = false) {
            self.dataKey = dataKey
            self.dataKeyError = dataKeyError
            self.retiredKeyCount = retiredKeyCount
            self.secrets = secrets
            self.files = files
            self.tlsTerminatedUpstream = tlsTerminatedUpstream
        }
    }

    public static let minimumSecretLength = 32
    public static let minimumDistinctBytes = 8
    static let devMarkers = ["demo", "dev", "test", "example", "changeme", "password", "secret"]

    /// Every finding for `configuration` and `facts`, most severe first, in rule order within a
    /// severity.
    public static func check(_ configuration: ScreenerConfiguration, facts: Facts) -> [Finding] {
        var out: [Finding] = []
        switch facts.dataKey {
        case .missing:
            out.append(.init(.error, "no_data_key", "no data key: set SCREENER_DATA_KEY (screener keys generate FILE, then SCREENER_DATA_KEY=file:FILE); without it personal data is stored unencrypted"))
        case .environment:
            break
        case .file(let path, let mode):
            if let mode, mode & 0o077 != 0 {
                out.append(.init(.error, "key_file_permissions", "key file \(path) has mode \(octal(mode)); run chmod 600 \(path)"))
            }
        }
        if let e = facts.dataKeyError {
            out.append(.init(.error, "data_key_invalid", "the data key does not load: \(e)"))
        }
        if facts.retiredKeyCount > 0 {
            out.append(.init(.info, "retired_keys", "\(facts.retiredKeyCount) retired data key(s) configured; after screener keys rotate, remove them from SCREENER_DATA_KEYS_RETIRED"))
        }
        for s in facts.secrets {
            let who = "integration '\(s.integration)' secret \(s.reference)"
            guard let length = s.length else {
                out.append(.init(.error, "secret_unresolved", "\(who) does not resolve"))
                continue
            }
            if length < minimumSecretLength {
                out.append(.init(.error, "short_secret", "\(who) is \(length) bytes; use at least \(minimumSecretLength) random bytes"))
            } else if s.distinctBytes < minimumDistinctBytes {
                out.append(.init(.error, "low_entropy_secret", "\(who) uses only \(s.distinctBytes) distinct characters; use a random secret"))
            }
            if s.valueLooksDev || looksDev(reference: s.reference) || looksDev(name: s.integration) {
                out.append(.init(.warning, "dev_secret", "\(who) looks like a demo or development secret; use the secret your ATS issued"))
            }
            if let mode = s.fileMode, mode & 0o077 != 0 {
                let path = String(s.reference.dropFirst(5))
                out.append(.init(.error, "secret_file_permissions", "\(who): file has mode \(octal(mode)); run chmod 600 \(path)"))
            }
        }
        if !isLoopback(configuration.server.host) {
            if facts.tlsTerminatedUpstream {
                out.append(.init(.info, "public_bind", "server.host \(configuration.server.host) is not loopback; TLS is terminated upstream (noted in server.tlsTerminatedUpstream)"))
            } else {
                out.append(.init(.error, "public_bind_without_tls", "server.host \(configuration.server.host) is not loopback and server.tlsTerminatedUpstream is not true: tokens and personal data would cross the network in clear; bind 127.0.0.1 behind a TLS proxy and set server.tlsTerminatedUpstream: true"))
            }
        }
        for f in facts.files where f.mode & 0o077 != 0 {
            if f.isDirectory {
                out.append(.init(.error, "data_dir_permissions", "data folder \(f.path) has mode \(octal(f.mode)); run chmod 700 \(f.path)"))
            } else {
                out.append(.init(.error, "database_file_permissions", "database file \(f.path) has mode \(octal(f.mode)); run chmod 600 \(f.path)"))
            }
        }
        return out.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    /// 1 when any finding is an error, else 0.
    public static func exitCode(_ findings: [Finding]) -> Int32 {
        findings.contains { $0.severity == .error } ? 1 : 0
    }

    /// `localhost`, `::1`, `[::1]` and 127.0.0.0/8 are loopback; everything else (0.0.0.0, ::, a
    /// name, a LAN address) is not.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) else { return false }
        return parts[0] == "127"
    }

    /// True when `value` contains a development marker, case-insensitively.
    public static func looksDev(value: Data) -> Bool {
        let s = String(decoding: value, as: UTF8.self).lowercased()
        return devMarkers.contains { s.contains($0) }
    }

    static func looksDev(reference: String) -> Bool {
        guard reference.hasPrefix("file:") else { return false }
        let base = URL(fileURLWithPath: String(reference.dropFirst(5))).lastPathComponent.lowercased()
        return ["demo", "dev", "test", "example"].contains { base.hasPrefix($0) }
    }

    static func looksDev(name: String) -> Bool {
        let n = name.lowercased()
        return ["demo", "dev", "test", "example"].contains { n.hasPrefix($0 + "-") || n.hasPrefix($0 + "_") || n == $0 }
    }

    static func octal(_ mode: UInt16) -> String { "0" + String(mode, radix: 8) }
}

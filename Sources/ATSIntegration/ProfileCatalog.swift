import Foundation
import ScreenerCore
import Yams

/// The ATS profiles found under a directory: `<directory>/<name>/profile.yaml` (or `profile.json`).
///
/// Each profile is decoded, validated (`ATSProfile.validate()`) and must be named like its folder.
/// Any invalid profile fails the whole load with `ScreenerError(.invalidProfile)`, so a typo is
/// caught at start-up rather than on the first delivery.
public struct ProfileCatalog: Sendable {
    private let profiles: [String: ATSProfile]

    public init(directory: URL) throws {
        let fm = FileManager.default
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ScreenerError(.invalidConfiguration, "profile directory cannot be read: \(directory.path)", cause: error)
        }
        var loaded: [String: ATSProfile] = [:]
        for entry in entries.sorted() {
            let folder = directory.appendingPathComponent(entry)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else { continue }
            let yaml = folder.appendingPathComponent("profile.yaml")
            let json = folder.appendingPathComponent("profile.json")
            let profile: ATSProfile
            if fm.fileExists(atPath: yaml.path) {
                profile = try Self.load(yaml: yaml)
            } else if fm.fileExists(atPath: json.path) {
                profile = try Self.load(json: json)
            } else {
                continue
            }
            guard profile.name == entry else {
                throw ScreenerError(.invalidProfile, "profile in folder '\(entry)' is named '\(profile.name)'")
            }
            try profile.validate()
            loaded[profile.name] = profile
        }
        profiles = loaded
    }

    /// A catalog of already-built profiles (validated).
    public init(profiles: [ATSProfile]) throws {
        var loaded: [String: ATSProfile] = [:]
        for p in profiles {
            try p.validate()
            loaded[p.name] = p
        }
        self.profiles = loaded
    }

    public func profile(named name: String) -> ATSProfile? { profiles[name] }

    public var names: [String] { profiles.keys.sorted() }

    /// Decodes one `profile.yaml` (not validated).
    public static func load(yaml url: URL) throws -> ATSProfile {
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            return try YAMLDecoder().decode(ATSProfile.self, from: text)
        } catch let error as ScreenerError {
            throw error
        } catch {
            throw ScreenerError(.invalidProfile, "\(url.deletingLastPathComponent().lastPathComponent)/profile.yaml: \(Self.describe(error))", cause: error)
        }
    }

    /// Decodes one `profile.json` (not validated).
    public static func load(json url: URL) throws -> ATSProfile {
        do {
            return try JSONDecoder().decode(ATSProfile.self, from: Data(contentsOf: url))
        } catch let error as ScreenerError {
            throw error
        } catch {
            throw ScreenerError(.invalidProfile, "\(url.deletingLastPathComponent().lastPathComponent)/profile.json: \(Self.describe(error))", cause: error)
        }
    }

    /// Where decoding failed (a coding path), never file contents.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        if let screener = error as? ScreenerError { return screener.message }
        switch error {
        case DecodingError.dataCorrupted(let ctx) where ctx.underlyingError is ScreenerError:
            return (ctx.underlyingError as? ScreenerError)?.message ?? "invalid value"
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing key '\(key.stringValue)' at '\(path(ctx))'"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "wrong type at '\(path(ctx))'"
        case DecodingError.dataCorrupted(let ctx):
            return "unreadable value at '\(path(ctx))'"
        default:
            return "not a valid profile document"
        }
    }
}

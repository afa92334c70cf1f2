import Foundation

/// Where things are, found from this file's path so tests run from any working directory.
public enum TestPaths {
    /// The repository root (the folder holding `Package.swift`).
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var webhooks: URL { repoRoot.appendingPathComponent("webhooks") }
    public static var schemas: URL { repoRoot.appendingPathComponent("schemas") }
    /// `../shared/data` beside the checkout; may be absent.
    public static var sharedData: URL { repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data") }
    /// The built `screener` executable: `$SCREENER_BIN`, else `.build/debug/screener`.
    public static var screenerBinary: URL? {
        if let p = ProcessInfo.processInfo.environment["SCREENER_BIN"], FileManager.default.isExecutableFile(atPath: p) {
            return URL(fileURLWithPath: p)
        }
        let p = repoRoot.appendingPathComponent(".build/debug/screener")
        return FileManager.default.isExecutableFile(atPath: p.path) ? p : nil
    }
}

/// A fresh temporary folder, removed when the value is released.
public final class TemporaryDirectory: Sendable {
    public let url: URL
    public init(prefix: String = "screener-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

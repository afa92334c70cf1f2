import Foundation
import ScreenerCore

/// A bundled sample payload, `webhooks/<profile>/samples/<file>.json`, with the extra headers its ATS
/// sends beside it from `samples/headers/<file>.json` when there is one (SmartRecruiters signs its
/// `event-name`, `event-version` and `link` headers, so a sample cannot be signed without them).
public struct WebhookSample: Sendable, Equatable {
    public var file: String
    public var body: Data
    public var extraHeaders: [String: String]

    /// Reads one sample file and its header sidecar.
    public static func load(file url: URL) throws -> WebhookSample {
        guard let body = FileManager.default.contents(atPath: url.path) else {
            throw ScreenerError(.invalidInput, "cannot read sample \(url.path)")
        }
        let sidecar = url.deletingLastPathComponent().appendingPathComponent("headers").appendingPathComponent(url.lastPathComponent)
        var headers: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: sidecar.path) {
            do {
                headers = try JSONDecoder().decode([String: String].self, from: data)
            } catch {
                throw ScreenerError(.invalidInput, "sample headers \(sidecar.path) must be a JSON object of strings")
            }
        }
        return WebhookSample(file: url.lastPathComponent, body: body, extraHeaders: headers)
    }

    /// Every `*.json` sample of a profile folder, sorted by file name; empty when it has none.
    public static func all(profileDirectory: URL) throws -> [WebhookSample] {
        let dir = profileDirectory.appendingPathComponent("samples")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return try files.filter { $0.hasSuffix(".json") }.sorted().map { try load(file: dir.appendingPathComponent($0)) }
    }
}

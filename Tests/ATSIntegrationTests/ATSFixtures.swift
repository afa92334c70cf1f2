import ATSIntegration
import Foundation
import ScreenerCore
import Testing

/// Locates the repository's `webhooks/` and `schemas/` folders from this file and loads samples.
enum ATSFixtures {
    /// `<repo>` — this file is `<repo>/Tests/ATSIntegrationTests/ATSFixtures.swift`.
    static let repoRoot: URL = {
        let here = URL(fileURLWithPath: #filePath)
        for candidate in [here, here.resolvingSymlinksInPath()] {
            let root = candidate.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("webhooks").path) { return root }
        }
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static let webhooksDirectory = repoRoot.appendingPathComponent("webhooks")
    static let schemasDirectory = repoRoot.appendingPathComponent("schemas")

    static let profileNames = ["ashby", "greenhouse", "lever", "smartrecruiters", "standard", "workable"]

    /// Loaded once per test process; a failure here fails every test that uses it (it is a real error).
    static let loadedCatalog = Result { try ProfileCatalog(directory: webhooksDirectory) }

    static func catalog() throws -> ProfileCatalog { try loadedCatalog.get() }

    static func profile(_ name: String) throws -> ATSProfile {
        guard let p = try catalog().profile(named: name) else {
            throw ScreenerError(.unknownProfile, "no profile \(name)")
        }
        return p
    }

    /// A sample payload: `webhooks/<profile>/samples/<file>.json`, with the extra headers from
    /// `samples/headers/<file>.json` when there is one (SmartRecruiters keeps its event name there).
    struct Sample: Sendable, CustomTestStringConvertible {
        var profile: String
        var file: String
        var body: Data
        var extraHeaders: [String: String]
        var testDescription: String { "\(profile)/\(file)" }
    }

    /// Every sample of every profile (empty when the folders are absent, which then fails `everyProfileHasSamples`).
    static let allSamples: [Sample] = {
        var out: [Sample] = []
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: webhooksDirectory.path)) ?? []
        for profile in folders.sorted() {
            let samples = (try? WebhookSample.all(profileDirectory: webhooksDirectory.appendingPathComponent(profile))) ?? []
            for s in samples {
                out.append(Sample(profile: profile, file: s.file, body: s.body, extraHeaders: s.extraHeaders))
            }
        }
        return out
    }()

    static func sample(_ profile: String, _ file: String) throws -> Sample {
        guard let s = allSamples.first(where: { $0.profile == profile && $0.file == file }) else {
            throw ScreenerError(.notFound, "sample \(profile)/\(file) not found")
        }
        return s
    }

    /// The instant samples are signed at in tests.
    static let signingTime = FixedClock(unix: 1_795_000_000)
    static let secret = Data("test-secret-3f9a1c77e2".utf8)
    static let otherSecret = Data("rotated-secret-8b2d4e61".utf8)
    /// Standard Webhooks secrets are `whsec_` + base64.
    static func secret(for profile: ATSProfile, _ raw: Data = secret) -> Data {
        profile.signature.key == "whsec-base64" ? Data(("whsec_" + raw.base64EncodedString()).utf8) : raw
    }
}


import ATSIntegration
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Profile catalog")
struct ProfileCatalogTests {
    @Test func loadsTheSixShippedProfiles() throws {
        let catalog = try ATSFixtures.catalog()
        #expect(catalog.names == ATSFixtures.profileNames)
        #expect(catalog.profile(named: "greenhouse")?.successStatus == 200)
        #expect(catalog.profile(named: "smartrecruiters")?.successStatus == 202)
        #expect(catalog.profile(named: "lever")?.replayProtected == true)
        #expect(catalog.profile(named: "nope") == nil)
    }

    @Test func securityIssueDeletionEventsAreClassified() throws {
        let catalog = try ATSFixtures.catalog()
        #expect(catalog.profile(named: "greenhouse")?.events.kind(of: "candidate_anonymized") == .candidateAnonymized)
        #expect(catalog.profile(named: "greenhouse")?.events.kind(of: "delete_candidate") == .candidateDeleted)
        #expect(catalog.profile(named: "lever")?.events.kind(of: "candidateDeleted") == .candidateDeleted)
        #expect(catalog.profile(named: "ashby")?.events.kind(of: "candidateDelete") == .candidateDeleted)
    }

    @Test(.enabled(if: JSONSchemaCheck.available, Comment(rawValue: JSONSchemaCheck.skipMessage)))
    func profileFilesValidateAgainstTheProfileSchema() throws {
        let files = ATSFixtures.profileNames.map {
            ATSFixtures.webhooksDirectory.appendingPathComponent($0).appendingPathComponent("profile.yaml")
        }
        let problems = JSONSchemaCheck.validate(schema: ATSFixtures.schemasDirectory.appendingPathComponent("ats-profile.schema.json"), instances: files)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test(.enabled(if: JSONSchemaCheck.available, Comment(rawValue: JSONSchemaCheck.skipMessage)))
    func theProfileSchemaCanFail() throws {
        let dir = try TempDir()
        let file = dir.url.appendingPathComponent("bad.yaml")
        try Data("name: Bad Name\nsuccessStatus: 500\n".utf8).write(to: file)
        let problems = JSONSchemaCheck.validate(schema: ATSFixtures.schemasDirectory.appendingPathComponent("ats-profile.schema.json"), instances: [file])
        #expect(problems.count >= 3)
    }

    /// A profile for an ATS we have never seen, written as data only: Workable's shape (hex HMAC of
    /// the raw body) under a different header name and event vocabulary.
    static let newATSProfile = """
    name: acme-ats
    successStatus: 204
    signature:
      algorithm: hmac-sha256
      key: utf8
      location: { header: X-Acme-Signature }
      prefix: "hmac-sha256="
      encoding: hex
      signedContent:
        - { body: true }
      joiner: ""
    dedupeKey: { header: X-Acme-Delivery }
    eventType: { pointer: /kind }
    auditHeaders: [X-Acme-Delivery]
    events:
      application: [applicant.new]
      ping: [hello]
    mapping:
      candidate:
        externalId: /applicant/ref
        emails: /applicant/contacts[kind=email]/value
      job:
        externalId: /opening/ref
      resume:
        url: /applicant/files[role=cv]/href
      required:
        application: [candidate.externalId, job.externalId]
    """

    @Test func aNewATSNeedsOnlyAProfileFolder() throws {
        // Given a profile folder written in a temp dir
        let dir = try TempDir()
        let folder = dir.url.appendingPathComponent("acme-ats")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.newATSProfile.utf8).write(to: folder.appendingPathComponent("profile.yaml"))

        // When the catalog loads it
        let catalog = try ProfileCatalog(directory: dir.url)
        let profile = try #require(catalog.profile(named: "acme-ats"))

        // Then a delivery signed its way verifies, and maps through the selectors
        let body = Data(#"{"kind":"applicant.new","applicant":{"ref":"A-1","contacts":[{"kind":"phone","value":"555"},{"kind":"email","value":"a@example.com"}],"files":[{"role":"cover","href":"https://x/c"},{"role":"cv","href":"https://x/cv"}]},"opening":{"ref":"J-9"}}"#.utf8)
        let secret = Data("acme-secret".utf8)
        let signed = try WebhookSigner.sign(profile: profile, secret: secret, body: body, clock: ATSFixtures.signingTime, deliveryID: "acme-1")
        #expect(signed.headers["X-Acme-Signature"]?.hasPrefix("hmac-sha256=") == true)
        let decision = try WebhookVerifier(profile: profile, secrets: [secret], clock: ATSFixtures.signingTime)
            .verify(InboundWebhook(headers: signed.headers, body: signed.body))
        guard case .accept(let delivery) = decision else {
            Issue.record("expected .accept, got \(decision)")
            return
        }
        #expect(delivery.successStatus == 204)
        #expect(delivery.dedupeKey == "acme-1")
        #expect(delivery.auditHeaders["x-acme-delivery"] == "acme-1")

        let event = try ProfileMapper(profile: profile).map(body: signed.body)
        #expect(event.kind == .application)
        #expect(event.candidate?.externalId == "A-1")
        #expect(event.candidate?.emails == ["a@example.com"])
        #expect(event.resume?.url == "https://x/cv")
        #expect(event.job?.externalId == "J-9")

        // And the Workable header is not accepted in place of its own
        var wrongHeader = signed.headers
        wrongHeader["X-Workable-Signature"] = wrongHeader.removeValue(forKey: "X-Acme-Signature")
        #expect(SignatureVectorTests.code {
            try WebhookVerifier(profile: profile, secrets: [secret], clock: ATSFixtures.signingTime).verify(InboundWebhook(headers: wrongHeader, body: signed.body))
        } == .badSignature)
    }

    @Test(arguments: [
        ("name: acme\nsuccessStatus: 500", "successStatus"),
        ("signature:\n  algorithm: md5\n  key: utf8\n  location: { header: X-Sig }\n  encoding: hex\n  signedContent:\n    - { body: true }\n  joiner: \"\"", "algorithm"),
        ("mapping:\n  required:\n    application: [candidate.shoeSize]", "shoeSize"),
        ("events:\n  application: [x]\n  ping: [x]", "two kinds"),
        ("mapping:\n  demographics:\n    sex:\n      pointer: /s\n      values: { m: Man }", "EEO-1"),
        ("mapping:\n  candidate:\n    externalId: no-slash", "must start with '/'"),
        ("fetch:\n  - resource: r\n    path: /x/{id}\n    params: {}", "{id}"),
    ])
    func invalidProfilesAreRefusedWithTheReason(_ change: String, _ reason: String) throws {
        // Given the new-ATS profile with one setting broken
        let dir = try TempDir()
        let folder = dir.url.appendingPathComponent("acme")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = Self.patched(Self.newATSProfile.replacingOccurrences(of: "name: acme-ats", with: "name: acme"), with: change)
        try Data(text.utf8).write(to: folder.appendingPathComponent("profile.yaml"))
        // When loaded, then it fails naming the setting
        do {
            _ = try ProfileCatalog(directory: dir.url)
            Issue.record("expected invalid_profile for \(reason)")
        } catch let error as ScreenerError {
            #expect(error.code == .invalidProfile)
            #expect(error.message.contains(reason), "\(error.message)")
        }
    }

    @Test func folderAndNameMustAgree() throws {
        let dir = try TempDir()
        let folder = dir.url.appendingPathComponent("other-name")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.newATSProfile.utf8).write(to: folder.appendingPathComponent("profile.yaml"))
        #expect(SignatureVectorTests.code { try ProfileCatalog(directory: dir.url) } == .invalidProfile)
    }

    @Test func jsonProfilesLoadToo() throws {
        // Given the greenhouse profile re-expressed as profile.json
        let dir = try TempDir()
        let folder = dir.url.appendingPathComponent("greenhouse")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let profile = try ATSFixtures.profile("greenhouse")
        try JSONEncoder().encode(profile).write(to: folder.appendingPathComponent("profile.json"))
        // Then it loads and still verifies the documented vector
        let loaded = try #require(try ProfileCatalog(directory: dir.url).profile(named: "greenhouse"))
        let verifier = WebhookVerifier(profile: loaded, secrets: [Data(SignatureVectorTests.greenhouseSecret.utf8)], clock: SystemClock())
        _ = try verifier.verify(InboundWebhook(
            headers: ["Signature": "sha256 \(SignatureVectorTests.greenhouseDigest)"],
            body: Data(SignatureVectorTests.greenhouseBody.utf8)))
    }

    /// Replaces or appends top-level YAML blocks named in `change`.
    static func patched(_ yaml: String, with change: String) -> String {
        let changedKeys = Set(change.split(separator: "\n").filter { !$0.hasPrefix(" ") }.compactMap { $0.split(separator: ":").first.map(String.init) })
        var out: [Substring] = []
        var skipping = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") {
                let key = line.split(separator: ":").first.map(String.init) ?? ""
                skipping = changedKeys.contains(key)
            }
            if !skipping { out.append(line) }
        }
        return out.joined(separator: "\n") + "\n" + change + "\n"
    }
}

/// A temporary directory removed when the value is released.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

import ATSIntegration
import AsyncHTTPClient
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Greenhouse Harvest v3 writer: OAuth and wire format")
struct WriterGreenhouseTests {
    @Test("the token is fetched once with client credentials and reused for later deliveries")
    func tokenReused() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("greenhouse", fake)
            // When three notes are delivered, one of them as uncertain (list + create)
            #expect(await writer.deliver(WriterFixtures.note("pb-1", profile: "greenhouse"), previousAttemptUncertain: false).isDelivered)
            #expect(await writer.deliver(WriterFixtures.note("pb-2", profile: "greenhouse", candidate: "1002"), previousAttemptUncertain: true).isDelivered)
            #expect(await writer.deliver(WriterFixtures.note("pb-3", profile: "greenhouse", candidate: "1003"), previousAttemptUncertain: false).isDelivered)
            // Then one token was issued
            #expect(fake.tokensIssued == 1)
            let tokenRequest = try #require(fake.requests(.greenhouseToken).first)
            #expect(tokenRequest.headers["authorization"] == "Basic " + Data("gh-client:gh-secret".utf8).base64EncodedString())
            #expect(tokenRequest.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(String(decoding: tokenRequest.body, as: UTF8.self) == "grant_type=client_credentials&sub=4242")
            // And every API call carried it as a Bearer token
            let api = fake.requests(.greenhouseCreateNote) + fake.requests(.greenhouseListNotes)
            #expect(api.count == 4)
            #expect(api.allSatisfy { $0.headers["authorization"] == "Bearer fake-token-1" })
        }
    }

    @Test("a 401 drops the token, fetches a new one and succeeds")
    func refreshOn401() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("greenhouse", fake)
            #expect(await writer.deliver(WriterFixtures.note("pb-1", profile: "greenhouse"), previousAttemptUncertain: false).isDelivered)
            // Given the ATS revokes the cached token
            fake.revokeTokens()
            // When the next note is delivered
            let result = await writer.deliver(WriterFixtures.note("pb-2", profile: "greenhouse"), previousAttemptUncertain: false)
            // Then it succeeds after one refresh
            #expect(result.isDelivered)
            #expect(fake.tokensIssued == 2)
            #expect(fake.requests(.greenhouseCreateNote).map(\.status) == [201, 401, 201])
            #expect(fake.notes(for: "1001").count == 2)
        }
    }

    @Test("a second 401 after the refresh is permanent")
    func twice401() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.greenhouseCreateNote, .reply(status: 401), .reply(status: 401))
            let writer = try WriterFixtures.writer("greenhouse", fake)
            let result = await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false)
            #expect(result.isPermanent)
            #expect(fake.tokensIssued == 2)
            #expect(fake.notes(for: "1001").isEmpty)
        }
    }

    @Test("wrong client credentials: the token endpoint's 401 is permanent and nothing is posted")
    func badCredentials() async throws {
        try await WriterFixtures.withFake { fake in
            var settings = WriterFixtures.settings("greenhouse", fake)
            settings.clientSecret = "env:WRONG"
            var env = WriterFixtures.environment
            env["WRONG"] = "not-the-secret"
            let writer = try ATSWriters.make(profile: "greenhouse", settings: settings, httpClient: .shared, clock: WriterFixtures.clock, environment: env)
            let result = await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false)
            #expect(result == .permanent(reason: "token: http 401"))
            #expect(fake.requests(.greenhouseCreateNote).isEmpty)
        }
    }

    @Test("a token endpoint answering 503 is a retry")
    func tokenUnavailable() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.greenhouseToken, .reply(status: 503, headers: ["Retry-After": "4"]))
            let writer = try WriterFixtures.writer("greenhouse", fake)
            let result = await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false)
            #expect(result == .retry(after: 4, reason: "token: http 503"))
            #expect(await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false).isDelivered)
        }
    }

    @Test("the note body: numeric candidate id, text, admin_only visibility")
    func wireFormat() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("greenhouse", fake)
            #expect(await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false).isDelivered)
            let r = try #require(fake.requests(.greenhouseCreateNote).first)
            #expect(r.method == "POST" && r.path == "/v3/notes")
            let body = try #require(JSONSerialization.jsonObject(with: r.body) as? [String: Any])
            #expect(body["candidate_id"] as? Int == 1001)
            #expect(body["visibility"] as? String == "admin_only")
            #expect((body["body"] as? String)?.hasSuffix("screener-postback: pb-1") == true)
        }
    }

    @Test("concurrent deliveries share one token request")
    func concurrentShareToken() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("greenhouse", fake)
            let results = await withTaskGroup(of: PostBackResult.self) { group in
                for i in 0..<6 {
                    group.addTask { await writer.deliver(WriterFixtures.note("pb-\(i)", profile: "greenhouse", candidate: "\(2000 + i)"), previousAttemptUncertain: false) }
                }
                return await group.reduce(into: [PostBackResult]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.isDelivered })
            #expect(fake.tokensIssued == 1)
        }
    }
}

@Suite("Greenhouse Harvest v3 writer: candidate tags")
struct WriterGreenhouseTagTests {
    @Test("tags are applied before the note: an existing tag is reused, a missing one created, and nothing is applied twice")
    func tagsApplied() async throws {
        try await WriterFixtures.withFake { fake in
            fake.addGreenhouseTag(id: 77, name: "Screener-Shortlisted")
            let writer = try WriterFixtures.writer("greenhouse", fake, tags: ["screener-shortlisted"])
            let first = await writer.deliver(WriterFixtures.note("pb-1", profile: "greenhouse", tags: ["backend-2026"]), previousAttemptUncertain: false)
            #expect(first.isDelivered)
            #expect(Set(fake.tags(for: "1001")) == ["Screener-Shortlisted", "backend-2026"])
            #expect(fake.requests(.greenhouseCreateTag).count == 1, "only the missing tag is created")
            let created = try #require(fake.requests(.greenhouseCreateTag).first)
            #expect(String(decoding: created.body, as: UTF8.self).contains("\"backend-2026\""))
            let applied = fake.requests(.greenhouseApplyTag)
            #expect(applied.count == 2)
            #expect(applied.allSatisfy { String(decoding: $0.body, as: UTF8.self).contains("\"candidate_id\":1001") })

            // A second note for the same candidate applies nothing again and lists no tags again (cached).
            #expect(await writer.deliver(WriterFixtures.note("pb-2", profile: "greenhouse", tags: ["backend-2026"]), previousAttemptUncertain: false).isDelivered)
            #expect(fake.requests(.greenhouseApplyTag).count == 2)
            #expect(fake.requests(.greenhouseListTags).count == 1)
            #expect(fake.notes(for: "1001").count == 2)
        }
    }

    @Test("a tag step that fails is retried before any note is posted; a 422 is permanent")
    func tagFailures() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.greenhouseApplyTag, .reply(status: 503, headers: ["Retry-After": "7"]))
            let writer = try WriterFixtures.writer("greenhouse", fake, tags: ["screener-shortlisted"])
            let result = await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false)
            #expect(result.isRetry)
            if case .retry(let after, _) = result { #expect(after == 7) }
            #expect(fake.notes(for: "1001").isEmpty, "the note waits until the tags are on")
            #expect(await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false).isDelivered)
            #expect(fake.tags(for: "1001") == ["screener-shortlisted"] && fake.notes(for: "1001").count == 1)

            fake.script(.greenhouseCreateTag, .reply(status: 422))
            let bad = await writer.deliver(WriterFixtures.note("pb-9", profile: "greenhouse", candidate: "1009", tags: ["new-tag"]), previousAttemptUncertain: false)
            #expect(bad.isPermanent)
        }
    }
}

@Suite("Greenhouse Harvest v3 writer: tag created concurrently")
struct WriterGreenhouseTagRaceTests {
    @Test("a tag whose creation is refused because another delivery just made it is taken from a fresh listing")
    func duplicateCreate() async throws {
        try await WriterFixtures.withFake { fake in
            // Given the create answers 422 (the name exists) and the tag is in the dictionary by then
            fake.script(.greenhouseCreateTag, .reply(status: 422, body: #"{"errors":[{"message":"Name has already been taken"}]}"#))
            let writer = try WriterFixtures.writer("greenhouse", fake, tags: ["screener-shortlisted"])
            fake.addGreenhouseTagAfterFirstList(id: 55, name: "screener-shortlisted")
            // Then the note still goes out with the tag applied
            #expect(await writer.deliver(WriterFixtures.note(profile: "greenhouse"), previousAttemptUncertain: false).isDelivered)
            #expect(fake.tags(for: "1001") == ["screener-shortlisted"])
            #expect(fake.requests(.greenhouseListTags).count == 2)
        }
    }
}

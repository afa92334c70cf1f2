import ATSIntegration
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

/// The scenarios every append-only note writer must pass, run for each profile.
@Suite("Note writers against the fake ATS")
struct WriterNoteTests {
    static let profiles = ["greenhouse", "lever", "ashby"]

    static func createRoute(_ profile: String) -> FakeATS.Route {
        switch profile {
        case "greenhouse": return .greenhouseCreateNote
        case "lever": return .leverCreateNote
        default: return .ashbyCreateNote
        }
    }

    static func listRoute(_ profile: String) -> FakeATS.Route {
        switch profile {
        case "greenhouse": return .greenhouseListNotes
        case "lever": return .leverListNotes
        default: return .ashbyListNotes
        }
    }

    /// Lever notes hang on the opportunity; Greenhouse and Ashby notes on the candidate.
    static func owner(_ profile: String) -> String { profile == "lever" ? "opp-1" : "1001" }

    @Test("success: exactly one note, ending with the idempotency marker", arguments: profiles)
    func success(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer(profile, fake)
            // When a note post-back is delivered
            let result = await writer.deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: false)
            // Then it is delivered with the ATS's note id
            guard case .delivered(let remoteID) = result else { Issue.record("not delivered: \(result)"); return }
            #expect(remoteID != nil)
            // And the fake holds one note with the text and the marker line
            let notes = fake.notes(for: Self.owner(profile))
            #expect(notes.count == 1)
            #expect(notes.first?.text.hasPrefix("Rank 2 of 40, score 87.5") == true)
            #expect(notes.first?.text.hasSuffix("\n\nscreener-postback: pb-1") == true)
            // And no list call was made (the attempt was certain)
            #expect(fake.requests(Self.listRoute(profile)).isEmpty)
        }
    }

    @Test("503 then 200: two attempts, one note", arguments: profiles)
    func unavailableThenOK(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(Self.createRoute(profile), .reply(status: 503))
            let writer = try WriterFixtures.writer(profile, fake)
            let first = await writer.deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: false)
            #expect(first.isRetry)
            #expect(first.retryAfter == nil)
            // A 503 is an answer, so the next attempt is not uncertain
            let second = await writer.deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: false)
            #expect(second.isDelivered)
            #expect(fake.requests(Self.createRoute(profile)).count == 2)
            #expect(fake.notes(for: Self.owner(profile)).count == 1)
        }
    }

    @Test("429 with Retry-After: 2 is a retry after 2 s, and nothing is stored", arguments: profiles)
    func rateLimited(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(Self.createRoute(profile), .reply(status: 429, headers: ["Retry-After": "2"]))
            let writer = try WriterFixtures.writer(profile, fake)
            let result = await writer.deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: false)
            #expect(result.isRetry)
            #expect(result.retryAfter == 2)
            #expect(fake.notes(for: Self.owner(profile)).isEmpty)
        }
    }

    @Test("400 is permanent", arguments: profiles)
    func badRequest(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(Self.createRoute(profile), .reply(status: 400))
            let writer = try WriterFixtures.writer(profile, fake)
            let result = await writer.deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: false)
            #expect(result.isPermanent)
            #expect(result.reason?.contains("400") == true)
        }
    }

    @Test("lost response, then a retry with previousAttemptUncertain: delivered and still exactly one note", arguments: profiles)
    func lostResponse(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            // Given the ATS stores the note but its answer never arrives
            fake.script(Self.createRoute(profile), .lostResponse)
            let first = try await WriterFixtures.writer(profile, fake, timeout: WriterFixtures.lostTimeout)
                .deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: false)
            #expect(first == .retry(after: nil, reason: "transport: timeout"))
            #expect(fake.notes(for: Self.owner(profile)).count == 1)
            // When the outbox retries, marking the attempt uncertain
            let second = try await WriterFixtures.writer(profile, fake).deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: true)
            // Then the writer finds its marker and posts nothing
            #expect(second == .delivered(remoteID: nil))
            #expect(fake.notes(for: Self.owner(profile)).count == 1)
            #expect(fake.requests(Self.createRoute(profile)).count == 1)
            #expect(fake.requests(Self.listRoute(profile)).count == 1)
        }
    }

    @Test("uncertain attempt that never landed: the list shows no marker, so the note is posted once", arguments: profiles)
    func uncertainButAbsent(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer(profile, fake)
            // Given another post-back's note is already there
            #expect(await writer.deliver(WriterFixtures.note("pb-0", profile: profile), previousAttemptUncertain: false).isDelivered)
            // When pb-1 is retried as uncertain
            let result = await writer.deliver(WriterFixtures.note("pb-1", profile: profile), previousAttemptUncertain: true)
            // Then pb-1 is posted (its marker was absent), and pb-0's marker did not fool the check
            #expect(result.isDelivered)
            let texts = fake.notes(for: Self.owner(profile)).map(\.text)
            #expect(texts.count == 2)
            #expect(texts.filter { $0.hasSuffix("screener-postback: pb-1") }.count == 1)
        }
    }

    @Test("uncertain attempt whose list call fails: retry, never post blind", arguments: profiles)
    func listFails(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(Self.listRoute(profile), .reply(status: 503))
            let writer = try WriterFixtures.writer(profile, fake)
            let result = await writer.deliver(WriterFixtures.note(profile: profile), previousAttemptUncertain: true)
            #expect(result.isRetry)
            #expect(fake.requests(Self.createRoute(profile)).isEmpty)
            #expect(fake.notes(for: Self.owner(profile)).isEmpty)
        }
    }

    @Test("a post-back without the ids the ATS needs is permanent and sends nothing", arguments: profiles)
    func missingIDs(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer(profile, fake)
            let bare = PostBack(id: "pb-x", integration: "t", profile: profile, kind: .candidateNote, note: "x")
            #expect(await writer.deliver(bare, previousAttemptUncertain: false).isPermanent)
            let shortlist = PostBack(id: "pb-y", integration: "t", profile: profile, kind: .shortlistUpdated, payload: Data("{}".utf8))
            #expect(await writer.deliver(shortlist, previousAttemptUncertain: false).isPermanent)
            #expect(fake.requests().isEmpty)
        }
    }
}

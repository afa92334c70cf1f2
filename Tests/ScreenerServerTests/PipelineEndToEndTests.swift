import ATSIntegration
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// From signed webhook to notes in the ATS, over real loopback HTTP: the service, the resume file
/// server and the fake Greenhouse are all real HTTP servers on 127.0.0.1.
@Suite("Pipeline end to end", .serialized)
struct PipelineEndToEndTests {
    @Test("40 signed Greenhouse deliveries for one job: every candidate is scored and the fake ATS gets one note per shortlisted candidate, in rank order")
    func fortyDeliveries() async throws {
        let fake = try await FakeATS.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { Task { await fake.stop() } }
        try await LocalFileServer.run { files in
            for i in 0..<40 { files.store.put(PipelineHarness.resume(i), as: "resume-\(i).txt", contentType: "text/plain") }
            let env = try PipelineHarness.environment(files: files, fake: fake, debounce: 3)
            let store = try await env.openStore()
            _ = try await store.putCriteria(PipelineHarness.criteria(), jobId: PipelineHarness.jobID, source: .cli, now: Date())
            let sample = try env.applicationSample(profile: "greenhouse")
            let app = buildApplication(try PipelineHarness.dependencies(env: env, store: store, httpClient: http))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                var statuses: [Int] = []
                for i in 0..<40 {
                    let body = try PipelineHarness.delivery(i, sample: sample, resumeURL: "\(files.baseURL)/files/resume-\(i).txt")
                    statuses.append(try await PipelineHarness.post(http, port: port, integration: "test-greenhouse", signed: try env.sign(integration: "test-greenhouse", body: body)))
                }
                #expect(statuses.allSatisfy { (200..<300).contains($0) })
                let settled = try await PipelineHarness.eventually(seconds: 60) {
                    let status = try await store.jobStatus().first { $0.jobId == PipelineHarness.jobID }
                    let open = try await store.postBacks(state: .pending, jobId: nil, candidateId: nil, limit: 100).count
                        + (try await store.postBacks(state: .inFlight, jobId: nil, candidateId: nil, limit: 100).count)
                    return status?.scored == 40 && status?.delivered == 10 && open == 0
                }
                let final = try await store.jobStatus()
                #expect(settled, "pipeline did not settle: \(final)")
            }
            let shortlist = try #require(try await store.latestShortlist(jobId: PipelineHarness.jobID))
            #expect(shortlist.entries.count == 10)
            var expectedOwners: [String] = []
            for entry in shortlist.entries {
                expectedOwners.append(try #require(try await store.candidate(id: entry.candidateId)?.externalId))
            }
            let posted = fake.requests(.greenhouseCreateNote).filter { $0.status.map { (200..<300).contains($0) } ?? false }
            let owners = posted.compactMap { r -> String? in
                guard let json = try? JSONSerialization.jsonObject(with: r.body) as? [String: Any] else { return nil }
                return json["candidate_id"].map { "\($0)" }
            }
            #expect(owners == expectedOwners, "notes must arrive once each, in rank order")
            #expect(Set(owners).count == owners.count)
            // The ladder: candidates with all six skills (i % 7 == 6) rank first.
            let top = try #require(shortlist.entries.first)
            #expect(top.missingRequired.isEmpty)
            for (k, owner) in owners.enumerated() {
                let note = fake.notes(for: owner)
                #expect(note.count == 1)
                #expect(note.first?.text.contains("rank \(k + 1) of 10") == true)
                #expect(note.first?.text.contains("screener-postback:") == true)
            }
        }
        try await http.shutdown()
    }

    @Test("a fake ATS that answers 503 then 200: each note arrives exactly once")
    func retryAfter503() async throws {
        let fake = try await FakeATS.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        fake.script(.greenhouseCreateNote, .reply(status: 503), .reply(status: 503))
        try await LocalFileServer.run { files in
            for i in 0..<3 { files.store.put(PipelineHarness.resume(6 - i), as: "resume-\(i).txt", contentType: "text/plain") }
            let env = try PipelineHarness.environment(files: files, fake: fake, debounce: 0.5)
            let store = try await env.openStore()
            _ = try await store.putCriteria(PipelineHarness.criteria(), jobId: PipelineHarness.jobID, source: .cli, now: Date())
            let sample = try env.applicationSample(profile: "greenhouse")
            let app = buildApplication(try PipelineHarness.dependencies(env: env, store: store, httpClient: http))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                for i in 0..<3 {
                    let body = try PipelineHarness.delivery(i, sample: sample, resumeURL: "\(files.baseURL)/files/resume-\(i).txt")
                    _ = try await PipelineHarness.post(http, port: port, integration: "test-greenhouse", signed: try env.sign(integration: "test-greenhouse", body: body))
                }
                let settled = try await PipelineHarness.eventually(seconds: 30) {
                    try await store.postBacks(state: .delivered, jobId: nil, candidateId: nil, limit: 100).count == 3
                }
                #expect(settled)
            }
            let statuses = fake.requests(.greenhouseCreateNote).compactMap(\.status)
            #expect(statuses.filter { $0 == 503 }.count == 2)
            for i in 0..<3 {
                #expect(fake.notes(for: String(100_000 + i)).count == 1, "candidate \(i) must have exactly one note")
            }
        }
        await fake.stop()
        try await http.shutdown()
    }

    @Test("resume URLs pointing at loopback or cloud metadata without an allow-list entry are refused, and the refusal is recorded", arguments: [
        "http://127.0.0.1:9/files/resume.txt", "http://169.254.169.254/latest/meta-data/", "https://127.0.0.1/x.pdf",
    ])
    func ssrfRefused(url: String) async throws {
        let fake = try await FakeATS.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let env = try PipelineHarness.environment(files: nil, fake: fake, debounce: 0, allowFiles: false)
        let store = try await env.openStore()
        _ = try await store.putCriteria(PipelineHarness.criteria(), jobId: PipelineHarness.jobID, source: .cli, now: Date())
        let deps = try PipelineHarness.dependencies(env: env, store: store, httpClient: http)
        let body = try PipelineHarness.delivery(1, sample: try env.applicationSample(profile: "greenhouse"), resumeURL: url)
        let signed = try env.sign(integration: "test-greenhouse", body: body)
        let app = buildApplication(deps)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            #expect((200..<300).contains(try await PipelineHarness.post(http, port: port, integration: "test-greenhouse", signed: signed)))
            let quarantined = try await PipelineHarness.eventually(seconds: 20) {
                try await store.events(EventFilter(status: .quarantined)).count == 1
            }
            #expect(quarantined)
        }
        let event = try #require(try await store.events(EventFilter(status: .quarantined)).first)
        #expect(event.lastError?.contains("fetch_refused") == true, "reason: \(event.lastError ?? "none")")
        let status = try #require(try await store.jobStatus().first { $0.jobId == PipelineHarness.jobID })
        #expect(status.failed == 1 && status.scored == 0)
        #expect(fake.requests().isEmpty, "nothing may be posted back for a refused resume")
        await fake.stop()
        try await http.shutdown()
    }
}

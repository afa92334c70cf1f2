import ATSIntegration
import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import ScreenerCore

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Received webhook events.",
        subcommands: [List.self, Show.self, Replay.self, SendSample.self]
    )

    struct Summary: Encodable {
        var id: String
        var integration: String
        var profile: String
        var eventType: String
        var dedupeKey: String
        var receivedAt: Date
        var status: String
        var attempts: Int
        var lastError: String?
    }

    static func summary(_ e: RawEvent) -> Summary {
        Summary(id: e.id, integration: e.integration, profile: e.profile, eventType: e.eventType, dedupeKey: e.dedupeKey, receivedAt: e.receivedAt, status: e.status.rawValue, attempts: e.attempts, lastError: e.lastError)
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored events, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "queued, processed or quarantined") var status: String?
        @Flag(help: "Only quarantined events (failed or unmappable).") var failed = false
        @Flag(name: .customLong("quarantined"), help: "Same as --failed.") var quarantined = false
        @Option(help: "Only this integration.") var integration: String?
        @Option(help: "At most this many.") var limit = 100
        @Option(help: "table or json") var format: OutputFormat = .table

        func run() async throws {
            var wanted: RawEvent.Status?
            if let status {
                guard let s = RawEvent.Status(rawValue: status) else {
                    throw ValidationError("--status must be one of: \(RawEvent.Status.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                wanted = s
            }
            if failed || quarantined { wanted = .quarantined }
            let store = try await Runtime(global).openStore()
            let events = try await store.events(EventFilter(status: wanted, integration: integration, limit: limit)).map(EventsCommand.summary)
            switch format {
            case .json: try printJSON(events)
            case .table:
                printTable(
                    ["ID", "INTEGRATION", "EVENT", "RECEIVED", "STATUS", "ATTEMPTS", "LAST ERROR"],
                    events.map { [$0.id, $0.integration, $0.eventType, $0.receivedAt.ISO8601Format(), $0.status, String($0.attempts), String(($0.lastError ?? "").prefix(60))] }
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one event: its audit headers, status and mapped form. The raw body is not printed unless --body is given.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event id.") var id: String
        @Flag(help: "Also print the raw body (it carries personal data).") var body = false

        struct Detail: Encodable {
            var event: Summary
            var headers: [String: String]
            var mapped: CandidateEvent?
            var body: String?
        }

        func run() async throws {
            let store = try await Runtime(global).openStore()
            guard let e = try await store.event(id: id) else { throw ScreenerError(.notFound, "no event with id \(id)") }
            let mapped = e.mapped.flatMap { try? JSONDecoder.iso.decode(CandidateEvent.self, from: $0) }
            try printJSON(Detail(event: EventsCommand.summary(e), headers: e.headers, mapped: mapped, body: body ? String(decoding: e.body, as: UTF8.self) : nil))
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue an event again (after fixing its profile), or every quarantined one.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Event id.") var id: String?
        @Flag(help: "Replay every quarantined event.") var quarantined = false

        func validate() throws {
            if (id == nil) == !quarantined { throw ValidationError("give an event id or --quarantined") }
        }

        func run() async throws {
            let store = try await Runtime(global).openStore()
            let ids: [String]
            if let id { ids = [id] } else {
                ids = try await store.events(EventFilter(status: .quarantined, limit: 100_000)).map(\.id)
            }
            for id in ids {
                try await store.replay(eventID: id, now: Date())
                print("queued \(id)")
            }
            if ids.isEmpty { print("no quarantined events") }
        }
    }

    struct SendSample: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-sample",
            abstract: "Sign a bundled sample payload as the ATS would and POST it to the running service."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Profile name, e.g. greenhouse.") var profile: String
        @Option(help: "Integration to send to (default: the first configured with this profile).") var integration: String?
        @Option(help: "Sample file (default: the profile's first application sample).") var sample: String?
        @Option(help: "Service base URL (default: from the configuration).") var url: String?
        @Option(help: "Put this resume file inline in the sample, as a new candidate (profiles that carry inline resumes, e.g. standard).") var resume: String?

        func run() async throws {
            let runtime = try Runtime(global)
            let config = runtime.configuration
            let integrations = try runtime.integrations()
            guard let target = integration.flatMap({ integrations[$0] }) ?? config.integrations.first(where: { $0.profile == profile }).flatMap({ integrations[$0.name] }) else {
                throw ScreenerError(.unknownIntegration, "no integration with profile '\(profile)' is configured")
            }
            let samplePath = try sample ?? Self.defaultSample(profileDirectory: URL(fileURLWithPath: config.profilesDirectory).appendingPathComponent(profile))
            var sample = try WebhookSample.load(file: URL(fileURLWithPath: samplePath))
            if let resume {
                sample.body = try Self.withInlineResume(sample.body, file: resume, profile: target.profile)
            }
            guard let secret = target.secrets.first else { throw ScreenerError(.missingSecret, "integration '\(target.name)' has no secret") }
            let signed = try WebhookSigner.sign(
                profile: target.profile, secret: secret, body: sample.body, clock: SystemClock(),
                deliveryID: UUID().uuidString.lowercased(), extraHeaders: sample.extraHeaders
            )
            let base = url ?? "http://\(config.server.host):\(config.server.port)"
            var request = HTTPClientRequest(url: "\(base)/v1/webhooks/\(target.name)")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            for (k, v) in signed.headers { request.headers.replaceOrAdd(name: k, value: v) }
            request.body = .bytes(ByteBuffer(bytes: signed.body))
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
                print("\(response.status.code) \(text)")
                try await client.shutdown()
                if !(200..<300).contains(Int(response.status.code)) { throw ExitCode.failure }
            } catch let e as ExitCode {
                throw e
            } catch {
                try? await client.shutdown()
                throw ScreenerError(.storeUnavailable, "could not reach \(base): \(error)")
            }
        }

        /// The sample with `file` as its inline resume and fresh candidate and application ids, so each
        /// send is a new applicant: written at the profile's own mapping pointers.
        static func withInlineResume(_ body: Data, file: String, profile: ATSProfile) throws -> Data {
            guard let resumeFields = profile.mapping.resume, let content = resumeFields.contentBase64?.pointers.first else {
                throw ScreenerError(.invalidInput, "profile '\(profile.name)' carries resumes only as URLs; --resume needs one with inline content (e.g. standard)")
            }
            guard let bytes = FileManager.default.contents(atPath: file) else { throw ScreenerError(.invalidInput, "cannot read \(file)") }
            guard var object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw ScreenerError(.invalidInput, "the sample is not a JSON object")
            }
            let name = URL(fileURLWithPath: file).lastPathComponent
            let suffix = UUID().uuidString.lowercased().prefix(8)
            var values: [(ProfilePointer?, Any)] = [(content, bytes.base64EncodedString()), (resumeFields.fileName?.pointers.first, name)]
            values.append((resumeFields.url?.pointers.first, NSNull()))
            values.append((resumeFields.contentType?.pointers.first, NSNull()))
            values.append((profile.mapping.candidate?.externalId?.pointers.first, "demo-\(suffix)"))
            values.append((profile.mapping.application?.externalId?.pointers.first, "demo-app-\(suffix)"))
            for case let (pointer?, value) in values {
                try set(&object, at: pointer.text, to: value)
            }
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        }

        /// Sets a value at a plain member pointer (`/a/b/c`), creating objects on the way.
        static func set(_ object: inout [String: Any], at pointer: String, to value: Any) throws {
            let keys = pointer.split(separator: "/").map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
            guard let first = keys.first, !pointer.contains("*"), !pointer.contains("[") else {
                throw ScreenerError(.invalidInput, "cannot write at pointer \(pointer)")
            }
            if keys.count == 1 {
                object[first] = value is NSNull ? nil : value
                return
            }
            var child = object[first] as? [String: Any] ?? [:]
            try set(&child, at: "/" + keys.dropFirst().joined(separator: "/"), to: value)
            object[first] = child
        }

        static func defaultSample(profileDirectory: URL) throws -> String {
            let dir = profileDirectory.appendingPathComponent("samples")
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
            guard let pick = files.first(where: { $0.contains("application") }) ?? files.first else {
                throw ScreenerError(.invalidInput, "no samples in \(dir.path)")
            }
            return dir.appendingPathComponent(pick).path
        }
    }
}

extension JSONDecoder {
    static let iso: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}

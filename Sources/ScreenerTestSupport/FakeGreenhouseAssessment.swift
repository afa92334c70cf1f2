import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Greenhouse's side of the Assessment Partner API, in process on `127.0.0.1` (a free port), as
/// <https://developers.greenhouse.io/assessment.html> describes it:
///
/// - as a client it calls the partner's `list_tests`, `send_test` and `test_status` with
///   `Authorization: Basic base64("<api key>:")`;
/// - as a server it takes `PATCH /integrations/testing_partners/take_home_tests/{id}` (the `url` it
///   sent in `send_test`), checks the same Basic credential, and then, as Greenhouse does, asks the
///   partner's `test_status` for the result. Marking a test complete is idempotent: a second PATCH
///   for a completed test is answered 200 and changes nothing (`completions` counts once).
///
/// The PATCH route can be scripted like `FakeATS`: `.reply(status: 503)` answers without a side
/// effect; `.lostResponse` completes the test and then never answers, as after a lost 200.
public final class FakeGreenhouseAssessment: Sendable {
    public enum Behaviour: Sendable, Equatable {
        case reply(status: Int, headers: [String: String] = [:])
        case lostResponse
    }

    public struct RecordedPatch: Sendable {
        public var testID: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var body: Data
        /// The status answered, or nil for a lost response.
        public var status: Int?
        public var receivedAt: Date
    }

    /// What Greenhouse stored for one take-home test once told it is complete.
    public struct Completion: Sendable {
        public var testID: String
        public var partnerInterviewID: String
        /// The `test_status` answer fetched after the PATCH (nil when the fetch failed).
        public var statusBody: Data?
        public var statusCode: Int
        public var status: [String: Any] { statusBody.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:] }
    }

    /// An answer from the partner.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
        public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        public var object: [String: Any] { (json as? [String: Any]) ?? [:] }
    }

    struct State {
        var scripts: [Behaviour] = []
        var patches: [RecordedPatch] = []
        var completions: [String: Completion] = [:]
        var interviews: [String: String] = [:]
        var partnerBaseURL: String?
        var port: Int?
        var stopped = false
    }

    let state = Mutex(State())
    /// The API key Greenhouse holds for the partner (a Screener `ats` token).
    public let apiKey: String
    let task: Mutex<Task<Void, any Error>?> = Mutex(nil)
    let http: HTTPClient

    init(apiKey: String, http: HTTPClient) {
        self.apiKey = apiKey
        self.http = http
    }

    /// Starts the server and waits until it listens. `partnerBaseURL` is where the partner's routes
    /// live, e.g. `http://127.0.0.1:8080/v1/partners/greenhouse/acme` (settable later).
    public static func start(apiKey: String, partnerBaseURL: String? = nil, http: HTTPClient = .shared) async throws -> FakeGreenhouseAssessment {
        let fake = FakeGreenhouseAssessment(apiKey: apiKey, http: http)
        fake.state.withLock { $0.partnerBaseURL = partnerBaseURL }
        let router = Router()
        router.patch("/integrations/testing_partners/take_home_tests/:id") { request, context in
            try await fake.handlePatch(request, testID: context.parameters.get("id") ?? "")
        }
        var logger = Logger(label: "fake-greenhouse-assessment")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port
                fake.state.withLock { $0.port = port }
            },
            logger: logger)
        let task = Task { try await app.runService() }
        fake.task.withLock { $0 = task }
        for _ in 0..<1000 {
            if fake.state.withLock({ $0.port }) != nil { return fake }
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        throw FakeError.didNotStart
    }

    enum FakeError: Error { case didNotStart, noPartner }

    /// Stops the server; a PATCH held by `.lostResponse` is released first.
    public func stop() async {
        state.withLock { $0.stopped = true }
        let task = self.task.withLock { t -> Task<Void, any Error>? in defer { t = nil }; return t }
        task?.cancel()
        _ = await task?.result
    }

    public var port: Int { state.withLock { $0.port ?? 0 } }
    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// The host:port to allow-list as a callback host.
    public var hostAndPort: String { "127.0.0.1:\(port)" }

    public func setPartnerBaseURL(_ url: String) { state.withLock { $0.partnerBaseURL = url } }

    /// The `url` Greenhouse sends in `send_test` for take-home test `testID`.
    public func callbackURL(testID: String) -> String { baseURL + "/integrations/testing_partners/take_home_tests/\(testID)" }

    /// Queues behaviours for the next PATCHes; afterwards the route behaves normally.
    public func script(_ behaviours: Behaviour...) { state.withLock { $0.scripts.append(contentsOf: behaviours) } }

    public var patches: [RecordedPatch] { state.withLock { $0.patches } }
    public var completions: [String: Completion] { state.withLock { $0.completions } }

    // MARK: Greenhouse as a client

    /// `Authorization: Basic base64("<api key>:")`.
    public static func basic(_ key: String) -> String { "Basic " + Data("\(key):".utf8).base64EncodedString() }

    /// Calls one partner route with Greenhouse's credentials (or `authorization`, which may be nil
    /// for none).
    public func call(_ method: HTTPMethod, _ route: String, authorization: String?? = .none, body: Data? = nil) async throws -> Reply {
        guard let base = state.withLock({ $0.partnerBaseURL }) else { throw FakeError.noPartner }
        var request = HTTPClientRequest(url: base + "/" + route)
        request.method = method
        let auth: String? = switch authorization {
        case .none: Self.basic(apiKey)
        case .some(let value): value
        }
        if let auth { request.headers.add(name: "Authorization", value: auth) }
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 1 << 22)
        var headers: [String: String] = [:]
        for h in response.headers { headers[h.name.lowercased()] = headers[h.name.lowercased()].map { $0 + ", " + h.value } ?? h.value }
        return Reply(status: Int(response.status.code), headers: headers, body: Data(buffer: buffer))
    }

    public func listTests() async throws -> Reply { try await call(.GET, "list_tests") }

    /// The documented `send_test` body for take-home test `testID` (callback `url` on this fake).
    public func sendTestBody(
        partnerTestID: String, testID: String, firstName: String = "Harry", lastName: String = "Potter",
        email: String = "hpotter@example.com", phone: String? = "123-456-7890", resumeURL: String?,
        candidateID: Int = 17_681_532, applicationID: Int = 26_234_709, callbackURL: String? = nil
    ) -> Data {
        var candidate: [String: Any] = [
            "first_name": firstName, "last_name": lastName, "email": email,
            "greenhouse_profile_url": "https://app.greenhouse.io/people/\(candidateID)?application_id=\(applicationID)",
        ]
        if let phone { candidate["phone_number"] = phone }
        if let resumeURL { candidate["resume_url"] = resumeURL }
        let body: [String: Any] = ["partner_test_id": partnerTestID, "candidate": candidate, "url": callbackURL ?? self.callbackURL(testID: testID)]
        return try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }

    /// Sends the test; remembers the `partner_interview_id` for `testID` when the partner answers 2xx.
    public func sendTest(testID: String, body: Data) async throws -> Reply {
        let reply = try await call(.POST, "send_test", body: body)
        if (200..<300).contains(reply.status), let id = reply.object["partner_interview_id"] as? String {
            state.withLock { $0.interviews[testID] = id }
        }
        return reply
    }

    public func testStatus(_ partnerInterviewID: String) async throws -> Reply {
        let encoded = partnerInterviewID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? partnerInterviewID
        return try await call(.GET, "test_status?partner_interview_id=\(encoded)")
    }

    // MARK: Greenhouse as a server

    func handlePatch(_ request: Request, testID: String) async throws -> Response {
        var req = request
        let body = try await req.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for f in request.headers { headers[f.name.canonicalName] = headers[f.name.canonicalName].map { $0 + ", " + f.value } ?? f.value }
        let index = state.withLock { s -> Int in
            s.patches.append(RecordedPatch(testID: testID, headers: headers, body: Data(buffer: body), status: nil, receivedAt: Date()))
            return s.patches.count - 1
        }
        let scripted = state.withLock { s -> Behaviour? in s.scripts.isEmpty ? nil : s.scripts.removeFirst() }
        var status: Int
        var extra: [String: String] = [:]
        if case .reply(let code, let h)? = scripted {
            status = code
            extra = h
        } else if headers["authorization"] != Self.basic(apiKey) {
            status = 401
        } else if state.withLock({ $0.interviews[testID] }) == nil {
            status = 404
        } else {
            await complete(testID)
            status = 200
            if scripted == .lostResponse {
                for _ in 0..<3000 where !state.withLock({ $0.stopped }) {
                    try? await Task.sleep(for: .milliseconds(10))
                }
                throw HTTPError(.serviceUnavailable)
            }
        }
        state.withLock { $0.patches[index].status = status }
        var fields = HTTPFields()
        for (k, v) in extra { if let n = HTTPField.Name(k) { fields[n] = v } }
        return Response(status: .init(code: status), headers: fields)
    }

    /// Marks the test complete once and fetches its result from `test_status`, as Greenhouse does.
    func complete(_ testID: String) async {
        let interview: String? = state.withLock { s in
            guard s.completions[testID] == nil, let id = s.interviews[testID] else { return nil }
            s.completions[testID] = Completion(testID: testID, partnerInterviewID: id, statusBody: nil, statusCode: 0)
            return id
        }
        guard let interview else { return }
        let reply = try? await testStatus(interview)
        state.withLock { s in
            s.completions[testID]?.statusBody = reply?.body
            s.completions[testID]?.statusCode = reply?.status ?? 0
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import ScreenerCore
import Scoring

/// `/v1/jobs`: list and read jobs, put criteria (each change a new version, linted first), and read
/// the newest shortlist.
struct JobsController<Context: PrincipalRequestContext>: Sendable {
    let store: any PipelineStore
    let linter: CriteriaLinter
    let clock: any ScreenerClock
    let maxBodyBytes: Int
    let accessLog: AccessLogging

    /// The answer to a criteria put: the version stored and the lint flags (warnings; errors refuse).
    struct PutResult: Codable, Sendable {
        var jobId: String
        var version: Int
        var created: Bool
        var flags: [LintFlag]
    }

    struct JobView: Codable, Sendable {
        var job: JobRecord
        var criteria: JobCriteria?
    }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("jobs") { _, context in
            try await accessLog.record(context, .list, .job, id: nil)
            return try JSONResponse.encode(try await store.jobs())
        }
        group.get("jobs/:id") { _, context in
            let id = try context.parameters.requireDecoded("id")
            guard let job = try await store.job(id: id) else { throw Self.notFound("job", id) }
            try await accessLog.record(context, .read, .job, id: id)
            return try JSONResponse.encode(JobView(job: job, criteria: try await store.criteria(jobId: id, version: nil)?.criteria))
        }
        group.put("jobs/:id/criteria") { request, context in
            let id = try context.parameters.requireDecoded("id")
            let contentType = request.headers[.contentType]?.lowercased() ?? ""
            let isJSON: Bool
            if contentType.hasPrefix("application/json") {
                isJSON = true
            } else if contentType.hasPrefix("application/yaml") || contentType.hasPrefix("application/x-yaml") || contentType.hasPrefix("text/yaml") {
                isJSON = false
            } else {
                throw ProblemDetails(
                    status: .unsupportedMediaType, code: "unsupported_media_type", title: "Unsupported media type",
                    detail: "send criteria as application/json or application/yaml")
            }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: maxBodyBytes)
            } catch {
                throw ProblemDetails(ScreenerError(.payloadTooLarge, "criteria larger than \(maxBodyBytes) bytes"))
            }
            var criteria = try CriteriaDocument.decode(Data(buffer: buffer), json: isJSON, source: "the request body")
            criteria.id = id
            let flags = linter.lint(criteria)
            let errors = flags.filter { $0.severity == .error }
            if !errors.isEmpty {
                throw ProblemDetails(
                    status: .unprocessableContent, code: "criteria_lint_failed", title: "Criteria refused by the bias lint",
                    detail: errors.map { "\($0.field): '\($0.term)' (\($0.category)): \($0.explanation)" }.joined(separator: "; "))
            }
            let before = try await store.criteria(jobId: id, version: nil)?.version
            try await accessLog.record(context, "put_criteria", .job, id: id)
            let version = try await store.putCriteria(criteria, jobId: id, source: .http, now: clock.now())
            let created = before != version
            return try JSONResponse.encode(PutResult(jobId: id, version: version, created: created, flags: flags), status: created ? .created : .ok)
        }
        group.get("jobs/:id/shortlist") { _, context in
            let id = try context.parameters.requireDecoded("id")
            guard try await store.job(id: id) != nil else { throw Self.notFound("job", id) }
            guard let shortlist = try await store.latestShortlist(jobId: id) else {
                throw ProblemDetails(status: .notFound, code: "not_found", title: "Not found", detail: "job \(id) has no shortlist yet")
            }
            try await accessLog.record(context, .read, .shortlist, id: id)
            var response = try JSONResponse.encode(shortlist)
            // LL144 §20-871: say so while serving scores whose tool configuration has no bias audit
            // from the past year.
            if let warning = try await AuditRunner(store: store, clock: clock).auditWarning(for: shortlist) {
                response.headers[Self.auditDueHeader] = warning
            }
            return response
        }
    }

    static var auditDueHeader: HTTPField.Name { HTTPField.Name("Screener-Audit-Due")! }

    static func notFound(_ what: String, _ id: String) -> ProblemDetails {
        ProblemDetails(status: .notFound, code: "not_found", title: "Not found", detail: "no \(what) with id \(id)")
    }
}

/// JSON bodies with sorted keys and ISO 8601 dates.
enum JSONResponse {
    static func encode<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder.sorted.encode(value)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Parameters {
    /// A path parameter with percent-encoding removed (job ids such as `acme:4567` arrive as
    /// `acme%3A4567` from clients that encode `:`).
    func requireDecoded(_ name: String) throws -> String {
        let raw = try require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

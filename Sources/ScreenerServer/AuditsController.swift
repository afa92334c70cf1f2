import BiasAudit
import Foundation
import HTTPTypes
import Hummingbird
import ScreenerCore

/// `/v1/audits`: bias audits over the store, for the compliance role (and admins).
///
/// - `GET /v1/audits?job=J` or `?all=true`, with `from`, `to` (YYYY-MM-DD), `outcome`
///   (`shortlisted`, the default, or `downstream`), `excludeBelowPercent` and `format`
///   (`json`, the default, `html`, `md` or `csv`). Every run is recorded; its id and result hash come
///   back in `Screener-Audit-Run` and `Screener-Audit-SHA256`. The tables hold aggregates only:
///   no individual's demographics leave the store.
/// - `GET /v1/audits/runs?limit=N`: the audit-run record, newest first.
struct AuditsController<Context: PrincipalRequestContext>: Sendable {
    let runner: AuditRunner
    let accessLog: AccessLogging

    static var runHeader: HTTPField.Name { HTTPField.Name("Screener-Audit-Run")! }
    static var hashHeader: HTTPField.Name { HTTPField.Name("Screener-Audit-SHA256")! }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("audits") { request, context in
            let query = request.uri.queryParameters
            func text(_ name: String) -> String? { query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
            func day(_ name: String) throws -> CalendarDay? {
                guard let t = text(name) else { return nil }
                guard let d = CalendarDay(iso: t) else { throw Self.invalid("\(name) must be a date YYYY-MM-DD") }
                return d
            }
            let job = text("job")
            let all = text("all").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
            guard (job != nil) != all else { throw Self.invalid("give exactly one of job=ID or all=true") }
            let formatText = text("format") ?? "json"
            guard let format = AuditReport.Format(rawValue: formatText) else {
                throw Self.invalid("format must be one of \(AuditReport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let outcomeText = text("outcome") ?? StoreAudit.Outcome.shortlisted.rawValue
            guard let outcome = StoreAudit.Outcome(rawValue: outcomeText) else {
                throw Self.invalid("outcome must be one of \(StoreAudit.Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var exclude: Int?
            if let t = text("excludeBelowPercent") {
                guard let p = Int(t) else { throw Self.invalid("excludeBelowPercent must be a whole number") }
                exclude = p
            }
            guard let principal = context.principal else {
                throw ProblemDetails(status: .unauthorized, code: ScreenerError.Code.unauthorized.rawValue, title: "Unauthorized", detail: "this route needs a token")
            }
            let request = AuditRunner.Request(jobId: job, from: try day("from"), to: try day("to"), outcome: outcome, excludeBelowPercent: exclude)
            try await accessLog.record(principal, "run", .audit, id: job)
            let (report, run) = try await runner.run(request, actor: "token:\(principal.name)")
            var headers = HTTPFields()
            headers[.contentType] = Self.contentType(format)
            headers[Self.runHeader] = run.id
            headers[Self.hashHeader] = run.resultSHA256
            if format == .html || format == .csv {
                headers[.contentDisposition] = "inline; filename=\"audit-\(run.id).\(format.rawValue)\""
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try report.render(format))))
        }
        group.get("audits/runs") { request, context in
            let limit = request.uri.queryParameters["limit"].flatMap { Int($0) } ?? 100
            guard (1...10_000).contains(limit) else { throw Self.invalid("limit must be 1…10000") }
            try await accessLog.record(context, .list, .audit, id: nil)
            return try JSONResponse.encode(try await runner.store.auditRuns(limit: limit))
        }
    }

    static func contentType(_ format: AuditReport.Format) -> String {
        switch format {
        case .json: "application/json"
        case .html: "text/html; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    static func invalid(_ detail: String) -> ProblemDetails {
        ProblemDetails(ScreenerError(.invalidInput, detail))
    }
}

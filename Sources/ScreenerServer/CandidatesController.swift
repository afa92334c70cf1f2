import Foundation
import Hummingbird
import Logging
import ScreenerCore
import Scoring

/// `GET /v1/candidates/{id}`: the candidate report as JSON (parsed profile without contact details,
/// redactions, scores with provenance and evidence, parse flags, deliveries).
/// `DELETE /v1/candidates/{id}`: erases every copy of the candidate's personal data.
struct CandidatesController<Context: PrincipalRequestContext>: Sendable {
    let assembler: ReportAssembler
    let store: any PipelineStore
    let clock: any ScreenerClock
    let logger: Logger
    let accessLog: AccessLogging
    /// `CandidatePipeline.erase`: the store, then the adapters' caches.
    let erase: @Sendable (String) async throws -> ErasureReport

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("candidates/:id") { _, context in
            let id = try context.parameters.requireDecoded("id")
            let data: CandidateReportData
            do {
                data = try await assembler.candidate(id: id)
            } catch let e as ScreenerError where e.code == .notFound {
                throw ProblemDetails(status: .notFound, code: "not_found", title: "Not found", detail: e.message)
            }
            try await accessLog.record(context, .read, .candidate, id: id)
            let body = try CandidateReport(data).render(.json)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        group.delete("candidates/:id") { _, context in
            let id = try context.parameters.requireDecoded("id")
            do {
                try await accessLog.record(context, .erase, .candidate, id: id)
                let report = try await erase(id)
                logger.notice("candidate erased on request", metadata: ["screener.candidate.id": "\(id)"])
                return try JSONResponse.encode(report)
            } catch let e as ScreenerError where e.code == .notFound {
                throw ProblemDetails(status: .notFound, code: "not_found", title: "Not found", detail: e.message)
            }
        }
    }
}

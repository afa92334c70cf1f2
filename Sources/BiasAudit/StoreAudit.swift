import Foundation
import ScreenerCore

/// Turns the store's per-application facts into audit individuals.
///
/// Two outcomes are audited, separately (issue 6, "Outcomes audited"):
/// - `shortlisted`, the tool's own decision: selected ⇔ the application is on the job's newest
///   shortlist revision (a knocked-out candidate is never on it). Its score is the tool's total, so
///   the scoring-rate tables (share strictly above the sample median) are built too.
/// - `downstream`, the ATS's or recruiter's decision after the tool: only decided applications count;
///   selected ⇔ the newest decision is `advanced`, `hired`, or an ATS stage name other than a
///   rejection (one containing "reject" or "declin"). Scores are left out: the decision was not the
///   tool's.
public enum StoreAudit {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case shortlisted, downstream
    }

    /// The individuals for `outcome`, one per application, dated by the application date (UTC).
    public static func input(_ records: [AuditRecord], outcome: Outcome) -> AuditInput {
        AuditInput(records: records.compactMap { r in
            let selected: Bool
            switch outcome {
            case .shortlisted:
                selected = r.shortlisted
            case .downstream:
                guard let decision = r.downstreamDecision else { return nil }
                selected = isPositive(decision)
            }
            return AuditInput.Record(
                id: r.applicationId, sex: r.demographics?.sex, race: r.demographics?.race, selected: selected,
                score: outcome == .shortlisted ? r.score : nil, job: r.jobId, date: CalendarDay(r.appliedAt))
        })
    }

    /// Whether a downstream decision moved the candidate forward.
    public static func isPositive(_ decision: String) -> Bool {
        let d = decision.lowercased()
        if d == "rejected" || d.contains("reject") || d.contains("declin") { return false }
        return true
    }

    /// The distinct tool configurations behind the records, sorted.
    public static func toolConfigurations(_ records: [AuditRecord]) -> [String] {
        Array(Set(records.map(\.toolConfiguration))).sorted()
    }
}

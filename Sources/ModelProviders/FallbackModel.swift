import Foundation
import ScreenerCore

/// Wraps a primary adapter and a fallback (normally `BuiltinModel`). When the primary fails, the
/// fallback's score is returned with `provenance.fallbackFrom = <primary adapter id>` and a warning
/// `fallback: <adapter> failed (<error code>); <fallback adapter> score used`.
///
/// Not a failure: cancellation (rethrown), and a `budget_exceeded` refusal unless
/// `fallbackOnBudget` is set (a spent budget is a decision, not an outage).
public struct FallbackModel: ScoringModel {
    public let primary: any ScoringModel
    public let fallback: any ScoringModel
    public var fallbackOnBudget: Bool

    public init(primary: any ScoringModel, fallback: any ScoringModel, fallbackOnBudget: Bool = false) {
        self.primary = primary
        self.fallback = fallback
        self.fallbackOnBudget = fallbackOnBudget
    }

    /// The primary's descriptor: that is what the job asked for.
    public var descriptor: ScoringModelDescriptor { primary.descriptor }

    public func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
        do {
            return try await primary.score(profile, criteria: criteria)
        } catch is CancellationError {
            throw CancellationError()
        } catch let e as ScreenerError where e.code == .budgetExceeded && !fallbackOnBudget {
            throw e
        } catch {
            let code = (error as? ScreenerError)?.code.rawValue ?? ScreenerError.Code.modelFailed.rawValue
            var s = try await fallback.score(profile, criteria: criteria)
            let from = primary.descriptor.adapter
            s.provenance.fallbackFrom = from
            s.warnings.append("fallback: \(from) failed (\(code)); \(fallback.descriptor.adapter) score used")
            return s
        }
    }
}

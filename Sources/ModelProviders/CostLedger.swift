import Foundation
import ScreenerCore

/// Tokens and cost per job id, with a per-job budget in USD.
///
/// Before each request an adapter calls `authorize(job:estimatedCostUSD:)`, which refuses with
/// `budget_exceeded` when `spent ≥ budget` or `spent + estimate > budget`; after each reply it
/// calls `record`. The budget of a job is `budgets[job]`, else `defaultBudgetUSD`, else unlimited.
/// The ledger lives in memory; `serve` seeds it with what stored scores already cost
/// (`prior`), so a restart does not reset a job's spending. Authorization is not a
/// reservation: concurrent requests of one job can each pass `authorize` before either records, so
/// a job can overshoot its budget by at most the cost of its requests in flight.
public actor CostLedger {
    public struct Usage: Codable, Sendable, Equatable {
        public var requests: Int = 0
        public var promptTokens: Int = 0
        public var completionTokens: Int = 0
        public var costUSD: Double = 0
        public var refusals: Int = 0
        public init() {}
    }

    public let defaultBudgetUSD: Double?
    private var budgets: [String: Double]
    private var ledger: [String: Usage] = [:]

    public init(defaultBudgetUSD: Double? = nil, budgets: [String: Double] = [:], prior: [String: Usage] = [:]) {
        self.defaultBudgetUSD = defaultBudgetUSD
        self.budgets = budgets
        self.ledger = prior
    }

    public func setBudget(_ usd: Double?, job: String) { budgets[job] = usd }

    public func budget(job: String) -> Double? { budgets[job] ?? defaultBudgetUSD }

    public func usage(job: String) -> Usage { ledger[job] ?? Usage() }

    public func remaining(job: String) -> Double? { budget(job: job).map { $0 - usage(job: job).costUSD } }

    /// Throws `budget_exceeded` when the next request would go over the job's budget.
    public func authorize(job: String, estimatedCostUSD: Double = 0) throws {
        guard let b = budget(job: job) else { return }
        let spent = usage(job: job).costUSD
        if spent >= b || spent + max(0, estimatedCostUSD) > b {
            ledger[job, default: Usage()].refusals += 1
            throw ScreenerError(.budgetExceeded, String(format: "model budget of job exhausted: spent %.6f of %.6f USD", spent, b))
        }
    }

    public func record(job: String, promptTokens: Int, completionTokens: Int, costUSD: Double) {
        var u = ledger[job, default: Usage()]
        u.requests += 1
        u.promptTokens += promptTokens
        u.completionTokens += completionTokens
        u.costUSD += costUSD
        ledger[job] = u
    }
}

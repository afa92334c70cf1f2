import Foundation

/// What the stored scores of one job cost in model calls: the sum of their provenance's tokens
/// and cost. `serve` seeds the per-job budget ledger with it, so budgets hold across restarts.
public struct ModelUsage: Codable, Sendable, Equatable {
    public var scores: Int
    public var promptTokens: Int
    public var completionTokens: Int
    public var costUSD: Double
    public init(scores: Int = 0, promptTokens: Int = 0, completionTokens: Int = 0, costUSD: Double = 0) {
        self.scores = scores
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.costUSD = costUSD
    }
}

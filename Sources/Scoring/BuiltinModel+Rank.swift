import Foundation
import ScreenerCore

/// One row of a ranking: the profile's position in the input array and its sub-scores.
public struct RankedProfile: Sendable, Equatable {
    public var index: Int
    public var rank: Int
    public var knockedOut: Bool
    public var components: ComponentScores
    public var total: Double { components.total }
}

extension BuiltinModel {
    /// Ranks prepared profiles for one job: not-knocked-out first, then `total` descending, ties by
    /// input index (deterministic). `knockedOut` holds indices whose knockouts did not pass.
    /// O(n) scoring on the fast path plus an O(n log n) sort; no explanations are built.
    public func rank(profiles: [PreparedProfile], criteria: PreparedCriteria, knockedOut: Set<Int> = [], top: Int? = nil) -> [RankedProfile] {
        var rows: [RankedProfile] = []
        rows.reserveCapacity(profiles.count)
        for (i, p) in profiles.enumerated() {
            rows.append(RankedProfile(index: i, rank: 0, knockedOut: knockedOut.contains(i), components: components(p, criteria)))
        }
        rows.sort { a, b in
            if a.knockedOut != b.knockedOut { return !a.knockedOut }
            if a.components.total != b.components.total { return a.components.total > b.components.total }
            return a.index < b.index
        }
        if let top, top < rows.count { rows.removeSubrange(top...) }
        for i in rows.indices { rows[i].rank = i + 1 }
        return rows
    }

    /// Convenience: prepares `criteria` with this model's taxonomy and corpus, then ranks.
    public func rank(profiles: [PreparedProfile], criteria: JobCriteria, top: Int? = nil) -> [RankedProfile] {
        rank(profiles: profiles, criteria: prepare(criteria), top: top)
    }
}

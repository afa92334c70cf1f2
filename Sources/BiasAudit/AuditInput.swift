import Foundation
import ScreenerCore

/// The individuals an audit is computed from: one record per person (per job), with voluntary
/// EEO-1 self-identification, the tool's decision and, optionally, its score.
public struct AuditInput: Sendable, Equatable {
    public struct Record: Sendable, Equatable {
        public var id: String
        /// nil means unknown (not self-identified).
        public var sex: Demographics.Sex?
        /// nil means unknown (not self-identified).
        public var race: Demographics.RaceEthnicity?
        public var selected: Bool
        public var score: Double?
        public var job: String?
        public var date: CalendarDay?

        public init(
            id: String, sex: Demographics.Sex?, race: Demographics.RaceEthnicity?, selected: Bool,
            score: Double? = nil, job: String? = nil, date: CalendarDay? = nil
        ) {
            self.id = id
            self.sex = sex
            self.race = race
            self.selected = selected
            self.score = score
            self.job = job
            self.date = date
        }
    }

    public var records: [Record]
    public init(records: [Record]) { self.records = records }

    /// True when at least one record carries a score (the scoring-rate tables are then built).
    public var hasScores: Bool { records.contains { $0.score != nil } }

    /// The earliest and latest dates present, nil when no record has a date.
    public var dateRange: ClosedRange<CalendarDay>? {
        let dates = records.compactMap(\.date)
        guard let lo = dates.min(), let hi = dates.max() else { return nil }
        return lo...hi
    }

    /// The records of `job` (all jobs when nil) dated within `from…to` (inclusive; an open end when
    /// nil). When either date bound is given, undated records are left out.
    public func filtered(job: String? = nil, from: CalendarDay? = nil, to: CalendarDay? = nil) -> AuditInput {
        AuditInput(records: records.filter { r in
            if let job, r.job != job { return false }
            if from == nil && to == nil { return true }
            guard let d = r.date else { return false }
            return (from.map { $0 <= d } ?? true) && (to.map { d <= $0 } ?? true)
        })
    }

    /// Distinct job identifiers in first-seen order.
    public var jobs: [String] {
        var seen = Set<String>(), out: [String] = []
        for j in records.compactMap(\.job) where seen.insert(j).inserted { out.append(j) }
        return out
    }
}

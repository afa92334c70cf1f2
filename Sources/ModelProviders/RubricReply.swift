import Foundation

/// The model's structured reply (`RubricPrompt.responseSchema`).
public struct RubricReply: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var score: Double
        public var evidence: [String]
        public var rationale: String
        public init(id: String, score: Double, evidence: [String] = [], rationale: String = "") {
            self.id = id
            self.score = score
            self.evidence = evidence
            self.rationale = rationale
        }
    }

    public var criteria: [Entry]
    public var rationale: String

    public init(criteria: [Entry], rationale: String = "") {
        self.criteria = criteria
        self.rationale = rationale
    }

    /// Why a reply does not fit the rubric (a schema violation even when the JSON parsed).
    public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Decodes `content` and checks it against the rubric: every item answered exactly once, no
    /// unknown id, each score a finite number in [0, 1]. Returns entries keyed by id.
    public static func parse(_ content: String, items: [RubricItem]) throws(Violation) -> [String: Entry] {
        let reply: RubricReply
        do {
            reply = try JSONDecoder().decode(RubricReply.self, from: Data(content.utf8))
        } catch {
            throw Violation(reason: "content is not rubric JSON")
        }
        let known = Set(items.map(\.id))
        var out: [String: Entry] = [:]
        for e in reply.criteria {
            guard known.contains(e.id) else { throw Violation(reason: "unknown criterion id") }
            guard out[e.id] == nil else { throw Violation(reason: "criterion answered twice") }
            guard e.score.isFinite, e.score >= 0, e.score <= 1 else { throw Violation(reason: "score outside [0, 1]") }
            out[e.id] = e
        }
        guard out.count == known.count else { throw Violation(reason: "\(known.count - out.count) criteria unanswered") }
        return out
    }
}

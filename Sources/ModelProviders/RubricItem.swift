import Foundation
import ScreenerCore

/// One thing the rubric asks the model to judge, derived from `JobCriteria`.
///
/// Ids are stable within one criteria version: `R1…` required skills, `P1…` preferred skills,
/// `X` experience, `E` education, `C1…` certifications, `L1…` languages, `F` overall fit with the
/// job's title and description. Each item belongs to one `Score.Component`:
///
/// | items | component | weight from the job's `weights` | rubric default |
/// |---|---|---|---|
/// | R | `requiredSkills` | `requiredSkills + skillDepth` (years asked are part of each item) | 0.35 |
/// | P | `preferredSkills` | `preferredSkills` | 0.15 |
/// | X | `experience` | `experience` | 0.15 |
/// | E | `education` | `education` | 0.08 |
/// | C | `certifications` | `certifications` | 0.06 |
/// | L | `languages` | `languages` | 0.06 |
/// | F | `jobFit` | `lexical` (the text-relevance share of the builtin model) | 0.15 |
///
/// A job without `weights` gets the rubric defaults, not `ScoreWeights.default`: the builtin's
/// defaults give its lexical (BM25) component more than half the score because, offline, text
/// relevance carries most of the signal; applied to the rubric they would let one overall-fit
/// judgement outweigh every criterion the model judged with evidence. Within a component, an item
/// weighs its skill's `weight` (default 1).
public struct RubricItem: Sendable, Equatable {
    public var id: String
    /// `Score.CriterionResult.kind`: `requiredSkill`, `preferredSkill`, `experience`, `education`,
    /// `certification`, `language`, `keywords`.
    public var kind: String
    public var name: String
    /// What the model is asked to judge, one line.
    public var prompt: String
    public var component: String
    public var weight: Double

    public init(id: String, kind: String, name: String, prompt: String, component: String, weight: Double = 1) {
        self.id = id
        self.kind = kind
        self.name = name
        self.prompt = prompt
        self.component = component
        self.weight = weight
    }

    /// The components in output order with their weights: the job's `weights` when it sets them,
    /// else `defaultComponentWeights`.
    public static func componentWeights(_ w: ScoreWeights?) -> [(String, Double)] {
        guard let w else { return defaultComponentWeights }
        return [("requiredSkills", w.requiredSkills + w.skillDepth), ("preferredSkills", w.preferredSkills),
                ("experience", w.experience), ("education", w.education), ("certifications", w.certifications),
                ("languages", w.languages), ("jobFit", w.lexical)]
    }

    /// The rubric's weights for a job without `weights` (they sum to 1; see the table above).
    public static let defaultComponentWeights: [(String, Double)] = [
        ("requiredSkills", 0.35), ("preferredSkills", 0.15), ("experience", 0.15), ("education", 0.08),
        ("certifications", 0.06), ("languages", 0.06), ("jobFit", 0.15),
    ]

    /// The rubric items for `criteria`, in id order.
    public static func items(for c: JobCriteria) -> [RubricItem] {
        func fmt(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x) }
        func skill(_ s: JobCriteria.SkillRequirement, _ label: String) -> String {
            "\(label): \(s.name)" + (s.minYears.map { ", at least \(fmt($0)) years of use" } ?? "")
        }
        var out: [RubricItem] = []
        for (i, s) in c.requiredSkills.enumerated() {
            out.append(.init(id: "R\(i + 1)", kind: "requiredSkill", name: s.name, prompt: skill(s, "Required skill"),
                             component: "requiredSkills", weight: max(0, s.weight ?? 1)))
        }
        for (i, s) in c.preferredSkills.enumerated() {
            out.append(.init(id: "P\(i + 1)", kind: "preferredSkill", name: s.name, prompt: skill(s, "Preferred skill"),
                             component: "preferredSkills", weight: max(0, s.weight ?? 1)))
        }
        if let y = c.minExperienceYears {
            out.append(.init(id: "X", kind: "experience", name: "\(fmt(y)) years of experience",
                             prompt: "Total relevant professional experience of at least \(fmt(y)) years (more is never a penalty)",
                             component: "experience"))
        }
        if let e = c.education {
            let fields = e.fields.isEmpty ? "" : " in " + e.fields.joined(separator: " or ")
            out.append(.init(id: "E", kind: "education", name: "\(e.minimum.rawValue) or above",
                             prompt: "Education at \(e.minimum.rawValue) level or above\(fields), or equivalent",
                             component: "education"))
        }
        for (i, cert) in c.certifications.enumerated() {
            out.append(.init(id: "C\(i + 1)", kind: "certification", name: cert, prompt: "Certification: \(cert)", component: "certifications"))
        }
        for (i, l) in c.languages.enumerated() {
            out.append(.init(id: "L\(i + 1)", kind: "language", name: l.language,
                             prompt: "Working language: \(l.language)" + (l.level.map { " at CEFR \($0) or above" } ?? ""),
                             component: "languages"))
        }
        if (c.title ?? "").isEmpty == false || (c.description ?? "").isEmpty == false {
            out.append(.init(id: "F", kind: "keywords", name: "fit with the job description",
                             prompt: "Overall fit of the experience with the job title and description given above",
                             component: "jobFit"))
        }
        return out
    }
}

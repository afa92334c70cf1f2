/// The built-in model's sub-scores for one profile × job, without explanation: what `rank` sorts on.
/// Each sub-score is in [0, 1], or NaN when the component does not apply to the job.
public struct ComponentScores: Sendable, Equatable {
    public var requiredSkills: Double = .nan
    public var preferredSkills: Double = .nan
    public var skillDepth: Double = .nan
    public var experience: Double = .nan
    public var education: Double = .nan
    public var certifications: Double = .nan
    public var languages: Double = .nan
    public var lexical: Double = .nan
    /// `100 · Σ w_c s_c / Σ w_c` over the components that apply.
    public var total: Double = 0

    public init() {}

    /// (name, sub-score, weight) of every component, applicable or not, in a fixed order.
    public func named(_ w: ScoreWeights) -> [(String, Double, Double)] {
        [("requiredSkills", requiredSkills, w.requiredSkills), ("preferredSkills", preferredSkills, w.preferredSkills),
         ("skillDepth", skillDepth, w.skillDepth), ("experience", experience, w.experience),
         ("education", education, w.education), ("certifications", certifications, w.certifications),
         ("languages", languages, w.languages), ("lexical", lexical, w.lexical)]
    }

    mutating func computeTotal(_ w: ScoreWeights) {
        var num = 0.0, den = 0.0
        @inline(__always) func add(_ s: Double, _ wt: Double) {
            if !s.isNaN && wt > 0 { num += wt * s; den += wt }
        }
        add(requiredSkills, w.requiredSkills); add(preferredSkills, w.preferredSkills)
        add(skillDepth, w.skillDepth); add(experience, w.experience); add(education, w.education)
        add(certifications, w.certifications); add(languages, w.languages); add(lexical, w.lexical)
        total = den > 0 ? 100 * num / den : 0
    }
}

import ScreenerCore

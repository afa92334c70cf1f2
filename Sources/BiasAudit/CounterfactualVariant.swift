import ScreenerCore

/// One altered copy of a resume for a counterfactual audit, and the builder of such copies.
///
/// Alterations (each variant changes one thing, everything else stays as parsed):
/// - `name(group)`: `basics.name` and every whole-word occurrence of the full name in the text
///   (as written or upper-case) become a name from `group` (race/ethnicity × sex); when the name is
///   not in the text, the new name is put on a first line of its own.
/// - `pronouns(sex)`: third-person pronouns and titles are rewritten to `sex`
///   (he/him/his/himself/Mr ↔ she/her/her/herself/Ms; "her" becomes "his", "hers" becomes "his";
///   the first letter's case is kept).
/// - `graduationShift(years)`: every education start/end year moves by `years` (negative = earlier
///   = an older candidate), and so do those four-digit years in the text inside the education
///   entries' ranges (or the education sections when entries have none).
/// - `employmentGap(months)`: every work entry but the most recent moves `months` earlier, opening a
///   gap before the latest job; four-digit years inside the moved entries' ranges follow when
///   `months` is a whole number of years.
/// Every `TextRange` of the resume is remapped to the rewritten text.
public struct CounterfactualVariant: Sendable, Equatable {
    public enum Kind: Sendable, Equatable, Hashable {
        case name(NameBank.Group)
        case pronouns(Demographics.Sex)
        case graduationShift(years: Int)
        case employmentGap(months: Int)

        /// Stable machine key, e.g. `name`, `pronouns`, `graduation_shift`, `employment_gap`.
        public var family: String {
            switch self {
            case .name: return "name"
            case .pronouns: return "pronouns"
            case .graduationShift: return "graduation_shift"
            case .employmentGap: return "employment_gap"
            }
        }

        /// Human label, identical for the same alteration across resumes (the grouping key).
        public var label: String {
            switch self {
            case .name(let g): return "Name: \(g)"
            case .pronouns(let s): return "Pronouns: \(s.rawValue.lowercased())"
            case .graduationShift(let y): return "Graduation years \(y >= 0 ? "+" : "")\(y)"
            case .employmentGap(let m): return "Employment gap \(m) months"
            }
        }
    }

    public var kind: Kind
    public var resume: ParsedResume
    /// The swapped-in name for `name` variants.
    public var swappedName: String?

    /// Which variants to build.
    public struct Plan: Sendable, Equatable {
        public var namesPerGroup: Int
        public var pronounTargets: [Demographics.Sex]
        public var graduationShifts: [Int]
        public var gapMonths: [Int]
        public init(namesPerGroup: Int = 2, pronounTargets: [Demographics.Sex] = [.male, .female],
                    graduationShifts: [Int] = [-15, 15], gapMonths: [Int] = [24]) {
            self.namesPerGroup = namesPerGroup
            self.pronounTargets = pronounTargets
            self.graduationShifts = graduationShifts
            self.gapMonths = gapMonths
        }
    }

    /// All variants of `resume` under `plan`, in a stable order.
    public static func variants(of resume: ParsedResume, names: NameBank, plan: Plan = .init()) -> [CounterfactualVariant] {
        var out: [CounterfactualVariant] = []
        for g in names.groups {
            for n in names.sample(g, count: plan.namesPerGroup) {
                out.append(CounterfactualVariant(kind: .name(g), resume: swapName(resume, to: n), swappedName: n))
            }
        }
        for s in plan.pronounTargets { out.append(CounterfactualVariant(kind: .pronouns(s), resume: swapPronouns(resume, to: s))) }
        for y in plan.graduationShifts where y != 0 && !resume.education.isEmpty {
            out.append(CounterfactualVariant(kind: .graduationShift(years: y), resume: shiftGraduation(resume, years: y)))
        }
        for m in plan.gapMonths where m > 0 && resume.work.count >= 2 {
            out.append(CounterfactualVariant(kind: .employmentGap(months: m), resume: insertGap(resume, months: m)))
        }
        return out
    }

    public static func swapName(_ resume: ParsedResume, to newName: String) -> ParsedResume {
        var r = resume
        if let old = resume.basics.name?.trimmingCharacters(in: .whitespaces), !old.isEmpty {
            var rw = TextRewrite(resume.text)
            rw.replaceWords([old]) { found in found == found.uppercased() && found != found.lowercased() ? newName.uppercased() : newName }
            if !rw.edits.isEmpty {
                r = rw.apply(to: resume)
                r.basics.name = newName
                return r
            }
        }
        // The name is not in the text: put it on a first line and shift every range.
        var rw = TextRewrite(resume.text)
        rw.insertPrefix(newName + "\n")
        r = rw.apply(to: resume)
        r.basics.name = newName
        return r
    }

    static let toFemale: [String: String] = ["he": "she", "him": "her", "his": "her", "himself": "herself", "mr": "ms"]
    static let toMale: [String: String] = ["she": "he", "her": "his", "hers": "his", "herself": "himself", "ms": "mr", "mrs": "mr"]

    public static func swapPronouns(_ resume: ParsedResume, to sex: Demographics.Sex) -> ParsedResume {
        let table = sex == .female ? toFemale : toMale
        var rw = TextRewrite(resume.text)
        rw.replaceWords(Array(table.keys)) { found in
            guard let target = table[found.lowercased()] else { return nil }
            if found == found.uppercased(), found.count > 1 { return target.uppercased() }
            if let f = found.first, f.isUppercase { return target.prefix(1).uppercased() + target.dropFirst() }
            return target
        }
        return rw.apply(to: resume)
    }

    /// Rewrites the four-digit years 1900…2099 inside `spans` by `delta`.
    static func shiftYears(_ resume: ParsedResume, spans: [TextRange], by delta: Int) -> TextRewrite {
        var rw = TextRewrite(resume.text)
        let years = (1900...2099).map(String.init)
        for span in spans.sorted(by: { $0.start < $1.start }) {
            let lo = max(0, span.start), hi = min(rw.scalars.count, span.end)
            guard lo < hi else { continue }
            rw.replaceWords(years, within: lo..<hi) { found in Int(found).map { String($0 + delta) } }
        }
        return rw
    }

    public static func shiftGraduation(_ resume: ParsedResume, years: Int) -> ParsedResume {
        var spans = resume.education.compactMap(\.range)
        if spans.isEmpty { spans = resume.sections.filter { $0.kind == "education" }.map(\.range) }
        var r = shiftYears(resume, spans: spans, by: years).apply(to: resume)
        r.education = r.education.map { e in
            var e = e
            e.startDate = e.startDate.map { ParsedResume.PartialDate(year: $0.year + years, month: $0.month) }
            e.endDate = e.endDate.map { ParsedResume.PartialDate(year: $0.year + years, month: $0.month) }
            return e
        }
        return r
    }

    public static func insertGap(_ resume: ParsedResume, months: Int) -> ParsedResume {
        func key(_ w: ParsedResume.Work) -> Int { w.isCurrent ? Int.max : (w.endDate ?? w.startDate)?.monthIndex ?? Int.min }
        guard let latest = resume.work.indices.max(by: { key(resume.work[$0]) < key(resume.work[$1]) }) else { return resume }
        let moved = resume.work.indices.filter { $0 != latest }
        var r = resume
        if months % 12 == 0 {
            r = shiftYears(resume, spans: moved.compactMap { resume.work[$0].range }, by: -months / 12).apply(to: resume)
        }
        func shift(_ d: ParsedResume.PartialDate?) -> ParsedResume.PartialDate? {
            d.map { d in
                let idx = d.monthIndex - months
                return ParsedResume.PartialDate(year: idx / 12, month: d.month == nil ? nil : idx % 12 + 1)
            }
        }
        for i in moved {
            r.work[i].startDate = shift(r.work[i].startDate)
            if !r.work[i].isCurrent { r.work[i].endDate = shift(r.work[i].endDate) }
        }
        return r
    }
}

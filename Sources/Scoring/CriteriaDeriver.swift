import Foundation
import ScreenerCore

/// `screener jobs derive JD.txt`: drafts `JobCriteria` from a job ad. The draft is marked
/// `derived: true, needsReview: true`.
///
/// - **Sections.** A short line ending in `:` or matching a known heading switches mode: requirement
///   headings ("Requirements", "Qualifications", "Must have", "What you bring") → required;
///   preference headings ("Nice to have", "Preferred", "Bonus", "Pluses") → preferred; others
///   ("Responsibilities", "About the role") → neutral; boilerplate headings ("Benefits", "Perks", "What
///   we offer", "About us", "Equal opportunity") → ignored until the next heading. A requirement or
///   preference heading followed by `:` inside a line ("… Preferred Qualifications: Strong Java …",
///   "Additional Experience (Not Required):"; ads whose line breaks were lost) starts a section there.
/// - **Boilerplate sentences** are ignored: equal-opportunity statements ("without regard to",
///   "protected veteran"), benefits ("we offer", "health insurance", "paid time off", "401(k)") and
///   company self-descriptions ("we are a …", "is a leading …", "founded in …"). Their words still
///   reach the lexical component through `description`, but they yield no skills, years or degree.
/// - **Wording** overrides the section per sentence: "must", "required", "essential", "mandatory"
///   → required; "nice to have", "bonus", "a plus", "preferred", "desirable", "ideally" → preferred.
///   Neutral sentences count as required when the ad has no requirement section, else preferred.
/// - **Skills**: taxonomy matches, plus phrases outside the taxonomy after "experience with/in",
///   "knowledge of", "proficiency in", "familiarity with", "expertise in" (1–4 words). Skills of the
///   taxonomy's `soft-skills` category get `weight: softSkillWeight` (0.3): nearly every resume
///   claims them, so they are weak evidence of fit; a reviewer may raise it.
/// - **Years**: "N+ years (of) … (with|in) X" gives X `minYears` when X is a skill of the sentence,
///   else the largest N is `minExperienceYears`.
/// - **Degree**: the lowest degree level named in a sentence that mentions a degree.
/// - **Languages**: "fluent/proficient in L" → C1, "L (B2)" → that level; certifications from
///   "X certification", "certified X".
public struct CriteriaDeriver: Sendable {
    public let taxonomy: SkillTaxonomy

    public init(taxonomy: SkillTaxonomy = .bundled()) { self.taxonomy = taxonomy }

    enum Mode { case required, preferred, neutral, ignored }

    /// Weight of a derived soft skill (taxonomy category `soft-skills`) relative to 1 for others.
    public static let softSkillWeight = 0.3

    static func re(_ p: String) -> NSRegularExpression { try! NSRegularExpression(pattern: p, options: [.caseInsensitive]) }
    static let requiredHeading = re(#"^\W*(?:requirements?|(?:minimum\s+)?required(?:\s+(?:skills|qualifications|experience))?|(?:minimum|basic|key)\s+(?:qualifications|skills(?:\s+(?:and|&)\s+competencies)?)|skills\s+required(?:\s+for\s+the\s+(?:position|role|job))?|qualifications|must[-\s]haves?|what\s+you(?:'ll)?\s+(?:need|bring)|who\s+you\s+are|skills(?:\s+(?:and|&)\s+experience)?|experience|you\s+have)\W*$"#)
    static let preferredHeading = re(#"^\W*(?:nice[-\s]to[-\s]haves?|preferred(?:\s+(?:qualifications|skills|experience))?|bonus(?:\s+points)?|pluses|desired(?:\s+(?:skills|qualifications|experience))?|desirable|good\s+to\s+have|extra\s+credit|(?:(?:additional|optional)(?:\s+(?:skills|qualifications|experience))?\s*)?\(\s*not\s+required\s*\)|optional)\W*$"#)
    /// A heading inside a line, as in ads whose line breaks were lost ("… Java Preferred
    /// Qualifications: Strong Java …"): a requirement or preference heading phrase of the forms
    /// above, at a word start and followed by a colon. `derive` breaks the line there.
    static let inlineHeading = re(#"(?<![\w-])((?:minimum\s+required\s+skills|(?:minimum|basic|key|preferred|desired|required|additional)\s+(?:qualifications|skills(?:\s+(?:and|&)\s+competencies)?|experience)(?:\s*\(\s*not\s+required\s*\))?|skills\s+required\s+for\s+the\s+(?:position|role|job)|optional\s*\(\s*not\s+required\s*\)|nice[-\s]to[-\s]haves?|requirements))\s*:"#)
    static let ignoredHeading = re(#"^\W*(?:benefits?|perks(?:\s+(?:and|&)\s+benefits)?|(?:what|why)\s+(?:we\s+offer|join\s+us|you(?:'ll)?\s+get)|about\s+(?:us|the\s+company|our\s+company)|who\s+we\s+are|our\s+(?:company|culture|story|mission)|equal\s+(?:employment\s+)?opportunit\w*(?:\s+employer)?|eeo\w*|compensation(?:\s+(?:and|&)\s+benefits)?|(?:salary|pay)(?:\s+range)?|how\s+to\s+apply)\W*$"#)
    static let boilerplate = re(#"\b(?:without\s+regard\s+to|regardless\s+of|equal\s+(?:employment\s+)?opportunit|protected\s+(?:veteran|by\s+(?:federal|state|law))|affirmative\s+action|reasonable\s+accommodation|we\s+offer|benefits?\s+(?:include|package)|(?:health|medical|dental|vision|life)\s+(?:insurance|coverage|benefits)|paid\s+time\s+off|401\s*\(?k\)?|tuition\s+reimbursement|we\s+are\s+(?:an?|the|one\s+of)\b|is\s+(?:a|the)\s+(?:leading|premier|world|global|fast)|founded\s+in|right\s+to\s+work|e-?verify)"#)
    static let requiredWords = re(#"\b(?:must|required|requires?|essential|mandatory|necessary|need\s+to\s+have)\b"#)
    static let preferredWords = re(#"\b(?:nice[-\s]to[-\s]have|bonus|(?:is\s+)?a\s+plus|preferred|preferably|desirable|desired|ideally|advantage(?:ous)?|good\s+to\s+have)\b"#)
    static let years = re(#"(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?(?:\+\s*)?years?(?:'|’)?\s+(?:of\s+)?(?:[a-z-]+\s+){0,3}?(?:experience|exp\.?)?(?:\s+(?:with|in|of|using|developing|building)\s+([^,.;\n()]+))?"#)
    static let phrase = re(#"\b(?:experience\s+(?:with|in|using)|knowledge\s+of|proficiency\s+(?:in|with)|proficient\s+(?:in|with)|familiarity\s+with|familiar\s+with|expertise\s+in|skilled\s+in)\s+([^,.;:\n()]+)"#)
    static let degreeMention = re(#"\b(?:degree|bachelor|master|ph\.?d|doctorate|b\.?sc|m\.?sc|mba|diploma|graduate)\b"#)
    static let language = re(#"\b(?:fluent|fluency|proficient|proficiency|native[-\s]level|business[-\s]level)\s+(?:in\s+)?(English|German|French|Spanish|Italian|Dutch|Portuguese|Polish|Japanese|Chinese|Mandarin|Arabic|Hindi|Russian|Swedish|Danish|Norwegian|Finnish)\b|\b(English|German|French|Spanish|Italian|Dutch|Portuguese|Polish|Japanese|Chinese|Mandarin|Arabic|Hindi|Russian|Swedish)\s*\(?\s*([ABC][12])\b"#)
    static let cert = try! NSRegularExpression(pattern: #"\b([A-Z][\w+/-]*(?:\s+[A-Z][\w+/-]*){0,4})\s+certifi(?:cation|ed)\b|\bcertified\s+([A-Z][\w+/-]*(?:\s+[A-Z][\w+/-]*){0,4})"#)
    static let stopPhrase: Set<String> = ["a", "an", "the", "and", "or", "with", "in", "of", "for", "to", "such", "as", "e.g", "including", "etc", "other", "similar", "related", "relevant", "any", "one", "modern", "large", "our"]

    public func derive(jobAd text: String, id: String) -> JobCriteria {
        let lines = text.components(separatedBy: .newlines)
        var title: String?
        var mode = Mode.neutral
        var hasRequiredSection = false
        var units: [(String, Mode)] = []
        for raw in lines.flatMap(Self.splitInlineHeadings) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if title == nil, line.count <= 80, !line.hasSuffix("."), !line.hasSuffix(":") { title = line; continue }
            let r = NSRange(location: 0, length: line.utf16.count)
            let isHeadingShape = line.count <= 60 && (line.hasSuffix(":") || !line.contains(where: { ".,;".contains($0) }))
            if isHeadingShape, Self.requiredHeading.firstMatch(in: line, range: r) != nil { mode = .required; hasRequiredSection = true; continue }
            if isHeadingShape, Self.preferredHeading.firstMatch(in: line, range: r) != nil { mode = .preferred; continue }
            if isHeadingShape, Self.ignoredHeading.firstMatch(in: line, range: r) != nil { mode = .ignored; continue }
            if line.hasSuffix(":"), line.count <= 60 { mode = .neutral; continue }
            // Sentences within the line.
            units.append((line, mode))
        }
        var required: [String: JobCriteria.SkillRequirement] = [:], preferred: [String: JobCriteria.SkillRequirement] = [:]
        var order: [String] = []
        var minExp: Double?
        var edu: ParsedResume.EducationLevel?
        var langs: [JobCriteria.LanguageRequirement] = []
        var certs: [String] = []
        var soft = Set<String>()

        for (unit, sectionMode) in units where sectionMode != .ignored {
            for sentence in Self.sentences(unit) {
                let r = NSRange(location: 0, length: sentence.utf16.count)
                if Self.boilerplate.firstMatch(in: sentence, range: r) != nil { continue }
                let ns = sentence as NSString
                var m = sectionMode
                if Self.preferredWords.firstMatch(in: sentence, range: r) != nil { m = .preferred }
                else if Self.requiredWords.firstMatch(in: sentence, range: r) != nil { m = .required }
                if m == .neutral { m = hasRequiredSection ? .preferred : .required }

                var names: [String] = []
                for x in taxonomy.matches(in: sentence) where !names.contains(x.name) {
                    names.append(x.name)
                    if x.category == "soft-skills" { soft.insert(x.name.lowercased()) }
                }
                for x in Self.phrase.matches(in: sentence, range: r) where x.range(at: 1).location != NSNotFound {
                    for piece in Self.splitList(ns.substring(with: x.range(at: 1))) where !names.contains(where: { $0.lowercased() == piece.lowercased() }) {
                        names.append(piece)
                    }
                }
                func add(_ n: String, years: Double?) {
                    let key = n.lowercased()
                    if required[key] == nil && preferred[key] == nil { order.append(key) }
                    let w = soft.contains(key) ? Self.softSkillWeight : nil
                    if m == .required || required[key] != nil {
                        var e = required[key] ?? .init(name: n, weight: w)
                        if let y = years { e.minYears = max(e.minYears ?? 0, y) }
                        required[key] = e
                        preferred[key] = nil
                    } else {
                        var e = preferred[key] ?? .init(name: n, weight: w)
                        if let y = years { e.minYears = max(e.minYears ?? 0, y) }
                        preferred[key] = e
                    }
                }
                // Years.
                var yearsFor: [String: Double] = [:]
                for y in Self.years.matches(in: sentence, range: r) {
                    guard let n = Double(ns.substring(with: y.range(at: 1))) else { continue }
                    let tail = y.range(at: 2).location != NSNotFound ? ns.substring(with: y.range(at: 2)).lowercased() : ""
                    let hits = names.filter { !tail.isEmpty && tail.contains($0.lowercased()) }
                    if hits.isEmpty { minExp = max(minExp ?? 0, n) } else { for h in hits { yearsFor[h] = n } }
                }
                for n in names { add(n, years: yearsFor[n]) }
                // Degree.
                if Self.degreeMention.firstMatch(in: sentence, range: r) != nil, let lv = EducationLevelDetector.lowestLevel(in: sentence) {
                    edu = edu.map { min($0, lv) } ?? lv
                }
                // Languages.
                for l in Self.language.matches(in: sentence, range: r) {
                    if l.range(at: 1).location != NSNotFound {
                        let name = ns.substring(with: l.range(at: 1)).capitalized
                        if !langs.contains(where: { $0.language == name }) { langs.append(.init(language: name, level: "C1")) }
                    } else if l.range(at: 2).location != NSNotFound {
                        let name = ns.substring(with: l.range(at: 2)).capitalized
                        let lv = ns.substring(with: l.range(at: 3)).uppercased()
                        if !langs.contains(where: { $0.language == name }) { langs.append(.init(language: name, level: lv)) }
                    }
                }
                // Certifications.
                let cr = NSRange(location: 0, length: sentence.utf16.count)
                for c in Self.cert.matches(in: sentence, range: cr) {
                    let g = c.range(at: 1).location != NSNotFound ? c.range(at: 1) : c.range(at: 2)
                    guard g.location != NSNotFound else { continue }
                    let name = ns.substring(with: g).trimmingCharacters(in: .whitespaces)
                    if name.count >= 2, !certs.contains(name) { certs.append(name) }
                }
            }
        }
        return JobCriteria(
            id: id, title: title, description: text, version: nil,
            requiredSkills: order.compactMap { required[$0] }, preferredSkills: order.compactMap { preferred[$0] },
            minExperienceYears: minExp, education: edu.map { .init(minimum: $0) }, languages: langs,
            certifications: certs, derived: true, needsReview: true)
    }

    /// "Intro. Basic Qualifications: A degree" → ["Intro.", "Basic Qualifications:", "A degree"].
    static func splitInlineHeadings(_ line: String) -> [String] {
        let ns = line as NSString
        let found = inlineHeading.matches(in: line, range: NSRange(location: 0, length: ns.length))
        if found.isEmpty { return [line] }
        var out: [String] = []
        var at = 0
        for m in found {
            if m.range.location > at { out.append(ns.substring(with: NSRange(location: at, length: m.range.location - at))) }
            out.append(ns.substring(with: m.range(at: 1)) + ":")
            at = m.range.location + m.range.length
        }
        if at < ns.length { out.append(ns.substring(from: at)) }
        return out
    }

    /// Splits at sentence ends (". ", "; ", "! ", "? ").
    static func sentences(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        let chars = Array(s)
        for (i, ch) in chars.enumerated() {
            cur.append(ch)
            if ".;!?".contains(ch), i + 1 == chars.count || chars[i + 1] == " " {
                out.append(cur.trimmingCharacters(in: .whitespaces)); cur = ""
            }
        }
        if !cur.trimmingCharacters(in: .whitespaces).isEmpty { out.append(cur.trimmingCharacters(in: .whitespaces)) }
        return out
    }

    /// "Kafka, event sourcing and CQRS" → ["Kafka", "event sourcing", "CQRS"], each 1–4 words,
    /// trimmed of leading/trailing filler words.
    static func splitList(_ s: String) -> [String] {
        let parts = s.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: " or ", with: ",")
            .replacingOccurrences(of: "/", with: ",").split(separator: ",")
        var out: [String] = []
        for p in parts {
            var words = p.split(separator: " ").map(String.init)
            while let f = words.first, stopPhrase.contains(f.lowercased()) { words.removeFirst() }
            while let l = words.last, stopPhrase.contains(l.lowercased()) { words.removeLast() }
            if (1...4).contains(words.count) { out.append(words.joined(separator: " ")) }
        }
        return out
    }
}

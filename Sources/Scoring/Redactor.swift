import Foundation
import ScreenerCore

/// Turns a `ParsedResume` into a `RedactedProfile` under a `RedactionPolicy`.
///
/// Steps: (1) collect candidate spans, first the field rules from `basics` (the name forward,
/// reversed "Last, First" and first+last; emails; phones; address; postcode; profile URLs, all
/// matched literally and case-insensitively), then each pattern rule; (2) accept spans kind by kind
/// in `policy.priority` order, skipping any span that overlaps one already accepted; (3) rebuild the
/// text with each span replaced by its kind's fixed token, recording `Redaction(kind, original,
/// replacement)`; (4) remap every structural offset (sections, work, education, skill evidence)
/// into the redacted text; skill evidence inside a redaction is dropped, and so is a skill whose
/// every mention was redacted. Dates become durations and months-ago relative to `asOf`.
public struct Redactor: Sendable {
    public let policy: RedactionPolicy
    private let compiled: [(RedactionPolicy.Rule, NSRegularExpression)]

    public init(policy: RedactionPolicy = .default) {
        self.policy = policy
        self.compiled = policy.rules.compactMap { r in
            (try? NSRegularExpression(pattern: r.pattern, options: r.caseInsensitive ? [.caseInsensitive] : [])).map { (r, $0) }
        }
    }

    struct Span { var kind: String; var start: Int; var end: Int }

    /// Redacts `resume`; `asOf` (default `resume.meta.parsedAt`) anchors months-ago values.
    public func redact(_ resume: ParsedResume, asOf: Date? = nil) -> RedactedProfile {
        let (outText, redactions) = redactText(resume.text, basics: resume.basics)
        let remap = OffsetRemap(redactions)
        // Structural strings get the same rules (their redactions are not recorded: they have no
        // offsets in the text).
        func field(_ s: String?) -> String? { s.map { redactText($0, basics: resume.basics).0 } }

        // (4) Structure.
        let anchor = Self.monthIndex(asOf ?? resume.meta.parsedAt)
        let work: [RedactedProfile.Work] = resume.work.map { w in
            let end = w.isCurrent ? anchor : (w.endDate?.monthIndex ?? w.startDate.map { _ in anchor })
            let dur = w.startDate.flatMap { s in end.map { max(0, $0 - s.monthIndex + 1) } }
            return .init(position: field(w.position), organization: field(w.name), durationMonths: dur,
                         monthsSinceEnd: w.isCurrent ? 0 : w.endDate.map { max(0, anchor - $0.monthIndex) },
                         isCurrent: w.isCurrent, range: w.range.map(remap.range))
        }
        let education = resume.education.map {
            RedactedProfile.Education(level: $0.level, area: field($0.area), studyType: field($0.studyType), range: $0.range.map(remap.range))
        }
        var skills: [RedactedProfile.Skill] = []
        for s in resume.skills {
            let kept = s.evidence.filter { !remap.overlapsRedaction($0.range) }
                .map { ParsedResume.Evidence(range: remap.range($0.range), section: $0.section) }
            if !s.evidence.isEmpty && kept.isEmpty { continue }
            // Years and recency: the parser's values, else from the work entries holding a mention.
            var months = s.monthsUsed
            var since = s.lastUsed.map { max(0, anchor - $0.monthIndex) }
            if months == nil || since == nil {
                let holders = work.filter { w in
                    guard let r = w.range else { return false }
                    return kept.contains { $0.range.start >= r.start && $0.range.end <= r.end }
                }
                if !holders.isEmpty {
                    if months == nil { months = holders.compactMap(\.durationMonths).reduce(0, +) }
                    if since == nil { since = holders.compactMap(\.monthsSinceEnd).min() }
                }
            }
            skills.append(.init(name: s.name, id: s.id, category: s.category, monthsUsed: months, monthsSinceLastUsed: since, evidence: kept))
        }
        return RedactedProfile(
            text: outText,
            sections: resume.sections.map { .init(kind: $0.kind, heading: field($0.heading), range: remap.range($0.range)) },
            work: work, education: education, skills: skills,
            languages: resume.languages, certificates: resume.certificates.map { field($0.name) ?? "" },
            totalExperienceMonths: resume.totalExperienceMonths,
            redactions: redactions, policyVersion: policy.version
        )
    }

    /// The text pass: candidate spans, acceptance by priority, rebuild with fixed tokens.
    func redactText(_ text: String, basics: ParsedResume.Basics) -> (String, [RedactedProfile.Redaction]) {
        let scalars = Array(text.unicodeScalars)
        let map = UTF16ScalarMap(text)
        var candidates: [Span] = []

        // (1a) Field rules from the parsed basics.
        func literal(_ s: String?, _ kind: String) {
            guard let s = s?.trimmingCharacters(in: .whitespacesAndNewlines), s.count >= 3 else { return }
            find(NSRegularExpression.escapedPattern(for: s), kind)
        }
        func find(_ pattern: String, _ kind: String) {
            guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return }
            for m in re.matches(in: text, range: NSRange(location: 0, length: map.utf16Count)) {
                candidates.append(Span(kind: kind, start: map.scalar(m.range.location), end: map.scalar(m.range.location + m.range.length)))
            }
        }
        let b = basics
        if let name = b.name {
            let tokens = name.split(whereSeparator: { $0.isWhitespace || $0 == "," })
                .map(String.init).filter { $0.count >= 1 }
            let esc = tokens.map { NSRegularExpression.escapedPattern(for: $0) }
            if !esc.isEmpty, name.count >= 2 {
                let sep = "[\\s.,]+"
                find("(?<![\\w])" + esc.joined(separator: sep) + "(?![\\w])", "name")
                if esc.count >= 2 {
                    find("(?<![\\w])" + esc.last! + "\\s*,\\s*" + esc.dropLast().joined(separator: sep) + "(?![\\w])", "name")
                    if esc.count >= 3 { find("(?<![\\w])" + esc.first! + sep + esc.last! + "(?![\\w])", "name") }
                }
            }
        }
        for e in ([b.email] + b.emails.map(Optional.some)) { literal(e, "email") }
        for p in ([b.phone] + b.phones.map(Optional.some)) { literal(p, "phone") }
        literal(b.location?.address, "address")
        literal(b.location?.postalCode, "postcode")
        literal(b.url, "profile_link")
        for p in b.profiles { literal(p.url, "profile_link") }

        // (1b) Pattern rules.
        for (rule, re) in compiled {
            for m in re.matches(in: text, range: NSRange(location: 0, length: map.utf16Count)) {
                let s = map.scalar(m.range.location), e = map.scalar(m.range.location + m.range.length)
                guard e > s else { continue }
                if rule.minDigits != nil || rule.maxDigits != nil || rule.skipIfOnlyYears == true {
                    let piece = scalars[s..<e]
                    let digits = piece.filter { $0.properties.numericType != nil && $0.isASCII }.count
                    if let lo = rule.minDigits, digits < lo { continue }
                    if let hi = rule.maxDigits, digits > hi { continue }
                    if rule.skipIfOnlyYears == true {
                        let groups = String(String.UnicodeScalarView(piece)).split(whereSeparator: { !$0.isNumber })
                        if groups.allSatisfy({ g in g.count == 4 && (g.hasPrefix("19") || g.hasPrefix("20")) }) { continue }
                    }
                }
                candidates.append(Span(kind: rule.kind, start: s, end: e))
            }
        }

        // (2) Accept by priority, no overlaps.
        var taken = [Bool](repeating: false, count: scalars.count + 1)
        var accepted: [Span] = []
        let order = Dictionary(uniqueKeysWithValues: policy.priority.enumerated().map { ($1, $0) })
        let sorted = candidates.sorted {
            let pa = order[$0.kind] ?? Int.max, pb = order[$1.kind] ?? Int.max
            if pa != pb { return pa < pb }
            if $0.start != $1.start { return $0.start < $1.start }
            return ($0.end - $0.start) > ($1.end - $1.start)
        }
        for sp in sorted where sp.end > sp.start {
            if (sp.start..<sp.end).contains(where: { taken[$0] }) { continue }
            for i in sp.start..<sp.end { taken[i] = true }
            accepted.append(sp)
        }
        accepted.sort { $0.start < $1.start }

        // (3) Rebuild.
        var out = String.UnicodeScalarView()
        var redactions: [RedactedProfile.Redaction] = []
        var cursor = 0, outLen = 0
        for sp in accepted {
            out.append(contentsOf: scalars[cursor..<sp.start])
            outLen += sp.start - cursor
            let tok = policy.token(for: sp.kind).unicodeScalars
            out.append(contentsOf: tok)
            redactions.append(.init(kind: sp.kind, original: TextRange(start: sp.start, end: sp.end),
                                    replacement: TextRange(start: outLen, end: outLen + tok.count)))
            outLen += tok.count
            cursor = sp.end
        }
        out.append(contentsOf: scalars[cursor..<scalars.count])
        return (String(out), redactions)
    }

    static func monthIndex(_ d: Date) -> Int {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month], from: d)
        return (c.year ?? 1970) * 12 + ((c.month ?? 1) - 1)
    }
}

/// Maps UTF-16 offsets (NSRegularExpression) to Unicode-scalar offsets.
struct UTF16ScalarMap {
    let utf16Count: Int
    private let toScalar: [Int32]
    init(_ text: String) {
        var t: [Int32] = []
        t.reserveCapacity(text.utf16.count + 1)
        var i: Int32 = 0
        for s in text.unicodeScalars {
            t.append(i)
            if s.utf16.count == 2 { t.append(i) }
            i += 1
        }
        t.append(i)
        toScalar = t
        utf16Count = t.count - 1
    }
    func scalar(_ u: Int) -> Int { Int(toScalar[min(max(0, u), toScalar.count - 1)]) }
}

/// Maps original scalar offsets to redacted-text offsets through sorted redactions.
struct OffsetRemap {
    let reds: [RedactedProfile.Redaction]
    init(_ r: [RedactedProfile.Redaction]) { reds = r }

    /// `p` is a boundary position. Inside a redaction it snaps to the replacement's start (for a
    /// start) or end (for an end).
    func map(_ p: Int, isEnd: Bool) -> Int {
        var delta = 0
        for r in reds {
            if p <= r.original.start { break }
            if p < r.original.end { return isEnd ? r.replacement.end : r.replacement.start }
            delta = r.replacement.end - r.original.end
        }
        return p + delta
    }
    func range(_ r: TextRange) -> TextRange { TextRange(start: map(r.start, isEnd: false), end: map(r.end, isEnd: true)) }
    func overlapsRedaction(_ t: TextRange) -> Bool { reds.contains { $0.original.start < t.end && t.start < $0.original.end } }
}

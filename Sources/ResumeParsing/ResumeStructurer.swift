import Foundation
import ScreenerCore

/// Turns extracted text into a ``ParsedResume``: sections, contact, name and label, work
/// history, total experience, education, skills, certifications, languages, hidden-text and
/// prompt-injection flags, and warnings.
///
/// Warnings are stable codes: `missing_name`, `missing_email`, `missing_phone`,
/// `no_work_history`, `no_sections_found`, `unparsed_dates:<n>`, `hidden_text:<n>`.
struct ResumeStructurer {
    var taxonomy: SkillTaxonomy
    var now: Date
    var defaultPhoneRegion: String?

    private var dates: DateRangeParser { DateRangeParser.shared(currentYear: ExperienceCalculator.monthIndex(now) / 12) }

    func structure(_ doc: ExtractedDocument, meta: ParsedResume.Meta) -> ParsedResume {
        let lines = TextLines(doc.text)
        var r = ParsedResume(text: doc.text, meta: meta)
        let dates = self.dates
        // Sections.
        let headings = SectionSplitter().headings(lines)
        var spans: [(kind: String, heading: String?, from: Int, to: Int, offset: Int)] = []
        let firstHeading = headings.first?.line ?? lines.lines.count
        if firstHeading > 0 { spans.append(("contact", nil, 0, firstHeading, 0)) }
        for (k, h) in headings.enumerated() {
            let to = k + 1 < headings.count ? headings[k + 1].line : lines.lines.count
            spans.append((h.kind, h.heading, h.line, to, h.contentOffset))
        }
        r.sections = spans.map { .init(kind: $0.kind, heading: $0.heading, range: lines.range(lines: $0.from, $0.to)) }
        if headings.isEmpty { r.warnings.append("no_sections_found") }

        // Contact and name.
        let headerText = lines.lines[0..<min(max(firstHeading, 8), lines.lines.count)].map(\.text).joined(separator: "\n")
        let contact = ContactExtractor(defaultRegion: defaultPhoneRegion).extract(doc.text, headerText: headerText)
        r.basics.emails = contact.emails
        r.basics.email = contact.emails.first
        r.basics.phones = contact.phones
        r.basics.phone = contact.phones.first
        r.basics.profiles = contact.profiles
        r.basics.url = contact.profiles.first(where: { $0.network == "Portfolio" })?.url
        r.basics.location = contact.location
        let (name, label) = nameAndLabel(lines, headerEnd: min(max(firstHeading, 1), 12))
        r.basics.name = name
        r.basics.label = label
        if let s = spans.first(where: { $0.kind == "summary" }) {
            let body = contentText(lines, s.from, s.to, s.offset)
            if !body.isEmpty { r.basics.summary = String(body.prefix(2000)) }
        }

        // Work.
        let work = WorkHistoryExtractor(dates: dates)
        var unparsed = 0
        for s in spans where s.kind == "experience" {
            let res = work.extract(lines, from: s.from + (s.offset >= lines.lines[s.from].length ? 1 : 0), to: s.to, firstLineOffset: s.offset >= lines.lines[s.from].length ? 0 : s.offset)
            r.work += res.work
            unparsed += res.unparsedDateLines
        }
        if r.work.isEmpty && !spans.contains(where: { $0.kind == "experience" }) {
            // No experience heading: look for dated entries anywhere outside education.
            for s in spans where !["education", "certifications", "skills", "languages"].contains(s.kind) {
                let res = work.extract(lines, from: s.from, to: s.to, firstLineOffset: 0)
                r.work += res.work.filter { $0.position != nil || $0.name != nil }
            }
        }
        r.totalExperienceMonths = ExperienceCalculator.totalMonths(r.work, now: now)
        if r.basics.label == nil { r.basics.label = r.work.first?.position }

        // Education.
        let edu = EducationExtractor(dates: dates)
        for s in spans where s.kind == "education" {
            let skipHead = s.offset >= lines.lines[s.from].length
            r.education += edu.extract(lines, from: s.from + (skipHead ? 1 : 0), to: s.to, firstLineOffset: skipHead ? 0 : s.offset)
        }

        // Certifications and languages.
        for s in spans where s.kind == "certifications" {
            let skipHead = s.offset >= lines.lines[s.from].length
            for i in (s.from + (skipHead ? 1 : 0))..<s.to {
                var t = lines.lines[i].trimmed
                if i == s.from && !skipHead { t = String(String.UnicodeScalarView(lines.lines[i].text.unicodeScalars.dropFirst(s.offset))).trimmingCharacters(fast: .whitespaces) }
                t = t.trimmingCharacters(fast: FastTrimSet(charactersIn: "•-* "))
                guard t.count >= 3, t.wordCount <= 20 else { continue }
                for item in t.components(separatedBy: "   ") where item.count >= 3 {
                    let date = dates.singleDates(in: item).last?.date
                    var name = EducationExtractor(dates: dates).stripDates(item)
                    var issuer: String?
                    for sep in [" - ", " – ", ", ", " by ", " from "] {
                        if let rr = name.range(of: sep) {
                            issuer = String(name[rr.upperBound...]).trimmingCharacters(fast: .whitespaces)
                            name = String(name[..<rr.lowerBound])
                            break
                        }
                    }
                    if !name.isEmpty { r.certificates.append(.init(name: name, issuer: issuer?.isEmpty == true ? nil : issuer, date: date)) }
                }
            }
        }
        var langLines: [String] = []
        for s in spans where s.kind == "languages" {
            langLines += (s.from..<s.to).map { i in i == s.from ? String(String.UnicodeScalarView(lines.lines[i].text.unicodeScalars.dropFirst(min(s.offset, lines.lines[i].length)))) : lines.lines[i].text }
        }
        for l in lines.lines where l.trimmed.utf8.first.map({ $0 == UInt8(ascii: "L") || $0 == UInt8(ascii: "l") }) == true
            && l.trimmed.prefix(9).lowercased() == "languages" && l.trimmed.contains(":") {
            langLines.append(String(l.trimmed.drop(while: { $0 != ":" }).dropFirst()))
        }
        for l in langLines {
            for lang in LanguageExtractor.languages(inLine: l) where !r.languages.contains(where: { $0.language == lang.language }) {
                r.languages.append(lang)
            }
        }

        // Skills.
        r.skills = SkillAggregator(taxonomy: taxonomy, now: now).skills(text: doc.text, sections: r.sections, work: r.work, lines: lines)

        // Flags and warnings.
        addFlags(&r, hidden: doc.hiddenText)
        if r.basics.name == nil { r.warnings.append("missing_name") }
        if r.basics.email == nil { r.warnings.append("missing_email") }
        if r.basics.phone == nil { r.warnings.append("missing_phone") }
        if r.work.isEmpty { r.warnings.append("no_work_history") }
        if unparsed > 0 { r.warnings.append("unparsed_dates:\(unparsed)") }
        return r
    }

    /// Completes a resume mapped from a structured format: skills from the taxonomy (merged
    /// with declared ones), total experience, prompt-injection flags and warnings.
    func finish(_ input: ParsedResume) throws -> ParsedResume {
        var r = input
        r.text = TextNormalizer.normalize(r.text)
        let lines = TextLines(r.text)
        let headings = SectionSplitter().headings(lines)
        r.sections = headings.enumerated().map { k, h in
            .init(kind: h.kind, heading: h.heading, range: lines.range(lines: h.line, k + 1 < headings.count ? headings[k + 1].line : lines.lines.count))
        }
        r.skills = SkillAggregator(taxonomy: taxonomy, now: now).skills(text: r.text, sections: r.sections, work: r.work, lines: nil, declared: r.skills)
        r.totalExperienceMonths = ExperienceCalculator.totalMonths(r.work, now: now)
        addFlags(&r, hidden: [])
        if r.basics.name == nil { r.warnings.append("missing_name") }
        if r.basics.email == nil { r.warnings.append("missing_email") }
        if r.basics.phone == nil { r.warnings.append("missing_phone") }
        if r.work.isEmpty { r.warnings.append("no_work_history") }
        return r
    }

    private func addFlags(_ r: inout ParsedResume, hidden: [String]) {
        for h in PromptInjectionDetector.scan(r.text) {
            r.flags.append(.init(kind: "prompt_injection", detail: h.kind, range: h.range, excerpt: h.excerpt))
        }
        for (i, h) in hidden.enumerated() {
            if i < 50 {
                r.flags.append(.init(kind: "hidden_text", detail: "text a reader cannot see (\(h.count) characters)", range: nil, excerpt: String(h.prefix(500))))
            }
            for hit in PromptInjectionDetector.scan(h) {
                r.flags.append(.init(kind: "prompt_injection", detail: "\(hit.kind) (in hidden text)", range: nil, excerpt: hit.excerpt))
            }
        }
        if !hidden.isEmpty { r.warnings.append("hidden_text:\(hidden.count)") }
    }

    private func contentText(_ lines: TextLines, _ from: Int, _ to: Int, _ offset: Int) -> String {
        var parts: [String] = []
        for i in from..<to {
            let t = i == from ? String(String.UnicodeScalarView(lines.lines[i].text.unicodeScalars.dropFirst(min(offset, lines.lines[i].length)))) : lines.lines[i].text
            let tt = t.trimmingCharacters(fast: .whitespaces)
            if !tt.isEmpty { parts.append(tt) }
        }
        return parts.joined(separator: " ")
    }

    static let notNames: Set<String> = ["curriculum", "vitae", "resume", "résumé", "cv", "profile", "page", "contact", "address", "email", "phone", "mobile", "objective", "summary"]

    /// The name is the first header line of 2–4 capitalised alphabetic words (initials allowed)
    /// without title words; the label is the first header line with title words (≤ 8 words).
    func nameAndLabel(_ lines: TextLines, headerEnd: Int) -> (String?, String?) {
        var name: String?
        var label: String?
        var seen = 0
        for l in lines.lines.prefix(headerEnd) {
            var t = l.trimmed
            guard !t.isEmpty else { continue }
            seen += 1
            if seen > 6 { break }
            // "Name | email | phone" headers: take the first piece.
            for sep in [" | ", "   ", " - ", ", "] { if let r = t.range(of: sep) { let head = String(t[..<r.lowerBound]); if head.wordCount >= 2 { t = head } } }
            let words = t.split(separator: " ")
            let titleScore = JobTitleLexicon.titleScore(t)
            if name == nil, (2...4).contains(words.count), titleScore == 0,
               words.allSatisfy({ w in
                   guard let f = w.first, f.isUppercase else { return false }
                   return w.allSatisfy { isLetterFast($0) || $0 == "." || $0 == "-" || $0 == "'" || $0 == "’" }
               }),
               !words.contains(where: { Self.notNames.contains($0.lowercased()) }),
               SectionSplitter().heading(t) == nil,
               JobTitleLexicon.companyScore(t) == 0 {
                name = words.joined(separator: " ")
                continue
            }
            if label == nil, titleScore > 0, words.count <= 8, !t.contains("@") {
                label = t
            }
        }
        return (name, label)
    }
}

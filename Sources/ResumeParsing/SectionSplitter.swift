import Foundation

/// Finds section headings and splits the resume into sections.
///
/// A line is a heading when, after dropping numbering ("1.", "II)", "#"), decoration ("== ", "—",
/// "•"), a trailing colon, and letter spacing ("E X P E R I E N C E"), its words are all known
/// heading words: qualifiers ("professional", "technical", "work", "relevant"…) plus at least one
/// key word that names a kind ("experience" → experience, "education" → education…). Parts joined
/// by "and", "&", "/" or "," must all be known; the kind of the first part wins, and inside a
/// part the last key word decides ("Career Objective" → summary). A heading may share its line
/// with content after a colon or dash ("Skills: Swift, Go") or, when the heading is in capitals,
/// after two or more spaces. Headings are at most 6 words and 60 characters.
struct SectionSplitter {
    struct Heading {
        var line: Int
        var kind: String
        var heading: String
        /// Scalar offset within the line where content starts (after the heading and separator).
        var contentOffset: Int
    }

    static let keys: [String: String] = [
        "summary": "summary", "profile": "summary", "objective": "summary", "objectives": "summary", "about": "summary", "overview": "summary",
        "introduction": "summary", "highlights": "summary", "résumé": "summary", "profil": "summary", "perfil": "summary", "zusammenfassung": "summary",
        "experience": "experience", "experiences": "experience", "employment": "experience", "work": "experience", "career": "experience",
        "internships": "experience", "internship": "experience", "expérience": "experience", "expériences": "experience", "experiencia": "experience",
        "berufserfahrung": "experience", "werdegang": "experience", "esperienza": "experience", "experiência": "experience", "positions": "experience",
        "education": "education", "academic": "education", "academics": "education", "qualification": "education", "qualifications": "education",
        "formation": "education", "formación": "education", "educación": "education", "ausbildung": "education", "studies": "education", "schooling": "education",
        "training": "education", "degrees": "education", "bildung": "education", "istruzione": "education", "educação": "education", "formação": "education",
        "skills": "skills", "skill": "skills", "competencies": "skills", "competences": "skills", "compétences": "skills", "expertise": "skills",
        "proficiencies": "skills", "technologies": "skills", "tools": "skills", "abilities": "skills", "strengths": "skills", "kenntnisse": "skills",
        "fähigkeiten": "skills", "habilidades": "skills", "competencias": "skills", "competenze": "skills", "stack": "skills", "proficiency": "skills",
        "projects": "projects", "project": "projects", "projets": "projects", "projekte": "projects", "proyectos": "projects", "portfolio": "projects",
        "certifications": "certifications", "certification": "certifications", "certificates": "certifications", "certificate": "certifications",
        "licenses": "certifications", "licences": "certifications", "license": "certifications", "licensure": "certifications", "credentials": "certifications",
        "zertifikate": "certifications", "certificaciones": "certifications",
        "languages": "languages", "language": "languages", "langues": "languages", "sprachen": "languages", "idiomas": "languages", "lingue": "languages",
        "awards": "awards", "honors": "awards", "honours": "awards", "achievements": "awards", "accomplishments": "awards", "recognition": "awards",
        "volunteer": "volunteer", "volunteering": "volunteer", "community": "volunteer", "bénévolat": "volunteer", "ehrenamt": "volunteer",
        "interests": "interests", "hobbies": "interests", "activities": "interests", "loisirs": "interests", "interessen": "interests", "pursuits": "interests",
        "references": "references", "referees": "references", "referenzen": "references",
        "contact": "contact", "details": "other", "information": "other", "coordonnées": "contact",
        "publications": "other", "affiliations": "other", "memberships": "other", "conferences": "other", "patents": "other", "research": "other",
        "courses": "education", "coursework": "education", "extracurricular": "interests", "leadership": "other", "presentations": "other",
    ]
    /// Words that may precede or follow key words without changing the kind.
    static let qualifiers: Set<String> = [
        "professional", "technical", "relevant", "key", "core", "additional", "other", "selected", "personal", "academic", "work", "career",
        "employment", "history", "summary", "of", "the", "my", "and", "areas", "area", "related", "recent", "previous", "prior", "computer",
        "it", "software", "special", "specialized", "functional", "soft", "hard", "transferable", "industry", "practical", "military", "teaching",
        "volunteer", "leadership", "honors", "educational", "background", "record", "profile", "experience", "certificates", "training",
        "professionnelle", "professionnelles", "professional", "profesional", "laboral", "berufliche", "beruflicher", "de", "la", "des", "und",
        "y", "et", "e", "skills", "info", "information", "details", "statement", "qualifications", "interests", "activities", "achievements",
        "certifications", "licenses", "awards", "language", "languages", "highlights", "tools", "technologies", "accomplishments", "affiliations",
        "in", "with", "for", "experiences", "objective", "project", "projects", "education", "extra", "curricular", "co", "personal", "social",
        "overview", "knowledge", "competencies", "strengths", "programming", "development", "community", "service", "contact",
        "participated", "courses", "course", "internships", "employment", "positions", "held", "summary", "relevant", "work",
    ]

    static let numeral = CompiledPattern(#"^(?:[ivx]{1,4}|[a-h])[.)]\s+"#, caseInsensitive: true)

    /// Every heading, in order.
    func headings(_ lines: TextLines) -> [Heading] {
        var out: [Heading] = []
        for (i, line) in lines.lines.enumerated() {
            if let h = heading(line.text) { out.append(Heading(line: i, kind: h.kind, heading: h.heading, contentOffset: h.contentOffset)) }
        }
        return out
    }

    /// Classifies one line as a heading.
    func heading(_ raw: String) -> (kind: String, heading: String, contentOffset: Int)? {
        // Cheap reject before any string searching: the first word must be a heading word, a
        // short numeral/letter, or decoration.
        var firstWord = Substring("")
        var sawLetter = false
        var start = raw.startIndex
        for (idx, ch) in zip(raw.indices, raw) {
            if isLetterFast(ch) { if !sawLetter { start = idx; sawLetter = true } } else if sawLetter { firstWord = raw[start..<idx]; break }
        }
        if sawLetter && firstWord.isEmpty { firstWord = raw[start...] }
        guard sawLetter else { return nil }
        if firstWord.count > 4 {
            let fw = firstWord.lowercased()
            guard Self.keys[fw] != nil || Self.qualifiers.contains(fw) else { return nil }
        }
        let trimmedLead = raw.prefix { $0 == " " }.count
        let line = raw.trimmingCharacters(fast: .whitespaces)
        // A string has at most as many Characters as UTF-8 bytes: count them only when needed.
        guard !line.isEmpty, line.utf8.count <= 120 || line.count <= 120 else { return nil }
        if line.hasPrefix("•") || line.hasPrefix("-") && !line.hasPrefix("--") { return nil }
        // Whole line.
        if line.utf8.count <= 60 || line.count <= 60, let kind = classify(line) { return (kind, line, raw.unicodeScalars.count) }
        // Heading + content on one line: "Skills: …", "SKILLS – …", "SKILLS   Swift…".
        for sep in [":", " – ", " — ", " - ", " | "] {
            // A separator can only be found where its distinctive character is (a byte check
            // before Foundation's search).
            guard Self.mayContain(line, sep) else { continue }
            if let r = line.range(of: sep) {
                let head = String(line[..<r.lowerBound])
                if head.count <= 40, let kind = classify(head) {
                    let off = trimmedLead + line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: r.upperBound)
                    return (kind, head.trimmingCharacters(fast: .whitespaces), off)
                }
            }
        }
        if TextNormalizer.containsBytes(line.utf8, 0x20, 0x20), let r = line.range(of: "  ") {
            let head = String(line[..<r.lowerBound])
            if head.count <= 40, head == head.uppercased(), head.contains(where: isLetterFast), let kind = classify(head) {
                let off = trimmedLead + line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: r.upperBound)
                return (kind, head, off)
            }
        }
        return nil
    }

    /// False only when `line` cannot hold `sep`: its non-space character is absent.
    static func mayContain(_ line: String, _ sep: String) -> Bool {
        guard let key = sep.unicodeScalars.first(where: { $0 != " " }) else { return true }
        if key.isASCII { return line.utf8.contains(UInt8(key.value)) }
        return line.unicodeScalars.contains(key)
    }

    /// `lower.split(whereSeparator: { !isLetterFast($0) && $0 != "'" && $0 != "-" }).first ?? ""`,
    /// without splitting the rest of the string.
    static func firstWord(_ lower: String) -> String {
        func isPart(_ c: Character) -> Bool { isLetterFast(c) || c == "'" || c == "-" }
        guard let a = lower.firstIndex(where: isPart) else { return "" }
        let b = lower[a...].firstIndex(where: { !isPart($0) }) ?? lower.endIndex
        return String(lower[a..<b])
    }

    func classify(_ raw: String) -> String? {
        // Cheap reject: the first word (letters only, lower-cased) must be a known heading word,
        // a roman or letter numeral, or a single letter of a letter-spaced heading.
        let firstWord = Self.firstWord(raw.lowercased())
        guard firstWord.count <= 4 || Self.keys[firstWord] != nil || Self.qualifiers.contains(firstWord) else { return nil }
        var s = raw.trimmingCharacters(fast: .whitespaces)
        // Numbering and decoration.
        while let f = s.first, !isLetterFast(f) {
            s.removeFirst()
            if s.count > 80 { return nil }
        }
        // The numeral pattern needs a "." or ")": skip the regex without one.
        if s.utf8.contains(where: { $0 == 0x2E || $0 == 0x29 }),
           let r = Self.numeral.firstRange(in: s) { s.removeSubrange(r) }
        while let l = s.last, !isLetterFast(l) { s.removeLast() }
        guard !s.isEmpty else { return nil }
        // Letter-spaced capitals: "E X P E R I E N C E".
        let parts = s.split(separator: " ")
        if parts.count >= 4, parts.allSatisfy({ $0.count == 1 || $0 == "" }) { s = parts.joined() }
        else if ByteSearch.contains(s, [0x20, 0x20, 0x20]) && s.contains("   ") && s.split(separator: " ").filter({ $0.count == 1 }).count >= 4 {
            s = s.components(separatedBy: "   ").map { $0.replacingOccurrences(of: " ", with: "") }.joined(separator: " ")
        }
        let lower = s.lowercased()
        guard !lower.contains(where: { isNumberFast($0) }) else { return nil }
        let words = lower.split(whereSeparator: { !isLetterFast($0) && $0 != "'" && $0 != "-" }).map(String.init)
        guard !words.isEmpty, words.count <= 6 else { return nil }
        // A heading is not a sentence: reject mixed-case lines that start lower-case.
        if let f = s.first, f.isLowercase { return nil }
        var partKinds: [String?] = []
        var current: String?
        var currentHasWord = false
        for w in words {
            if w == "and" || w == "&" || w == "und" || w == "et" || w == "y" {
                partKinds.append(current); current = nil; currentHasWord = false
                continue
            }
            let isKey = Self.keys[w] != nil
            let isQual = Self.qualifiers.contains(w)
            guard isKey || isQual else { return nil }
            if isKey {
                current = Self.keys[w]
            }
            currentHasWord = true
        }
        _ = currentHasWord
        partKinds.append(current)
        // Pure-qualifier headings like "Work History" or "Employment" alone.
        if partKinds.allSatisfy({ $0 == nil }) {
            if words.contains("history") || words.contains("employment") { return "experience" }
            return nil
        }
        // "Work History", "Employment History", "Career History" are experience even though
        // "history" is a qualifier.
        if words.contains("volunteer") || words.contains("volunteering") { return "volunteer" }
        if words.contains("history") && (words.contains("work") || words.contains("employment") || words.contains("career")) { return "experience" }
        return partKinds.compactMap { $0 }.first
    }
}

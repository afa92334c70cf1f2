import Foundation
import Testing
@testable import ResumeParsing

/// The fast paths used by the structurer must give exactly Foundation's and the standard
/// library's answers: parsing results may not change with them.
@Suite("Fast text helpers")
struct FastTextTests {
    static let samples: [String] = [
        "", " ", "\t", "  Swift  ", "\tSenior Engineer\t", "a", " a", "a ", "\r\n", "x\r\n", "\r\nx", "\u{0B}\u{0C}v\u{0B}",
        "  • Led a team  ", "– Acme –", "—", "(2019)", " ,|Acme Corp|, ", "Java. ", "..Java..", "\u{00A0}NBSP\u{00A0}",
        "\u{2003}em space\u{2003}", "e\u{301} ", " \u{301}x", "\u{0600} ", "ab\u{0600} ", "\u{2028}line\u{2029}", "\u{85}next\u{85}",
        "日本語 ", " 日本語", "ﬁ ", "  ", "\t \t", "-–— .", "a-–— .", "Company Name, City, ST ",
        "\u{200B}zero width\u{200B}", "\u{1680}ogham\u{3000}", "\u{FEFF}bom\u{FEFF}", "😀 x 😀", " 😀", "😀 ", "•• x ••", "x\u{00A0}\u{2003}",
        "\u{00A0}", "–", "\u{2028}", "\u{0301} x \u{0301}", "é", " é ", "\u{180E}mongolian\u{180E}", "\u{2060}joiner\u{2060}",
    ]
    static let sets: [(FastTrimSet, CharacterSet)] = [
        (.whitespaces, .whitespaces), (.whitespacesAndNewlines, .whitespacesAndNewlines),
        (FastTrimSet(charactersIn: " ,|–—-:()[]•\t"), CharacterSet(charactersIn: " ,|–—-:()[]•\t")),
        (FastTrimSet(charactersIn: "-–— ."), CharacterSet(charactersIn: "-–— .")),
        (FastTrimSet(charactersIn: "."), CharacterSet(charactersIn: ".")),
    ]

    @Test("trimmingCharacters(fast:) equals trimmingCharacters(in:) for strings and substrings")
    func trimEqualsFoundation() {
        // Given every ASCII character around text, and the samples above
        var inputs = Self.samples
        for b in 0..<128 {
            let c = String(UnicodeScalar(UInt8(b)))
            inputs += [c, c + "x" + c, "x" + c, c + c + "é" + c]
        }
        for (fast, foundation) in Self.sets {
            for s in inputs {
                // When trimmed both ways, Then the results are the same bytes
                #expect(Array(s.trimmingCharacters(fast: fast).utf8) == Array(s.trimmingCharacters(in: foundation).utf8), "\(s.debugDescription)")
                let sub = ("<" + s + ">").dropFirst().dropLast()
                #expect(Array(sub.trimmingCharacters(fast: fast).utf8) == Array(sub.trimmingCharacters(in: foundation).utf8), "\(s.debugDescription)")
            }
        }
    }

    @Test("isLetterFast and isNumberFast agree with Character")
    func letterAndNumber() {
        var chars: [Character] = (0..<128).map { Character(UnicodeScalar(UInt8($0))) }
        chars += ["é", "ß", "日", "½", "٣", "\r\n", "e\u{301}", "Ω", "ª"]
        for c in chars {
            #expect(isLetterFast(c) == c.isLetter, "\(c.debugDescription)")
            #expect(isNumberFast(c) == c.isNumber, "\(c.debugDescription)")
        }
    }

    @Test("the India-cue byte search answers as a search of the lower-cased text")
    func caseInsensitiveCues() {
        // Given the cue words in every case, beside ASCII and non-ASCII neighbours, and the
        // two characters whose lower case holds ASCII (İ, Kelvin sign)
        let cues = Array(ContactExtractor.indiaCues.prefix(10))
        var inputs = Self.samples + ["", "Pune", "PUNE", "pUnE", "xpunex", "Pun", "Pu ne", "Bengaluru, KA", "NEW DELHI", "Gurgaon•",
                                     "Noİda", "DELH\u{212A}", "\u{212A}", "Mumba\u{0130}", "punë", "Chen\u{301}nai", "HYDERABAD\r\n", "@PUNE", "`pune"]
        for c in cues { inputs += [c, c.uppercased(), c.capitalized, "é" + c.uppercased() + "é", String(c.dropLast())] }
        for s in inputs {
            // When searched both ways
            let reference = cues.contains { ContactExtractor.containsBytes(Array(s.lowercased().utf8), $0) }
            let fast = ContactExtractor.mayHoldLowercased(s, cues)
            // Then the fast search never misses, and only the two special characters make it answer true alone
            #expect(fast == reference || (fast && (s.contains("\u{0130}") || s.contains("\u{212A}"))), "\(s.debugDescription)")
        }
    }

    @Test("the work-history separator check never skips a split Foundation would make")
    func separatorCheck() {
        // Given each separator inside, around and beside look-alikes of the samples
        let seps = ["   ", " | ", " – ", " — ", " - ", "\t", " at ", " @ ", ";", ", "]
        var inputs = Self.samples + ["a\u{037E}b", "Acme\u{037E} Inc", "x -\u{301} y", "Cook at\u{301} Inn", "Acme, Austin, TX"]
        for sep in seps { inputs += [sep, "a" + sep + "b", sep + "é", "é" + sep, "Acme" + sep + "Lead" + sep + "2019"] }
        for s in inputs {
            for sep in seps {
                // When checked, Then a "cannot hold" answer means Foundation finds nothing to split
                let split = s.components(separatedBy: sep)
                #expect(WorkHistoryExtractor.mayHold(s, sep) || split == [s], "\(s.debugDescription) \(sep.debugDescription)")
                if split != [s] { #expect(WorkHistoryExtractor.mayHold(s, sep)) }
            }
        }
    }

    @Test("the byte normaliser equals the scalar and Character one")
    func normalizerEqualsReference() {
        // Given line-ending, spacing, ligature, bullet and control cases, alone and joined
        var inputs = Self.samples + [
            "a\r\nb", "a\rb", "a\r\r\nb", "\r\n\r\n\r\nx", "x\n\n\n\ny\n\n", "\n\nx", "x  \n  \ny", "\u{0600} \nx", "x\u{0600}  ", "é  \nx",
            "a\tb", "\u{00A0}a\u{2003}b\u{3000}", "zero\u{200B}width\u{FEFF}\u{AD}", "ﬁﬂﬀﬃﬄ", "\u{E000}\u{F0B7}\u{25CF}\u{2713} item",
            "ctl\u{01}\u{1F}\u{7F}\u{85}x", "Acme ï¼ Engineer", "¼ cup", "a \u{301}\nb", "😀 \n", " \n \n", "\n", "x\n", "🇺🇸  ",
            "Acme ï¼\nEngineer", "ï¼", "ïï¼¼ ï¼ï¼", "i\u{308}¼ x", "ï¼\u{301} x", "ï¼é", "x ï¼  \n", "ï\r\n¼", "ï¼\u{0600}",
            "– \nx", "me ï¼\u{200B} Company", "ï¼\u{200B}\u{301}x", "ï¼\u{01}\u{301}", "ï¼\u{AD}\u{FEFF}\u{200D}y", "ï¼\u{200B}", "\u{0600}ï¼ x", "éï¼ x", "日本 \n", "\u{110BD} \n", "\u{1F600}  \nx", "\u{06DD}  ",
        ]
        inputs += [inputs.joined(separator: "\n"), inputs.joined(separator: "\r\n"), inputs.joined()]
        // and random strings of the pieces around the "ï¼" repair and trailing spaces
        let pieces = ["ï", "¼", "ï¼", "i\u{308}", "\u{200B}", "\u{AD}", "\u{301}", " ", "  ", "\n", "\r\n", "\r", "\t", "x", "é",
                      "\u{0600}", "\u{01}", "–", "😀", "\u{A0}", "ﬁ"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3_000 { inputs.append((0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()) }
        for s in inputs {
            // When normalised both ways, Then the bytes are the same
            #expect(Array(TextNormalizer.normalize(s).utf8) == Array(TextNormalizer.normalizeScalars(s).utf8), "\(s.debugDescription)")
        }
    }

    @Test("the education keyword prefilters never skip a regex match")
    func educationPrefilters() {
        // Given the keywords in any case, cut short, and beside characters that case-fold to
        // ASCII letters (ſ, K, ﬆ, İ), punctuation and other letters, in random strings
        let pieces = ["University", "UNIVERSITÄT", "universidad", "Univ", "college", "Institute", "INSTITUTO", "institu", "ſchool", "inﬆitute",
                      "İİT", "IIT", "nit", "Bits", "École", "ecole", "Academy", "Polytechnic", "Hochschule", "escuela", "Faculty",
                      "Conservatory", "Seminary", "GPA", "cgpa", "Grade", "percentage", "SCORE", "ſcore", "Sco", "gpa", "85 %", "85%", "3.9/4",
                      " ", ", ", "–", "•", "’", "é", "日本", "\u{212A}", "x", "-", ":", "1", "\n"]
        var rng = SystemRandomNumberGenerator()
        var inputs = pieces + Self.samples
        for _ in 0..<3_000 { inputs.append((0..<Int.random(in: 1...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()) }
        for s in inputs {
            let range = NSRange(location: 0, length: s.utf16.count)
            // When the prefilter says no, Then the regex finds nothing
            if !EducationExtractor.institutionWords.mayMatch(s) {
                #expect(EducationExtractor.institutionRegex.firstMatch(in: s, range: range) == nil, "\(s.debugDescription)")
            }
            if !EducationExtractor.scoreWords.mayMatch(s) && !s.utf8.contains(0x25) {
                #expect(EducationExtractor.scoreRegex.firstMatch(in: s, range: range) == nil, "\(s.debugDescription)")
            }
        }
        #expect(!EducationExtractor.institutionWords.mayMatch("Senior Engineer – Acme • 2019"))
    }

    @Test("prompt-injection trigger words found on bytes equal those of the lower-cased Character split")
    func triggerWords() {
        // Given trigger words in any case, plural, glued to letters, digits, joiners, marks,
        // punctuation and non-ASCII letters
        let pieces = ["Ignore", "IGNORES", "ignored", "you", "You", "this", "THIS", "rate", "Rates", "score", "systems", "instructions",
                      "instruction", "dear", "Hello", "ASSISTANT", "mark", "select", "hire", "hires", " ", "\n", "\r\n", "•", "–", "’", "\u{200D}",
                      "\u{200C}", "\u{2071}", "\u{0301}", "é", "ſ", "\u{212A}", "İ", "1", "_", "@", "-", "日本", "\u{0600}", "x"]
        var rng = SystemRandomNumberGenerator()
        var inputs = pieces + Self.samples
        for _ in 0..<3_000 { inputs.append((0..<Int.random(in: 1...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()) }
        for s in inputs {
            // When the words are found both ways, Then the trigger forms among them are the same
            let reference = Set(s.lowercased().split(whereSeparator: { !isLetterFast($0) }).map(String.init)).intersection(PromptInjectionDetector.triggerForms)
            #expect(PromptInjectionDetector.triggerWords(s) == reference, "\(s.debugDescription)")
        }
    }
}

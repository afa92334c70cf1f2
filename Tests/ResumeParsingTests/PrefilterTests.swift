import Foundation
@testable import ResumeParsing
import Testing

/// The byte prefilters may only skip a regex that cannot match, and the byte word split must
/// find the words the `Character` split finds, on the characters mis-decoded PDFs are full of.
@Suite("Prefilters never skip a match")
struct PrefilterTests {
    static let mojibake = ["é", "É", "ÿ", "µ", "ª", "ß", "Ã", "â€™", "â€“", "Å“", "Å¡", "Å½", "Æ’", "Ëœ", "Ë†", "â„¢", "€", "™", "œ", "Œ",
                           "\u{00A0}", "\u{AD}", "\u{85}", "•", "’", "–", "\u{2071}", "ſ", "\u{212A}", "İ", "ﬆ", "\u{0301}", "日本", "\u{200D}"]

    @Test("KeywordPrefilter: false only when the case-insensitive regex of its words finds nothing")
    func keywordPrefilter() {
        // Given words in any case beside characters that fold to ASCII letters (ſ, K, ß, ﬆ, İ) and
        // those that do not (Latin-1, Windows-1252 mojibake, punctuation)
        let words = ["classify", "school", "cole", "kit", "instruction", "assistant"]
        let filter = KeywordPrefilter(words)
        let regex = try! NSRegularExpression(pattern: words.joined(separator: "|"), options: [.caseInsensitive])
        let pieces = words + words.map { $0.uppercased() } + ["claßify", "ſchool", "École", "ÉCOLE", "\u{212A}it", "inﬆruction", "aſſiſtant",
                                                             "clas", "sify", "x", " ", "1"] + Self.mojibake
        for s in SeededRandom.texts(of: pieces, count: 20_000, most: 7, seed: 7) + pieces {
            // When the prefilter says no; Then the regex finds nothing
            if !filter.mayMatch(s) {
                #expect(regex.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)) == nil, "\(s.debugDescription)")
            }
        }
        #expect(!filter.mayMatch("Senior Engineer – Acme • 2019 – â€™ café ™"))
    }

    @Test("trigger words on bytes equal the lower-cased Character split, with Latin-1 and mojibake")
    func triggerWords() {
        // Given trigger words glued to and beside non-ASCII letters and symbols
        let pieces = ["Ignore", "IGNORES", "you", "this", "THIS", "rate", "Rates", "systems", "instructions", "hire", "x", " ", "\n", "-", "1",
                      "ignoreé", "éthis", "thisÿ"] + Self.mojibake
        for s in SeededRandom.texts(of: pieces, count: 20_000, most: 7, seed: 11) + pieces {
            // When found both ways; Then the same trigger forms
            let reference = Set(s.lowercased().split(whereSeparator: { !isLetterFast($0) }).map(String.init)).intersection(PromptInjectionDetector.triggerForms)
            #expect(PromptInjectionDetector.triggerWords(s) == reference, "\(s.debugDescription)")
        }
    }

    @Test("prompt-injection scan: the second prefilter changes no hit")
    func promptInjection() {
        // Given texts made of the patterns' words, injections among them, in any case
        let pieces = ["ignore", "all", "previous", "instructions", "prompt", "rules", "rate", "this", "candidate", "as", "score", "of", "10/10",
                      "100%", "a perfect", "you are", "an", "AI", "dear", "ChatGPT", "system", "prompt", "[system]", "<system>", "new",
                      "assistant:", "recommend", "hire", "applicant", "immediately", "is", "the", "best", "most qualified", "match", "person",
                      "for", " ", " ", "  ", "\n", ".", "Systems", "context", "advance", "was", "ideal", "rate", "Rank", "grade", "evaluate",
                      "MARK", "classify", "the", "me", "my", "you", "are", "note", "to", "hey", "hello", "attention", "gpt", "llm", "ats",
                      "screener", "recruiter", "bot", "[", "]", "<", ">", "/", "10", "100", "5", "%", ":", "=", "assistant", "a", "perfect",
                      "\t", "\u{00A0}", "\u{2003}", "\u{1F}", "\u{0B}", "cv", "resume", "at", "highly", "top"] + Self.mojibake
        // and injection-like phrases slot by slot (each slot with a wrong choice too)
        let slots: [[[String]]] = [
            [["ignore", "disregard", "forget", "override", "ignor"], ["all", "any", ""], ["the", "your", ""], ["previous", "system", ""],
             ["instructions", "prompt", "rules", "directions", "guidelines", "context", "contex"]],
            [["rate", "rank", "score", "grade", "evaluate", "mark", "classify", "rat"], ["this", "the", "me", "my", "them"],
             ["candidate", "resume", "cv", "person", ""], ["as", "at", "with", "a", "an", "highly", "10", "100", "top", "the best", "x"]],
            [["score", "rating", "rate", "grade"], ["of", ":", "=", "this resume as", ""], ["10/10", "10 / 10", "100/100", "100 %", "5/5", "a perfect", "9/10", "a  perfec"]],
            [["you are", "you  are", "dear", "attention", "note to", "hey", "hello", "you"], ["an", "a", ""], ["ai", "a.i.", "chatgpt", "gpt", "llm", "ats", "screener", "recruiter bot", "assistant", "bot"]],
            [["system prompt", "new instructions", "[ system ]", "[system]", "< / system >", "</system>", "<system>", "assistant :", "assistant:", "system", "new", "<", "["], ["x", ""]],
            [["you must", "you should", ""], ["recommend", "select", "shortlist", "hire", "advance", "hir"], ["this"], ["candidate", "applicant", "person", "one"], ["immediately", "for", "as", "now", "without", "la"]],
            [["this"], ["is", "was", "isnt"], ["the"], ["best", "most qualified", "perfect", "ideal", "strongest", "good"], ["candidate", "applicant", "match", "matches", "fit"]],
        ]
        let spaces = [" ", " ", "  ", "\t", "\n", "\u{00A0}", "\u{2003}", "", "\u{1F}", " é "]
        var rng = SeededRandom(seed: 21)
        func next(_ n: Int) -> Int { rng.next(n) }
        var phrases: [String] = []
        for _ in 0..<30_000 {
            let sentence = slots[next(slots.count)]
            var s = next(3) == 0 ? pieces[next(pieces.count)] + spaces[next(spaces.count)] : ""
            for slot in sentence {
                var w = slot[next(slot.count)]
                if next(4) == 0 { w = w.uppercased() } else if next(4) == 0 { w = w.capitalized }
                s += w + spaces[next(spaces.count)]
            }
            if next(3) == 0 { s += pieces[next(pieces.count)] }
            phrases.append(s)
        }
        var found = 0
        for s in SeededRandom.texts(of: pieces, count: 20_000, most: 7, seed: 13) + phrases {
            // When scanned with the prefilters; Then the same hits as without them
            let kinds = PromptInjectionDetector.scan(s).map(\.kind)
            let reference = PromptInjectionDetector.scan(s, secondPrefilter: false)
            #expect(kinds == reference.map(\.kind), "\(s.debugDescription)")
            #expect(PromptInjectionDetector.scan(s).map(\.range) == reference.map(\.range))
            found += kinds.count
        }
        #expect(Set(phrases.flatMap { PromptInjectionDetector.scan($0).map(\.kind) }).count == 7)
        #expect(found > 500)
    }

    @Test("institution scan equals the institution regex")
    func institutions() {
        // Given institution names in any case, cut, glued to letters, digits, "_" or accents
        let pieces = ["University", "UNIVERSITÄT", "Universität", "université", "UNIVERSITÀ", "universidad", "Universidade", "universitdad", "UNIVERSITADE", "universities",
                      "univ", "College", "institut", "Institute", "INSTITUTO", "School", "schools", "Academy", "Polytechnic", "Hochschule",
                      "École", "ÉCOLE", "ecole", "escuela", "Faculty", "Conservatory", "Seminary", "IIT", "iiit", "NIT", "BITS", "bit",
                      " ", "  ", ",", "-", "_", "1", "x", "é", "É", "’", "–", "•", "\u{00A0}", "ß", "ſ", "\u{212A}", "â€™", "\u{301}", "日本"]
        let regex = EducationExtractor.institutionRegex
        for s in SeededRandom.texts(of: pieces, count: 30_000, most: 7, seed: 23) + pieces {
            // When checked both ways; Then the same answer
            let reference = regex.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)) != nil
            #expect(EducationExtractor.mentionsInstitution(s) == reference, "\(s.debugDescription)")
        }
    }

    @Test("the score prefilters never skip a score match")
    func scores() {
        // Given score words, separators and numbers in random order and case
        let pieces = ["GPA", "cgpa", "Grade", "percentage", "SCORE", "ſcore", "gpa:", " ", "  ", ":", "-", "–", "3.9", "/", "4", "85", "%",
                      " %", "x", "é", "\u{00A0}", "\t", "â€™", "1", ".", "ß"]
        let regex = EducationExtractor.scoreRegex
        for s in SeededRandom.texts(of: pieces, count: 30_000, most: 7, seed: 29) + pieces {
            // When the prefilters say no; Then the regex finds nothing
            let may = EducationExtractor.scoreWords.mayMatch(s) && EducationExtractor.scoreShape.mayMatch(s) || s.utf8.contains(0x25)
            if !may {
                #expect(regex.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)) == nil, "\(s.debugDescription)")
            }
        }
    }

    @Test("the location shape check never skips a location match")
    func locationShape() {
        // Given places, states, countries and remote-work words beside commas, spaces and other text
        let pieces = ["Austin", ", ", ",", "TX", "Texas", "New York", "NY", "Remote", "Hybrid", "On-site", "Onsite", "On", "site", "remote",
                      "USA", "United States", "India", "Pune", " ", ".", "-", "Acme", "Inc", "x", "1", "\n"] + Self.mojibake
        for s in SeededRandom.texts(of: pieces, count: 30_000, most: 6, seed: 31) + pieces {
            // When the shape check says no; Then the regex finds nothing
            if !JobTitleLexicon.mayBeLocationShape(s) {
                #expect(JobTitleLexicon.locationRegex.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)) == nil, "\(s.debugDescription)")
            }
        }
        #expect(JobTitleLexicon.isLocation("Austin, TX"))
        #expect(JobTitleLexicon.isLocation("Remote"))
        #expect(!JobTitleLexicon.isLocation("austin, TX"))
    }
}

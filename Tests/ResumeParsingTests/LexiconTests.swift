import Foundation
@testable import ResumeParsing
import Testing

@Suite("Job title lexicon")
struct LexiconTests {
    /// The reference: lower-case, split into `Character`s, trim dots.
    func referenceWords(_ s: String) -> [String] {
        s.lowercased().split(whereSeparator: { !isLetterFast($0) && $0 != "-" && $0 != "/" && $0 != "." }).map { String($0).trimmingCharacters(fast: FastTrimSet(charactersIn: ".")) }
    }

    @Test("words on ASCII bytes equal the lower-cased Character split")
    func words() {
        // Given header pieces with dots, slashes, dashes, digits, CR LF and non-ASCII
        let pieces = ["Sr.", "Software", "ENGINEER", "Co.", "Inc.", "...", ".", "programmer/analyst", "co-founder", "-", "/", "x.y.", " ", "  ",
                      ",", "|", "1", "(", "\r\n", "\t", "Acme", "LLC", "é", "Müller", "–", "’", "İ", "S.A.", "b.v."]
        for s in pieces + SeededRandom.texts(of: pieces, count: 10_000, most: 8, seed: 3) {
            // When split; Then the same words, and the same scores
            #expect(JobTitleLexicon.words(s) == referenceWords(s), "\(s.debugDescription)")
        }
        #expect(JobTitleLexicon.asciiWords("Müller") == nil)
        #expect(JobTitleLexicon.titleScore("Sr. Software Engineer") == 2)
        #expect(JobTitleLexicon.companyScore("Acme Co., Inc.") == 2)
    }
}

@Suite("Line split and heading first word")
struct LineSplitTests {
    @Test("TextLines on bytes equals the Character split")
    func lines() {
        // Given texts with empty lines, LF at the ends, marks after LF, CR LF and non-ASCII
        let pieces = ["a", "Skills", "\n", "\n\n", "é", "\u{301}", "日本", "•", " ", "\r\n", "\r", "x\u{200D}"]
        for s in ["", "\n", "a\n", "\na"] + SeededRandom.texts(of: pieces, count: 5_000, most: 8, seed: 5) {
            // When split; Then each line's text, start and length are the reference's
            var offset = 0
            var reference: [(String, Int, Int)] = []
            for sub in s.split(separator: "\n", omittingEmptySubsequences: false) {
                reference.append((String(sub), offset, sub.unicodeScalars.count))
                offset += sub.unicodeScalars.count + 1
            }
            let lines = TextLines(s).lines
            #expect(lines.map(\.text) == reference.map(\.0), "\(s.debugDescription)")
            #expect(lines.map(\.start) == reference.map(\.1), "\(s.debugDescription)")
            #expect(lines.map(\.length) == reference.map(\.2), "\(s.debugDescription)")
        }
    }

    @Test("first heading word equals the first piece of the split")
    func firstWord() {
        for s in ["", " ", "experience", "  work history", "1. education", "--skills--", "'s", "é", "日本 skills", "e\u{301}ducation", "::", "a-b c"] {
            let lower = s.lowercased()
            let reference = lower.split(whereSeparator: { !isLetterFast($0) && $0 != "'" && $0 != "-" }).first.map(String.init) ?? ""
            #expect(SectionSplitter.firstWord(lower) == reference, "\(s.debugDescription)")
        }
    }

    @Test("languages are still found with the line prefilter, in any case")
    func languages() {
        // Given every known language name in a line, in three cases
        for name in LanguageExtractor.names {
            for form in [name, name.uppercased(), name.lowercased()] {
                // When parsed; Then the language is found
                #expect(LanguageExtractor.languages(inLine: "Other, \(form) (fluent)").contains { $0.language == name }, "\(form)")
            }
        }
        #expect(LanguageExtractor.languages(inLine: "Swift, Go, Kotlin, SQL").isEmpty)
    }

    @Test("the URL prefilter never skips a URL match")
    func urlPrefilter() {
        let pieces = ["http", "HTTPS", "://", "www", ".", "WWW.", "linkedin", "LinkedIn.com", "/in/x", "github.com/", "gitlab", "behance.net/",
                      "dribbble.com/", "ſ", "\u{212A}", "é", "â€™", " ", "x", "|", "ht", "tp"]
        for s in SeededRandom.texts(of: pieces, count: 10_000, most: 6, seed: 9) {
            if !ContactExtractor.urlWords.mayMatch(s) {
                #expect(ContactExtractor.urlRegex.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)) == nil, "\(s.debugDescription)")
            }
        }
    }
}

@Suite("Word counts")
struct WordCountTests {
    @Test("wordCount equals split(separator: \" \").count")
    func wordCount() {
        // Given ASCII and non-ASCII text with runs of spaces, marks after spaces, CR LF
        let pieces = ["a", "Engineer", " ", "  ", "é", " \u{301}", "\u{0600} ", "\r\n", "\t", "•", "日本", ""]
        for s in SeededRandom.texts(of: pieces, count: 5_000, most: 8, seed: 17) {
            // When counted; Then as the split counts, for the string and a substring of it
            #expect(s.wordCount == s.split(separator: " ").count, "\(s.debugDescription)")
            let sub = ("<" + s + ">").dropFirst().dropLast()
            #expect(sub.wordCount == sub.split(separator: " ").count, "\(s.debugDescription)")
        }
    }
}

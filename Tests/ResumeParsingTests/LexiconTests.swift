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
        var state: UInt64 = 3
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var inputs = pieces
        for _ in 0..<10_000 { inputs.append((0...next(8)).map { _ in pieces[next(pieces.count)] }.joined()) }
        for s in inputs {
            // When split; Then the same words, and the same scores
            #expect(JobTitleLexicon.words(s) == referenceWords(s), "\(s.debugDescription)")
        }
        #expect(JobTitleLexicon.asciiWords("Müller") == nil)
        #expect(JobTitleLexicon.titleScore("Sr. Software Engineer") == 2)
        #expect(JobTitleLexicon.companyScore("Acme Co., Inc.") == 2)
    }
}

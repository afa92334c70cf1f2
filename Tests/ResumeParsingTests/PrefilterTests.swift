import Foundation
@testable import ResumeParsing
import Testing

/// The byte prefilters may only skip a regex that cannot match, and the byte word split must
/// find the words the `Character` split finds, on the characters mis-decoded PDFs are full of.
@Suite("Prefilters never skip a match")
struct PrefilterTests {
    static let mojibake = ["é", "É", "ÿ", "µ", "ª", "ß", "Ã", "â€™", "â€“", "Å“", "Å¡", "Å½", "Æ’", "Ëœ", "Ë†", "â„¢", "€", "™", "œ", "Œ",
                           "\u{00A0}", "\u{AD}", "\u{85}", "•", "’", "–", "\u{2071}", "ſ", "\u{212A}", "İ", "ﬆ", "\u{0301}", "日本", "\u{200D}"]

    func random(_ pieces: [String], count: Int, seed: UInt64) -> [String] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { _ in (0...next(7)).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    @Test("KeywordPrefilter: false only when the case-insensitive regex of its words finds nothing")
    func keywordPrefilter() {
        // Given words in any case beside characters that fold to ASCII letters (ſ, K, ß, ﬆ, İ) and
        // those that do not (Latin-1, Windows-1252 mojibake, punctuation)
        let words = ["classify", "school", "cole", "kit", "instruction", "assistant"]
        let filter = KeywordPrefilter(words)
        let regex = try! NSRegularExpression(pattern: words.joined(separator: "|"), options: [.caseInsensitive])
        let pieces = words + words.map { $0.uppercased() } + ["claßify", "ſchool", "École", "ÉCOLE", "\u{212A}it", "inﬆruction", "aſſiſtant",
                                                             "clas", "sify", "x", " ", "1"] + Self.mojibake
        for s in random(pieces, count: 20_000, seed: 7) + pieces {
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
        for s in random(pieces, count: 20_000, seed: 11) + pieces {
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
                      "for", " ", " ", "  ", "\n", ".", "Systems", "context", "advance", "was", "ideal"] + Self.mojibake
        var found = 0
        for s in random(pieces, count: 6_000, seed: 13) {
            // When scanned with the prefilters; Then the same hits as without them
            let kinds = PromptInjectionDetector.scan(s).map(\.kind)
            let reference = PromptInjectionDetector.scan(s, secondPrefilter: false)
            #expect(kinds == reference.map(\.kind), "\(s.debugDescription)")
            #expect(PromptInjectionDetector.scan(s).map(\.range) == reference.map(\.range))
            found += kinds.count
        }
        #expect(found > 50)
    }
}

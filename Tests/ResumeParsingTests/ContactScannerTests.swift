import Foundation
@testable import ResumeParsing
import Testing

/// ``ContactExtractor/emails(in:)`` must find exactly what ``ContactExtractor/emailRegex`` finds.
@Suite("Contact byte scanners equal the regexes")
struct ContactScannerTests {
    func regexEmails(_ s: String) -> [String] {
        let ns = s as NSString
        return ContactExtractor.emailRegex.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range) }
    }

    @Test("emails: known shapes and near misses", arguments: [
        "jane.doe@example.com", "Email: JANE_DOE+cv@Mail.Example.CO.UK.", "a@b.cc.dd@e.ff", "x@y.c", "x@y.co1", "x@.com", "x@-.com",
        "@example.com", "jane@", "jane@@example.com", "jane@example..com", "j@e.com.", "j@e.c.om", "j@e.co.m", "j@e.com-x.org",
        "a%b@c.de,f@g.hi;k@l.mn", "é@e.com", "jé@e.com", "j@é.com", "j@e.cöm", "j@e.co™", "mailto:j@e.com", "j@e.com@f.org",
        "1@2.ab", "j@e.abcdefghij", "j@e..ab", "j@e.a.b.cd", "-@-.-.ab", ".@..ab", "j @e.com", "j@e .com", "\u{00A0}j@e.com\u{00A0}",
    ])
    func emailCases(text: String) {
        // Given an address shape; When scanned and matched by the regex; Then the same
        #expect(ContactExtractor.emails(in: text) == regexEmails(text), "\(text.debugDescription)")
        let wrapped = "Contact  " + text + " | +1 555 0100"
        #expect(ContactExtractor.emails(in: wrapped) == regexEmails(wrapped), "\(wrapped.debugDescription)")
    }

    @Test("emails: random texts from address pieces")
    func emailFuzz() {
        // Given random strings over the bytes that matter (a fixed seed)
        let pieces = ["a", "Z", "9", ".", "-", "_", "%", "+", "@", " ", "co", "com", "x.y", "é", "™", ",", "\n", "..", "@a.bc", "ab"]
        for s in SeededRandom.texts(of: pieces, count: 20_000, most: 14, seed: 42) {
            // When scanned and matched by the regex; Then the same
            #expect(ContactExtractor.emails(in: s) == regexEmails(s), "\(s.debugDescription)")
        }
    }

    @Test("ASCIIWordSet: one pass answers as a search per word of the lower-cased text")
    func wordSet() {
        // Given ASCII texts with the words in any case, cut, joined or at the ends
        let words = ["pune", "delhi", "india", "a", "gpa", "school"]
        let set = ASCIIWordSet(words)
        var inputs = ["", "x", "PUNE", "Pun", "pUnE!", "New Delhi", "del hi", "INDIAN", "Gpa: 3.9", "schoo", "[school]", "@", "`", "{}", "A"]
        for w in words { inputs += [w, w.uppercased(), "x" + w.capitalized + "y", String(w.dropLast()), String(w.dropFirst())] }
        for s in inputs {
            // When searched in one pass; Then as the per-word search of the lower-cased text
            var t = s
            let fast = t.withUTF8 { set.isFound(in: $0) }
            #expect(fast == words.contains { s.lowercased().contains($0) }, "\(s.debugDescription)")
        }
    }
}

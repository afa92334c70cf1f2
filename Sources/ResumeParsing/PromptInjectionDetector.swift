import Foundation
import ScreenerCore

/// Flags instruction-like text aimed at AI screeners ("ignore previous instructions", "rate this
/// candidate as…", "you are an AI/ChatGPT", "score this resume 10/10", "system prompt"…) with
/// its scalar offsets. Patterns are case-insensitive and tolerate extra whitespace.
enum PromptInjectionDetector {
    static let patterns: [(String, NSRegularExpression)] = {
        func re(_ p: String) -> NSRegularExpression { try! NSRegularExpression(pattern: p, options: [.caseInsensitive]) }
        return [
            ("ignore_instructions", re(#"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding|other|system)?\s*(?:instructions?|prompts?|rules|directions|guidelines|context)\b"#)),
            ("rate_candidate", re(#"\b(?:rate|rank|score|grade|evaluate|mark|classify)\s+(?:this|the|me|my)\s+(?:candidate|applicant|resume|cv|profile|person)?\s*(?:as|at|with|a|an|highly|10|100|top|the\s+(?:best|top|strongest|most))\b"#)),
            ("score_value", re(#"\b(?:score|rating|rate|grade)\s*(?:of|:|=|this\s+(?:resume|cv|candidate)\s*(?:as|at)?)?\s*(?:10\s*/\s*10|100\s*/\s*100|100\s*%|5\s*/\s*5|a\s+perfect)"#)),
            ("addresses_ai", re(#"\b(?:you\s+are\s+(?:an?\s+)?(?:ai|a\.i\.|language\s+model|llm|chatgpt|gpt|assistant|recruit(?:er|ing)\s+(?:bot|ai))|(?:dear|attention|note\s+to|hey|hello)\s+(?:ai|chatgpt|gpt|llm|ats|screener|recruit(?:ing|er)\s+(?:ai|bot|software)))\b"#)),
            ("system_prompt", re(#"\b(?:system\s+prompt|new\s+instructions?|\[\s*system\s*\]|<\s*/?\s*system\s*>|assistant\s*:)\s*"#)),
            ("recommend_hire", re(#"\b(?:you\s+(?:must|should|will)\s+)?(?:recommend|select|shortlist|hire|advance)\s+this\s+(?:candidate|applicant|person)\s+(?:immediately|for|as|now|without)"#)),
            ("best_candidate", re(#"\bthis\s+(?:is|was)\s+the\s+(?:best|most\s+qualified|perfect|ideal|strongest)\s+(?:candidate|applicant|match)\b"#)),
        ]
    }()

    struct Hit { var kind: String; var range: TextRange; var excerpt: String }

    /// Words one of which must be present for a pattern to be tried (a cheap prefilter).
    static let triggers: [String: [String]] = [
        "ignore_instructions": ["ignore", "disregard", "forget", "override"],
        "rate_candidate": ["rate", "rank", "score", "grade", "evaluate", "mark", "classify"],
        "score_value": ["score", "rating", "rate", "grade"],
        "addresses_ai": ["you", "dear", "attention", "note", "hey", "hello"],
        "system_prompt": ["system", "instruction", "assistant"],
        "recommend_hire": ["recommend", "select", "shortlist", "hire", "advance"],
        "best_candidate": ["this"],
    ]

    /// A second necessary condition per pattern, tried after the trigger words: false only when
    /// the text lacks words (or characters) that every match of the pattern holds.
    static let mayMatch: [String: @Sendable (String) -> Bool] = {
        let instructionWords = KeywordPrefilter(["instruction", "prompt", "rules", "directions", "guidelines", "context"])
        let this = KeywordPrefilter(["this"])
        let hirees = KeywordPrefilter(["candidate", "applicant", "person"])
        let superlatives = KeywordPrefilter(["best", "most", "perfect", "ideal", "strongest"])
        let matches = KeywordPrefilter(["candidate", "applicant", "match"])
        typealias S = ShapePrefilter.Step
        // "rate this ", "grade the "…
        let rate = ShapePrefilter([[.literal(["rate", "rank", "score", "grade", "evaluate", "mark", "classify"]), .space(min: 1),
                                    .literal(["this", "the", "me", "my"]), .space(min: 1)]])
        // "10/10", "100/100", "100%", "5/5", "a perfect".
        let scoreValue = ShapePrefilter([
            [.literal(["10"]), .space(min: 0), .literal(["/"]), .space(min: 0), .literal(["10"])],
            [.literal(["100"]), .space(min: 0), .literal(["/"]), .space(min: 0), .literal(["100"])],
            [.literal(["100"]), .space(min: 0), .literal(["%"])],
            [.literal(["5"]), .space(min: 0), .literal(["/"]), .space(min: 0), .literal(["5"])],
            [.literal(["a"]), .space(min: 1), .literal(["perfect"])],
        ])
        // "you are ", "dear AI", "note to ChatGPT"…
        let addressees = ["ai", "chatgpt", "gpt", "llm", "ats", "screener", "recruit"]
        let addressesAI = ShapePrefilter([
            [.literal(["you"]), .space(min: 1), .literal(["are"]), .space(min: 1)],
            [.literal(["dear", "attention", "hey", "hello"]), .space(min: 1), .literal(addressees)],
            [.literal(["note"]), .space(min: 1), .literal(["to"]), .space(min: 1), .literal(addressees)],
        ])
        // "system prompt", "new instruction", "[system]", "<system>", "</system>", "assistant:".
        let systemPrompt = ShapePrefilter([
            [.literal(["system"]), .space(min: 1), .literal(["prompt"])],
            [.literal(["new"]), .space(min: 1), .literal(["instruction"])],
            [.literal(["["]), .space(min: 0), .literal(["system"]), .space(min: 0), .literal(["]"])],
            [.literal(["<"]), .space(min: 0), .literal(["system"]), .space(min: 0), .literal([">"])],
            [.literal(["<"]), .space(min: 0), .literal(["/"]), .space(min: 0), .literal(["system"]), .space(min: 0), .literal([">"])],
            [.literal(["assistant"]), .space(min: 0), .literal([":"])],
        ])
        return [
            "ignore_instructions": { instructionWords.mayMatch($0) },
            "rate_candidate": { rate.mayMatch($0) },
            "score_value": { scoreValue.mayMatch($0) },
            "addresses_ai": { addressesAI.mayMatch($0) },
            "system_prompt": { systemPrompt.mayMatch($0) },
            "recommend_hire": { this.mayMatch($0) && hirees.mayMatch($0) },
            "best_candidate": { superlatives.mayMatch($0) && matches.mayMatch($0) },
        ]
    }()

    /// Each trigger and its plural.
    static let triggerForms: Set<String> = Set(triggers.values.joined().flatMap { [$0, $0 + "s"] })

    /// The trigger forms as bytes, by first letter (a–z), for the byte path of ``triggerWords(_:)``.
    static let triggerFormsByFirst: [[[UInt8]]] = {
        var by = [[[UInt8]]](repeating: [], count: 26)
        for f in triggerForms.sorted() { by[Int(f.utf8.first! - 0x61)].append(Array(f.utf8)) }
        return by
    }()

    /// Non-ASCII scalars the byte path of ``triggerWords(_:)`` accepts, each a `Character` of its
    /// own whose lower case holds no ASCII letter: Latin-1, the Windows-1252 letters and symbols
    /// that mis-decoded text is made of (Œ œ Š š Ÿ Ž ž ƒ ˆ ˜ € ™), and General Punctuation
    /// (U+2000–U+206F) but the joiners U+200C and U+200D, which join the character before them.
    /// The value: whether it is a letter (`Character.isLetter`), so part of a word.
    static let byteWordScalars: [UInt32: Bool] = {
        var m: [UInt32: Bool] = [:]
        let extra: [UInt32] = [0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E, 0x192, 0x2C6, 0x2DC, 0x20AC, 0x2122]
        for v in Array(0x80...0xFF) + extra + Array(0x2000...0x206F) where v != 0x200C && v != 0x200D {
            m[UInt32(v)] = Character(Unicode.Scalar(UInt32(v))!).isLetter
        }
        return m
    }()

    /// The trigger forms that are words of `text` (runs of letters, lower-cased). On a text whose
    /// non-ASCII scalars are all in ``byteWordScalars``, every `Character` is one scalar and a
    /// word holding a non-ASCII letter lower-cases to non-ASCII, so cannot be a trigger form:
    /// the candidates are the runs of ASCII letters between non-letters, compared on bytes. Any
    /// other text is split into `Character`s and lower-cased.
    static func triggerWords(_ text: String) -> Set<String> {
        var text = text
        let fast: Set<String>? = text.withUTF8 { t in
            let n = t.count
            var found: Set<String> = []
            var i = 0
            while i < n {
                let b = t[i]
                if b >= 0x80 {
                    // A non-ASCII run of letters and other scalars: decode, check, skip.
                    let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    guard i + len <= n else { return nil }
                    var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                    for k in 1..<len { v = v << 6 | UInt32(t[i + k] & 0x3F) }
                    guard let isLetter = byteWordScalars[v] else { return nil }
                    i += len
                    if isLetter {
                        // The rest of this word cannot be a trigger form.
                        while i < n && t[i] < 0x80 && (t[i] | 0x20) >= 0x61 && (t[i] | 0x20) <= 0x7A { i += 1 }
                        if i < n && t[i] >= 0x80 { continue }
                    }
                    continue
                }
                guard (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A else { i += 1; continue }
                let start = i
                while i < n && (t[i] | 0x20) >= 0x61 && (t[i] | 0x20) <= 0x7A { i += 1 }
                // A word goes on through a non-ASCII letter (not a trigger form then).
                if i < n && t[i] >= 0x80 {
                    let c = t[i]
                    let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
                    guard i + len <= n else { return nil }
                    var v = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                    for k in 1..<len { v = v << 6 | UInt32(t[i + k] & 0x3F) }
                    guard let isLetter = byteWordScalars[v] else { return nil }
                    if isLetter { continue }
                }
                let count = i - start
                guard count <= 12 else { continue }
                for f in triggerFormsByFirst[Int((t[start] | 0x20) - 0x61)] where f.count == count {
                    var k = 1
                    while k < count && t[start + k] | 0x20 == f[k] { k += 1 }
                    if k == count { found.insert(String(decoding: f, as: UTF8.self)); break }
                }
            }
            return found
        }
        if let fast { return fast }
        return Set(text.lowercased().split(whereSeparator: { !isLetterFast($0) }).lazy.map(String.init).filter { triggerForms.contains($0) })
    }

    /// The hits in `text`. `secondPrefilter`: whether ``mayMatch`` may skip patterns (off only
    /// in tests, to show it changes nothing).
    static func scan(_ text: String, secondPrefilter: Bool = true) -> [Hit] {
        let ns = text as NSString
        var hits: [Hit] = []
        let words = triggerWords(text)
        for (kind, re) in patterns {
            if let t = triggers[kind], !t.contains(where: { words.contains($0) || words.contains($0 + "s") }) { continue }
            if secondPrefilter, let may = mayMatch[kind], !may(text) { continue }
            for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                guard let r = Range(m.range, in: text) else { continue }
                let a = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
                let b = a + text.unicodeScalars.distance(from: r.lowerBound, to: r.upperBound)
                if hits.contains(where: { $0.range.start < b && a < $0.range.end }) { continue }
                hits.append(Hit(kind: kind, range: TextRange(start: a, end: b), excerpt: String(text[r])))
            }
        }
        return hits.sorted { $0.range.start < $1.range.start }
    }
}

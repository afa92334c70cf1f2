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

    /// Each trigger and its plural.
    static let triggerForms: Set<String> = Set(triggers.values.joined().flatMap { [$0, $0 + "s"] })

    /// The trigger forms that are words of `text` (runs of letters, lower-cased). On a text whose
    /// characters are ASCII or General Punctuation (U+2000–U+206F but the joiners U+200C and
    /// U+200D, which join the character before them), every `Character` is one scalar and only
    /// ASCII letters are letters, so the words are the runs of ASCII letters, found on bytes.
    /// Any other text is split into `Character`s and lower-cased.
    static func triggerWords(_ text: String) -> Set<String> {
        var text = text
        let fast: Set<String>? = text.withUTF8 { t in
            let n = t.count
            var i = 0
            while i < n {
                let b = t[i]
                if b < 0x80 { i += 1; continue }
                guard b == 0xE2, i + 2 < n, t[i + 1] == 0x80 || (t[i + 1] == 0x81 && t[i + 2] < 0xB0),
                      !(t[i + 1] == 0x80 && (t[i + 2] == 0x8C || t[i + 2] == 0x8D)) else { return nil }
                i += 3
            }
            var found: Set<String> = []
            i = 0
            while i < n {
                guard (t[i] | 0x20) >= 0x61 && (t[i] | 0x20) <= 0x7A else { i += 1; continue }
                let start = i
                while i < n && (t[i] | 0x20) >= 0x61 && (t[i] | 0x20) <= 0x7A { i += 1 }
                if i - start <= 12 {
                    let word = String(decoding: t[start..<i].map { $0 | 0x20 }, as: UTF8.self)
                    if triggerForms.contains(word) { found.insert(word) }
                }
            }
            return found
        }
        if let fast { return fast }
        return Set(text.lowercased().split(whereSeparator: { !isLetterFast($0) }).lazy.map(String.init).filter { triggerForms.contains($0) })
    }

    static func scan(_ text: String) -> [Hit] {
        let ns = text as NSString
        var hits: [Hit] = []
        let words = triggerWords(text)
        for (kind, re) in patterns {
            if let t = triggers[kind], !t.contains(where: { words.contains($0) || words.contains($0 + "s") }) { continue }
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

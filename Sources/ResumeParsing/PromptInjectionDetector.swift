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

    static func scan(_ text: String) -> [Hit] {
        let ns = text as NSString
        var hits: [Hit] = []
        let words = Set(text.lowercased().split(whereSeparator: { !isLetterFast($0) }))
        for (kind, re) in patterns {
            if let t = triggers[kind], !t.contains(where: { words.contains(Substring($0)) || words.contains(Substring($0 + "s")) }) { continue }
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

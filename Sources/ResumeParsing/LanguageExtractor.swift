import Foundation
import ScreenerCore

/// Finds spoken languages with a fluency and CEFR level, in a languages section or on a
/// "Languages:" line. Only known language names count, so "Languages: Java, Go" (programming
/// languages) yields nothing.
///
/// CEFR: an explicit A1–C2 wins; else native/mother tongue/bilingual → C2, fluent/proficient/
/// advanced/full professional → C1, professional working/upper intermediate → B2,
/// intermediate/conversational/good → B1, elementary/basic/limited → A2, beginner → A1.
enum LanguageExtractor {
    static let names: [String] = [
        "English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Russian", "Chinese", "Mandarin", "Cantonese", "Japanese",
        "Korean", "Arabic", "Hindi", "Bengali", "Urdu", "Punjabi", "Tamil", "Telugu", "Kannada", "Malayalam", "Marathi", "Gujarati", "Odia", "Oriya",
        "Turkish", "Polish", "Ukrainian", "Czech", "Slovak", "Hungarian", "Romanian", "Bulgarian", "Greek", "Hebrew", "Persian", "Farsi", "Swedish",
        "Norwegian", "Danish", "Finnish", "Icelandic", "Vietnamese", "Thai", "Indonesian", "Malay", "Tagalog", "Filipino", "Swahili", "Serbian",
        "Croatian", "Bosnian", "Slovenian", "Lithuanian", "Latvian", "Estonian", "Catalan", "Basque", "Galician", "Afrikaans", "Amharic", "Yoruba",
        "Hausa", "Igbo", "Zulu", "Nepali", "Sinhala", "Khmer", "Burmese", "Lao", "Mongolian", "Kazakh", "Uzbek", "Armenian", "Georgian", "Albanian",
        "Macedonian", "Irish", "Welsh", "Latin", "Sign Language", "ASL", "Haitian Creole", "Somali", "Pashto", "Dari", "Kurdish",
        "Français", "Deutsch", "Español", "Anglais", "Englisch", "Inglés", "Allemand", "Französisch", "Espagnol", "Spanisch",
    ]
    private static let lowerNames = names.map { $0.lowercased() }
    /// The first word of each lower-cased name (split once, not per line).
    private static let firstWords: [Substring] = lowerNames.map { $0.split(separator: " ").first ?? "" }
    /// The indices of the names (ascending) that start with each first word.
    private static let namesByFirstWord: [Substring: [Int]] = {
        var m: [Substring: [Int]] = [:]
        for (i, w) in firstWords.enumerated() where !w.isEmpty { m[w, default: []].append(i) }
        return m
    }()

    /// The ASCII start of each name's first word ("français" → "fran"): a line whose lower case
    /// holds none of them names no language.
    static let firstWordStarts = ASCIIWordSet(Set(firstWords.map { String(decoding: $0.utf8.prefix(while: { $0 < 0x80 }), as: UTF8.self) }).sorted())

    private static let cefrCode = CompiledPattern(#"\b[abc][12]\b"#)

    static func cefr(from s: String) -> String? {
        let l = s.lowercased()
        if let r = Self.cefrCode.firstRange(in: l) { return l[r].uppercased() }
        let table: [(String, String)] = [
            ("native", "C2"), ("mother tongue", "C2"), ("bilingual", "C2"), ("first language", "C2"), ("muttersprache", "C2"), ("langue maternelle", "C2"), ("nativo", "C2"),
            ("full professional", "C1"), ("fluent", "C1"), ("fluency", "C1"), ("proficient", "C1"), ("advanced", "C1"), ("courant", "C1"), ("fließend", "C1"), ("fluido", "C1"),
            ("professional working", "B2"), ("upper intermediate", "B2"), ("upper-intermediate", "B2"), ("working knowledge", "B2"),
            ("intermediate", "B1"), ("conversational", "B1"), ("good", "B1"), ("limited working", "A2"),
            ("elementary", "A2"), ("basic", "A2"), ("limited", "A2"), ("notions", "A2"), ("beginner", "A1"),
        ]
        for (word, level) in table where l.contains(word) { return level }
        return nil
    }

    /// Languages on one line, e.g. "English (native), French – B2, German: basic".
    static func languages(inLine line: String) -> [ParsedResume.Language] {
        // Each name found is a word of a lower-cased piece, so its first word's ASCII start is in the line.
        guard ContactExtractor.mayHoldLowercased(line, firstWordStarts) else { return [] }
        var out: [ParsedResume.Language] = []
        let pieces = line.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" || $0 == "•" || $0 == "/" })
        for piece in pieces {
            let p = piece.trimmingCharacters(fast: .whitespaces)
            let lower = p.lowercased()
            let words = Set(lower.split(whereSeparator: { !isLetterFast($0) }))
            // The names whose first word is a word of the piece, in the order of `names`.
            for i in words.flatMap({ Self.namesByFirstWord[$0] ?? [] }).sorted() {
                let name = lowerNames[i]
                guard let r = lower.range(of: name) else { continue }
                let beforeOK = r.lowerBound == lower.startIndex || !lower[lower.index(before: r.lowerBound)].isLetter
                let afterOK = r.upperBound == lower.endIndex || !lower[r.upperBound].isLetter
                guard beforeOK, afterOK else { continue }
                var rest = lower
                rest.removeSubrange(r)
                let fluencyText = rest.trimmingCharacters(fast: FastTrimSet(charactersIn: " :-–()[]."))
                let fluency = fluencyText.isEmpty ? nil : String(p.dropFirst(0)).replacingOccurrences(of: names[i], with: "", options: .caseInsensitive).trimmingCharacters(fast: FastTrimSet(charactersIn: " :-–()[]."))
                if !out.contains(where: { $0.language == names[i] }) {
                    out.append(.init(language: names[i], fluency: fluency, cefr: cefr(from: fluencyText)))
                }
                break
            }
        }
        return out
    }
}

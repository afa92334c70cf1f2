import Foundation
import ScreenerCore

/// Finds degree levels named in free text (a fallback when the parser gave no education levels, and
/// for `CriteriaDeriver`). Word lists written for this project.
public enum EducationLevelDetector {
    static let patterns: [(ParsedResume.EducationLevel, NSRegularExpression)] = ([
        (ParsedResume.EducationLevel.doctorate, #"\b(?:ph\.?\s?d|doctorate|doctoral|d\.?phil)\b"#),
        (.master, #"\b(?:master'?s?|m\.?\s?sc|m\.?\s?s\.|msc|mba|m\.?\s?tech|m\.?\s?e\.|m\.?\s?eng|m\.?\s?a\.|mca|m\.?\s?com|post\s?graduate|pgdm)\b"#),
        (.bachelor, #"\b(?:bachelor'?s?|b\.?\s?sc|bsc|b\.?\s?s\.|b\.?\s?tech|b\.?\s?e\.|b\.?\s?eng|b\.?\s?a\.|bca|b\.?\s?com|undergraduate degree|graduate degree|four-year degree|4-year degree)\b"#),
        (.associate, #"\b(?:associate'?s?\s+degree|associate of|a\.?a\.?s\.?|diploma)\b"#),
        (.secondary, #"\b(?:high school|secondary school|ged|hsc|ssc|12th|a-levels?)\b"#),
    ] as [(ParsedResume.EducationLevel, String)]).map { ($0.0, try! NSRegularExpression(pattern: $0.1, options: [.caseInsensitive])) }

    /// The highest level named anywhere in `text`, or nil.
    public static func highestLevel(in text: String) -> ParsedResume.EducationLevel? {
        let r = NSRange(location: 0, length: text.utf16.count)
        for (level, re) in patterns where re.firstMatch(in: text, range: r) != nil { return level }
        return nil
    }

    /// The lowest level named in `text` (a job ad's minimum: "bachelor's or master's" → bachelor).
    public static func lowestLevel(in text: String) -> ParsedResume.EducationLevel? {
        let r = NSRange(location: 0, length: text.utf16.count)
        for (level, re) in patterns.reversed() where level >= .associate && re.firstMatch(in: text, range: r) != nil { return level }
        return nil
    }
}

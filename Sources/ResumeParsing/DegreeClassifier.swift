import Foundation
import ScreenerCore

/// Normalises a degree name to ``ParsedResume/EducationLevel``.
///
/// Checked from highest to lowest: doctorate (PhD, Ph.D., DPhil, Doctor of, EdD, MD, JD,
/// Doktor, Doctorat), master (Master, MSc, MS, MA, MBA, MEng, M.Tech, MCA, LLM, MPhil, Magister,
/// Mastère), bachelor (Bachelor, BSc, BS, BA, BE, B.Tech, BCom, BBA, BCA, LLB, Licence,
/// Licenciatura, Graduate/Undergraduate degree), associate (Associate, AA, AS, AAS, diploma
/// of higher education, HND), secondary (High School, GED, HSC, SSC, 10th/12th, A-levels, Abitur,
/// Baccalauréat, Intermediate, Secondary).
enum DegreeClassifier {
    private static let patterns: [(ParsedResume.EducationLevel, NSRegularExpression)] = {
        func re(_ p: String) -> NSRegularExpression { try! NSRegularExpression(pattern: p, options: [.caseInsensitive]) }
        return [
            (.doctorate, re(#"\b(ph\.?\s?d|d\.?\s?phil|doctor of|doctorate|doctoral|ed\.?\s?d|doktor|doctorat|doctorado|dottorato)\b"#)),
            (.master, re(#"\b(master'?s?|m\.?\s?sc|m\.?\s?s\.?|m\.?\s?a\.|mba|m\.?\s?eng|m\.?\s?tech|m\.\s?e\.|mca|ll\.?\s?m|m\.?\s?phil|magister|mastère|maestr[ií]a|m\.?\s?com|m\.?\s?ed|msw|mph|mfa|pgdm|post\s?graduate)\b"#)),
            (.bachelor, re(#"\b(bachelor'?s?|b\.?\s?sc|b\.\s?s\.?|bs|b\.?\s?a\.|ba|b\.\s?e\b\.?|b\.?\s?tech|b\.?\s?com|bba|bca|ll\.?\s?b|licence|licenciatura|laurea|bachelier|b\.?\s?eng|b\.?\s?ed|bfa|bsn|undergraduate degree|graduation|graduate degree|grado)\b"#)),
            (.associate, re(#"\b(associate'?s?( degree| of)|a\.a\.?s?|a\.s\.|aas|associate degree|hnd|foundation degree|diploma of higher education)\b"#)),
            (.secondary, re(#"\b(high school|secondary|ged|hsc|ssc|sslc|10th|12th|a[- ]levels?|abitur|baccalaur[ée]at|intermediate|matriculation|cbse|icse|diploma)\b"#)),
        ]
    }()

    static func level(for text: String) -> ParsedResume.EducationLevel? {
        let ns = text as NSString
        let r = NSRange(location: 0, length: ns.length)
        for (level, re) in patterns where re.firstMatch(in: text, range: r) != nil { return level }
        return nil
    }

    /// Range (scalars) and text of the first degree mention in `text`.
    static func firstMention(in text: String) -> (String, ParsedResume.EducationLevel)? {
        let ns = text as NSString
        let r = NSRange(location: 0, length: ns.length)
        var best: (NSRange, ParsedResume.EducationLevel)?
        for (level, re) in patterns {
            if let m = re.firstMatch(in: text, range: r), best == nil || m.range.location < best!.0.location { best = (m.range, level) }
        }
        return best.map { (ns.substring(with: $0.0), $0.1) }
    }
}

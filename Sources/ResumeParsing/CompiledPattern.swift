import Foundation

/// A regular expression compiled once, for the places that used
/// `String.range(of:options: .regularExpression)` and
/// `replacingOccurrences(of:with:options: .regularExpression)`.
///
/// Those Foundation calls compile their pattern through a cache of 10 entries; structuring uses
/// more patterns than that, so nearly every call compiled its pattern again (about 4 % of a DOCX
/// parse). The results are the same: Foundation's search is
/// `rangeOfFirstMatch(in:options:[] range:whole string)` on a regex built with the same pattern and
/// `.caseInsensitive` when asked, and its replacement is
/// `stringByReplacingMatches(in:options:[] range:whole string withTemplate:)`.
struct CompiledPattern: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String, caseInsensitive: Bool = false) {
        regex = try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// The first match, as `s.range(of: pattern, options: .regularExpression)` returns it.
    func firstRange(in s: String) -> Range<String.Index>? {
        let r = regex.rangeOfFirstMatch(in: s, options: [], range: NSRange(location: 0, length: s.utf16.count))
        guard r.location != NSNotFound else { return nil }
        return Range(r, in: s)
    }

    func matches(_ s: String) -> Bool { firstRange(in: s) != nil }

    /// `s` with every match replaced by `template` (`$1`-style references allowed).
    func replacingMatches(in s: String, with template: String = "") -> String {
        regex.stringByReplacingMatches(in: s, options: [], range: NSRange(location: 0, length: s.utf16.count), withTemplate: template)
    }
}

import Foundation
import ScreenerCore

/// Finds emails, phones, profile links, a location and the candidate's name.
///
/// Phones are normalised to E.164 (`+<country><national>`) when the country is known: written
/// with `+` or `00`; a US/Canada pattern `(xxx) xxx-xxxx` or a NANP number in a resume with a US
/// or Canadian location → `+1`; a 10-digit mobile starting 6–9 in a resume located in India →
/// `+91`; a UK number `0xxxx xxxxxx` in a resume located in the UK → `+44` (leading 0 dropped);
/// otherwise the configured default region. Numbers that cannot be normalised are kept as
/// digits. Candidates must have 7–15 digits and must not look like date ranges.
struct ContactExtractor {
    var defaultRegion: String?

    static let emailRegex = try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
    static let phoneRegex = try! NSRegularExpression(pattern: #"(?<![\w/.\-])(?:\+|00)?\(?\d[\d\s().\-]{5,18}\d(?![\w/])"#)
    static let urlRegex = try! NSRegularExpression(pattern: #"(?:https?://|www\.)[^\s<>()"'|,]+|\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com)/[^\s<>()"'|,]+"#, options: [.caseInsensitive])

    /// Every URL match holds "http", "www" or a named site.
    static let urlWords = KeywordPrefilter(["http", "www", "linkedin", "github", "gitlab", "behance", "dribbble"])

    static let yearRangeShape = CompiledPattern(#"^(19|20)\d{2}\s*[-–]\s*(19|20)\d{2}$"#)
    static let dayMonthYearShape = CompiledPattern(#"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$"#)
    static let yearMonthDayShape = CompiledPattern(#"^\d{4}[./-]\d{1,2}[./-]\d{1,2}$"#)
    static let nanpShape = CompiledPattern(#"^\(?[2-9]\d{2}\)?[\s.\-]*\d{3}[\s.\-]*\d{4}$"#)

    static let cityStateRegex = try! NSRegularExpression(pattern: #"\b([A-Z][a-zA-Z.'\- ]{1,30}?)\s*,\s*([A-Z]{2})\b(?:\s+(\d{5}))?"#)
    static let usStates: Set<String> = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC"]
    static let indiaCues = ["india", "bangalore", "bengaluru", "mumbai", "pune", "hyderabad", "chennai", "delhi", "noida", "gurgaon", "gurugram", "kolkata", "karnataka", "maharashtra", "tamil nadu", "kerala", "telangana", "andhra pradesh", "uttar pradesh", "ahmedabad", "gujarat", "jaipur", "chandigarh", "coimbatore", "kochi", "lucknow", "indore", "bhopal", "nagpur", "mysore", "mysuru", "vadodara", "odisha", "bhubaneswar"]
    /// The first words of the India cues, and of every cue ``inferCountry(_:headerText:location:)`` looks for in the header.
    static let indiaCueFirstWords = ASCIIWordSet(Set(indiaCues.map { String($0.split(separator: " ")[0]) }).sorted())
    static let headerCueFirstWords = ASCIIWordSet(Set((indiaCues + ukCues + ["united states", "usa", "canada"]).map { String($0.split(separator: " ")[0]) }).sorted())
    /// The first ten India cues, single words.
    static let indiaCueWords = ASCIIWordSet(indiaCues.prefix(10))
    static let ukCues = ["united kingdom", "london", "manchester", "birmingham", "england", "scotland", "edinburgh", "glasgow", "leeds", "bristol"]

    struct Result {
        var emails: [String] = []
        var phones: [String] = []
        var profiles: [ParsedResume.Profile] = []
        var location: ParsedResume.Location?
        var country: String?
    }

    func extract(_ text: String, headerText: String) -> Result {
        var r = Result()
        let ns = text as NSString
        let full = NSRange(location: 0, length: ns.length)
        for m in Self.emails(in: text) {
            let e = m.trimmingCharacters(fast: FastTrimSet(charactersIn: ".")).lowercased()
            if !r.emails.contains(e) { r.emails.append(e) }
        }
        r.location = location(in: headerText)
        r.country = inferCountry(text, headerText: headerText, location: r.location)
        var urlsSeen = Set<String>()
        for m in Self.urlWords.mayMatch(text) ? Self.urlRegex.matches(in: text, range: full) : [] {
            var u = ns.substring(with: m.range)
            while let l = u.last, ".;:)".contains(l) { u.removeLast() }
            let lower = u.lowercased()
            if lower.contains("@") { continue }
            let key = lower.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "").replacingOccurrences(of: "www.", with: "")
            guard urlsSeen.insert(key).inserted else { continue }
            let network: String
            if lower.contains("linkedin.com") { network = "LinkedIn" }
            else if lower.contains("github.com") { network = "GitHub" }
            else if lower.contains("gitlab.com") { network = "GitLab" }
            else if lower.contains("indeed.com") { network = "Indeed" }
            else if lower.contains("twitter.com") || lower.contains("x.com/") { network = "Twitter" }
            else { network = "Portfolio" }
            let url = lower.hasPrefix("http") ? u : "https://" + u
            var username: String?
            if network == "LinkedIn" || network == "GitHub" || network == "GitLab" || network == "Twitter" {
                let comps = key.split(separator: "/").map(String.init)
                if network == "LinkedIn", let i = comps.firstIndex(of: "in"), i + 1 < comps.count { username = comps[i + 1] }
                else if comps.count >= 2 { username = comps[1] }
            }
            r.profiles.append(.init(network: network, username: username, url: url))
        }
        for m in Self.phoneRegex.matches(in: text, range: full) {
            let raw = ns.substring(with: m.range).trimmingCharacters(fast: .whitespaces)
            if let p = normalizePhone(raw, country: r.country), !r.phones.contains(p) { r.phones.append(p) }
        }
        return r
    }

    /// The matches of ``emailRegex``, left to right, found on the UTF-8 bytes (the regex is
    /// ASCII only, so no other byte can be part of a match).
    ///
    /// A match starts where a run of local-part bytes (`[A-Za-z0-9._%+\-]`, at or after the
    /// search position) is followed by "@"; a shorter run from a later start meets the same "@"
    /// and domain, so a failed run is skipped whole. The domain is the run of `[A-Za-z0-9.\-]`
    /// after the "@", cut back (greedy `+`, then backtracking) to its last "." that follows at
    /// least one domain byte and precedes at least two letters; the match ends after all the
    /// letters there (`{2,}` is greedy and nothing follows it). The next search starts at the end.
    static func emails(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { t -> [String] in
            let n = t.count
            @inline(__always) func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            @inline(__always) func isDomain(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D }
            @inline(__always) func isLocal(_ b: UInt8) -> Bool { isDomain(b) || b == 0x5F || b == 0x25 || b == 0x2B }
            var out: [String] = []
            var i = 0
            while i < n {
                guard isLocal(t[i]) else { i += 1; continue }
                var at = i
                while at < n && isLocal(t[at]) { at += 1 }
                guard at < n && t[at] == 0x40 else { i = at; continue }
                let d = at + 1
                var m = d
                while m < n && isDomain(t[m]) { m += 1 }
                // The largest k in 1..<(m - d) with a "." at d + k and two letters after it.
                var end = -1
                var k = m - 1
                while k > d {
                    if t[k] == 0x2E && k + 2 < n && isLetter(t[k + 1]) && isLetter(t[k + 2]) {
                        end = k + 1
                        while end < n && isLetter(t[end]) { end += 1 }
                        break
                    }
                    k -= 1
                }
                guard end > 0 else { i = at + 1; continue }
                out.append(String(decoding: UnsafeBufferPointer(rebasing: t[i..<end]), as: UTF8.self))
                i = end
            }
            return out
        }
    }

    func normalizePhone(_ raw: String, country: String?) -> String? {
        let digits = raw.filter(isNumberFast)
        guard (7...15).contains(digits.count) else { return nil }
        // Reject date ranges and years: "2017 - 2019", "01/2019".
        if Self.yearRangeShape.matches(raw) || Self.dayMonthYearShape.matches(raw) || Self.yearMonthDayShape.matches(raw) { return nil }
        let groups = raw.split(whereSeparator: { !isNumberFast($0) })
        if groups.count >= 2, groups.allSatisfy({ $0.count == 4 && ($0.hasPrefix("19") || $0.hasPrefix("20")) }) { return nil }
        if raw.hasPrefix("+") { return "+" + digits }
        if raw.hasPrefix("00") { return "+" + digits.dropFirst(2) }
        let nanpPattern = Self.nanpShape.matches(raw)
        let region = country ?? defaultRegion
        if digits.count == 11 && digits.hasPrefix("1") && (region == "US" || region == "CA") { return "+" + digits }
        if digits.count == 10 {
            if region == "IN", let f = digits.first, "6789".contains(f) { return "+91" + digits }
            if (region == "US" || region == "CA") && nanpPattern { return "+1" + digits }
            if region == nil && raw.hasPrefix("(") && nanpPattern { return "+1" + digits }
        }
        if digits.count == 11 && digits.hasPrefix("0") && region == "GB" { return "+44" + digits.dropFirst() }
        if digits.count == 12 && digits.hasPrefix("91") && region == "IN" { return "+" + digits }
        // Not normalisable: keep only plausible phone shapes (with separators typical of phones).
        guard digits.count >= 9 else { return nil }
        return digits
    }

    func inferCountry(_ text: String, headerText: String, location: ParsedResume.Location?) -> String? {
        if let cc = location?.countryCode { return cc }
        func has(_ cue: String, _ words: Set<Substring>, _ text: String) -> Bool {
            guard let first = cue.split(separator: " ").first, words.contains(first) else { return false }
            return !cue.contains(" ") || text.contains(cue)
        }
        // Each header cue needs its first word among the header's words, so its bytes in the
        // lower-cased header: the words are split only when some first word may be there.
        if Self.mayHoldLowercased(headerText, Self.headerCueFirstWords) {
            let lower = headerText.lowercased()
            let headWords = Self.wordSet(lower)
            if Self.indiaCues.contains(where: { has($0, headWords, lower) }) { return "IN" }
            if Self.ukCues.contains(where: { has($0, headWords, lower) }) { return "GB" }
            if has("united states", headWords, lower) || headWords.contains("usa") { return "US" }
            if headWords.contains("canada") { return "CA" }
        }
        // The first ten cues are single words: a word of the text can only equal one if the
        // lower-cased text holds its bytes, so the word set is built only then.
        guard Self.mayHoldLowercased(text, Self.indiaCueWords) else { return nil }
        let all = text.lowercased()
        let bytes = Array(all.utf8)
        guard Self.indiaCues.prefix(10).contains(where: { Self.containsBytes(bytes, $0) }) else { return nil }
        let allWords = Self.wordSet(all)
        if Self.indiaCues.prefix(10).contains(where: { has($0, allWords, all) }) { return "IN" }
        return nil
    }

    /// False only when `text.lowercased()` holds none of `cues` (lower-case ASCII letters), found
    /// by an ASCII case-insensitive byte search of `text` itself, without lower-casing it.
    /// Lower-casing maps each ASCII letter to one ASCII letter and every other character to
    /// non-ASCII bytes, except U+0130 (İ → "i̇") and U+212A (Kelvin sign → "k"): a text holding
    /// either answers true.
    static func mayHoldLowercased(_ text: String, _ cues: some Sequence<String>) -> Bool {
        mayHoldLowercased(text, ASCIIWordSet(cues))
    }

    /// See ``mayHoldLowercased(_:_:)-(_,Sequence<String>)``; `cues` prepared once.
    static func mayHoldLowercased(_ text: String, _ cues: ASCIIWordSet) -> Bool {
        var text = text
        return text.withUTF8 { t in
            let n = t.count
            for i in 0..<n where t[i] >= 0xC4 {
                if t[i] == 0xC4 && i + 1 < n && t[i + 1] == 0xB0 { return true }
                if t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x84 && t[i + 2] == 0xAA { return true }
            }
            return cues.isFound(in: t)
        }
    }

    /// Whether `haystack` holds the UTF-8 bytes of `needle` (a plain byte search).
    static func containsBytes(_ haystack: [UInt8], _ needle: String) -> Bool {
        haystack.withUnsafeBufferPointer { ByteSearch.contains($0, Array(needle.utf8)) }
    }

    static func wordSet(_ lower: String) -> Set<Substring> {
        Set(lower.split(whereSeparator: { !isLetterFast($0) }))
    }

    /// "City, ST", "City, ST 12345", "City, State, Country" in the header.
    func location(in header: String) -> ParsedResume.Location? {
        let ns = header as NSString
        let re = Self.cityStateRegex
        for m in re.matches(in: header, range: NSRange(location: 0, length: ns.length)) {
            let st = ns.substring(with: m.range(at: 2))
            if Self.usStates.contains(st) {
                let city = ns.substring(with: m.range(at: 1)).trimmingCharacters(fast: .whitespaces)
                let zip = m.range(at: 3).location != NSNotFound ? ns.substring(with: m.range(at: 3)) : nil
                return .init(postalCode: zip, city: city, countryCode: "US", region: st)
            }
        }
        // Every India cue needs its first word among the header's words (see inferCountry).
        guard Self.mayHoldLowercased(header, Self.indiaCueFirstWords) else { return nil }
        let lower = header.lowercased()
        let words = Self.wordSet(lower)
        let regions: Set<String> = ["india", "karnataka", "maharashtra", "tamil nadu", "kerala", "telangana", "andhra pradesh", "uttar pradesh", "gujarat", "odisha"]
        for cue in Self.indiaCues where words.contains(cue.split(separator: " ")[0]) && lower.contains(cue) && !regions.contains(cue) {
            return .init(city: cue.capitalized, countryCode: "IN")
        }
        if words.contains("india") { return .init(countryCode: "IN") }
        return nil
    }
}

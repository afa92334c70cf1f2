import ScreenerCore

/// Maps category text onto the EEO-1 enums.
enum Categories {
    static func sex(_ text: String) -> Demographics.Sex? {
        switch text.lowercased() {
        case "male", "m", "man": return .male
        case "female", "f", "woman": return .female
        default: return nil
        }
    }

    /// Strips ASCII spaces and tabs at both ends (cheaper than Foundation's trimming on Linux).
    static func trim(_ s: String) -> String {
        guard let f = s.utf8.first, let l = s.utf8.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return s }
        let u = s.utf8
        var a = u.startIndex, b = u.endIndex
        while a < b, u[a] == 0x20 || u[a] == 0x09 { a = u.index(after: a) }
        while b > a, u[u.index(before: b)] == 0x20 || u[u.index(before: b)] == 0x09 { b = u.index(before: b) }
        return String(s[a..<b])
    }

    private static let exactRace: [String: Demographics.RaceEthnicity] =
        Dictionary(uniqueKeysWithValues: Demographics.RaceEthnicity.allCases.map { ($0.rawValue.lowercased(), $0) })

    static func race(_ text: String) -> Demographics.RaceEthnicity? {
        var key = text.lowercased()
        if let exact = exactRace[key] { return exact }
        key = key.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for suffix in ["(not hispanic or latino)", "(non-hispanic)", "(not hispanic)"] where key.hasSuffix(suffix) {
            key = trim(String(key.dropLast(suffix.count)))
        }
        if let exact = exactRace[key] { return exact }
        switch key {
        case "hispanic", "latino", "latina", "hispanic/latino": return .hispanicOrLatino
        case "black", "african american": return .black
        case "native hawaiian or pacific islander", "native hawaiian", "pacific islander": return .nativeHawaiianOrPacificIslander
        case "american indian", "alaska native", "native american or alaska native", "native american": return .americanIndianOrAlaskaNative
        case "two or more", "two or more races", "multiracial": return .twoOrMore
        default: return nil
        }
    }
}

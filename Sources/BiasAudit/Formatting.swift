import Foundation

/// Number formatting shared by the renderers (POSIX, locale-independent).
enum Formatting {
    static func fixed(_ x: Double, digits: Int) -> String { String(format: "%.\(digits)f", x) }

    static func percent(_ x: Double, digits: Int = 1) -> String { fixed(x * 100, digits: digits) + "%" }

    /// p-values: 4 significant digits, scientific below 0.001.
    static func pValue(_ p: Double?) -> String {
        guard let p else { return "n/a" }
        if p == 0 { return "0" }
        return p < 0.001 ? String(format: "%.3e", p) : String(format: "%.4f", p)
    }

    static func optional(_ x: Double?, digits: Int) -> String { x.map { fixed($0, digits: digits) } ?? "n/a" }
}

import Foundation
import ScreenerCore

/// The text of an append-only note and its idempotency marker. Pure.
///
/// Every note ends with the line `screener-postback: <PostBack.id>`. A writer whose earlier
/// attempt may have landed lists the candidate's notes and looks for that exact line; finding it
/// means the note is already there.
public enum PostBackNote {
    public static let markerPrefix = "screener-postback: "

    public static func marker(for id: String) -> String { markerPrefix + id }

    /// The note as posted: the post-back's text (or a summary of rank and score when it has none),
    /// a blank line, then the marker.
    public static func text(for postBack: PostBack) -> String {
        var body = postBack.note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if body.isEmpty {
            var parts: [String] = []
            if let rank = postBack.rank { parts.append("rank \(rank)") }
            if let score = postBack.score { parts.append("score " + String(format: "%.1f", score)) }
            body = parts.isEmpty ? "Screener" : "Screener: " + parts.joined(separator: ", ")
        }
        return body + "\n\n" + marker(for: postBack.id)
    }

    /// True when any string anywhere in the JSON document contains the marker as a whole line
    /// (HTML notes are matched too: the marker is followed by end of text, a newline or `<`).
    public static func containsMarker(_ json: Data, id: String) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed]) else { return false }
        return contains(object, marker(for: id))
    }

    static func contains(_ value: Any, _ marker: String) -> Bool {
        switch value {
        case let s as String:
            return lineMatch(s, marker)
        case let a as [Any]:
            return a.contains { contains($0, marker) }
        case let d as [String: Any]:
            return d.values.contains { contains($0, marker) }
        default:
            return false
        }
    }

    static func lineMatch(_ text: String, _ marker: String) -> Bool {
        var searchStart = text.startIndex
        while let range = text.range(of: marker, range: searchStart..<text.endIndex) {
            let after = range.upperBound
            if after == text.endIndex || text[after] == "\n" || text[after] == "\r" || text[after] == "<" { return true }
            searchStart = range.upperBound
        }
        return false
    }
}

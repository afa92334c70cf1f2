import Foundation
import ScreenerCore

/// A JSON Pointer (RFC 6901) with two additions that ATS payloads need:
///
/// - `*` selects every element of an array (or every member value of an object):
///   `/payload/application/candidate/email_addresses/*/value` yields all e-mail values.
/// - `name[field=value]` selects the first element of the array `name` whose member `field` renders
///   as `value`: `/payload/application/candidate/attachments[type=resume]/url` is the URL of the
///   first attachment with `"type": "resume"`. `[field=value]` alone applies to the current array.
///
/// Tokens are unescaped as in RFC 6901 (`~1` → `/`, `~0` → `~`). A numeric token indexes an array.
/// The empty pointer `""` is the whole document.
public struct ProfilePointer: Sendable, Hashable, CustomStringConvertible {
    enum Segment: Sendable, Hashable {
        case member(String)
        case all
        case firstWhere(member: String?, field: String, value: String)
    }

    /// The pointer as written in the profile; safe to put in error messages (it names a place, not a value).
    public let text: String
    let segments: [Segment]

    public var description: String { text }

    /// True when the pointer can yield more than one value (`*`).
    public var isMulti: Bool { segments.contains(.all) }

    public init(_ text: String) throws {
        self.text = text
        if text.isEmpty {
            segments = []
            return
        }
        guard text.hasPrefix("/") else {
            throw ScreenerError(.invalidProfile, "pointer '\(text)' must start with '/'")
        }
        var parsed: [Segment] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = String(raw)
            if token == "*" {
                parsed.append(.all)
                continue
            }
            if token.hasSuffix("]"), let open = token.lastIndex(of: "[") {
                let inner = token[token.index(after: open)..<token.index(before: token.endIndex)]
                guard let eq = inner.firstIndex(of: "="), eq != inner.startIndex else {
                    throw ScreenerError(.invalidProfile, "pointer '\(text)': selector must read [field=value]")
                }
                let member = Self.unescape(String(token[..<open]))
                parsed.append(.firstWhere(
                    member: member.isEmpty ? nil : member,
                    field: String(inner[..<eq]),
                    value: String(inner[inner.index(after: eq)...])))
                continue
            }
            parsed.append(.member(Self.unescape(token)))
        }
        segments = parsed
    }

    static func unescape(_ token: String) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// Every value the pointer reaches in `document` (empty when nothing is there).
    public func resolve(in document: JSONValue) -> [JSONValue] {
        var current: [JSONValue] = [document]
        for segment in segments {
            var next: [JSONValue] = []
            for value in current {
                switch segment {
                case .member(let name):
                    if let child = Self.child(of: value, token: name) { next.append(child) }
                case .all:
                    switch value {
                    case .array(let items): next.append(contentsOf: items)
                    case .object(let members): next.append(contentsOf: members.keys.sorted().compactMap { members[$0] })
                    default: break
                    }
                case .firstWhere(let member, let field, let wanted):
                    let container = member.flatMap { Self.child(of: value, token: $0) } ?? (member == nil ? value : nil)
                    if case .array(let items)? = container,
                       let hit = items.first(where: { $0[field]?.scalarText == wanted }) {
                        next.append(hit)
                    }
                }
            }
            current = next
            if current.isEmpty { break }
        }
        return current
    }

    /// The first value reached, or `nil`. A JSON `null` counts as absent.
    public func first(in document: JSONValue) -> JSONValue? {
        resolve(in: document).first { $0 != .null }
    }

    static func child(of value: JSONValue, token: String) -> JSONValue? {
        switch value {
        case .object(let members): return members[token]
        case .array(let items):
            guard let index = Int(token), index >= 0, index < items.count else { return nil }
            return items[index]
        default: return nil
        }
    }

    /// Returns `document` with `newValue` stored at this pointer, creating objects on the way.
    /// Only plain member tokens are supported (no `*`, no selectors).
    func setting(_ newValue: JSONValue, in document: JSONValue) throws -> JSONValue {
        var names: [String] = []
        for segment in segments {
            guard case .member(let name) = segment else {
                throw ScreenerError(.invalidProfile, "pointer '\(text)' cannot be written (it selects)")
            }
            names.append(name)
        }
        return try Self.set(newValue, at: names[...], in: document, pointer: text)
    }

    private static func set(_ newValue: JSONValue, at names: ArraySlice<String>, in value: JSONValue, pointer: String) throws -> JSONValue {
        guard let head = names.first else { return newValue }
        guard case .object(var members) = value else {
            throw ScreenerError(.malformedPayload, "cannot write '\(pointer)': parent is not a JSON object")
        }
        members[head] = try set(newValue, at: names.dropFirst(), in: members[head] ?? .object([:]), pointer: pointer)
        return .object(members)
    }
}

extension ProfilePointer: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }
}

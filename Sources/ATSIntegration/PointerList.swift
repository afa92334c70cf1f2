import Foundation

/// One pointer or a list of pointers tried in order (the first that yields a value wins). In a
/// profile file: `externalId: /payload/person/id` or `externalId: [/a/id, /b/id]`.
public struct PointerList: Sendable, Hashable, Codable, CustomStringConvertible {
    public var pointers: [ProfilePointer]

    public init(_ pointers: [ProfilePointer]) { self.pointers = pointers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let one = try? c.decode(String.self) {
            pointers = [try ProfilePointer(one)]
        } else {
            pointers = try c.decode([String].self).map { try ProfilePointer($0) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if pointers.count == 1 { try c.encode(pointers[0]) } else { try c.encode(pointers) }
    }

    public var description: String { pointers.map(\.text).joined(separator: ", ") }

    /// The values of the first pointer that reaches anything non-null.
    func resolve(in document: JSONValue) -> (pointer: ProfilePointer, values: [JSONValue])? {
        for pointer in pointers {
            let values = pointer.resolve(in: document).filter { $0 != .null }
            if !values.isEmpty { return (pointer, values) }
        }
        return nil
    }
}

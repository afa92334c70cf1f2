import Foundation

/// Hex encoding for digests (lower case), shared by the targets that hash inputs for provenance.
extension Sequence where Element == UInt8 {
    public var lowercaseHex: String {
        var s = ""
        for b in self {
            s.append(Character(Unicode.Scalar(Self.hexDigits[Int(b >> 4)])))
            s.append(Character(Unicode.Scalar(Self.hexDigits[Int(b & 0x0f)])))
        }
        return s
    }
    private static var hexDigits: [UInt8] { Array("0123456789abcdef".utf8) }
}

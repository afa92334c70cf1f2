import ATSIntegration
import Foundation
import ScreenerCore
import Testing

@Suite("Profile pointers")
struct ProfilePointerTests {
    static let document = try! JSONValue.parse(Data(#"""
    {"a":{"b":[{"type":"cover","url":"c"},{"type":"resume","url":"r1"},{"type":"resume","url":"r2"}]},
     "m~n":{"x/y":1},"ids":[10,20],"n":null,"big":1526483573958,"flag":true,"f":2.5}
    """#.utf8))

    @Test(arguments: [
        ("/a/b/1/url", ["r1"]),
        ("/a/b[type=resume]/url", ["r1"]),
        ("/a/b/*/url", ["c", "r1", "r2"]),
        ("/a/b/*/type", ["cover", "resume", "resume"]),
        ("/m~0n/x~1y", ["1"]),
        ("/ids/*", ["10", "20"]),
        ("/big", ["1526483573958"]),
        ("/flag", ["true"]),
        ("/f", ["2.5"]),
        ("/a/b[type=none]/url", []),
        ("/a/missing", []),
        ("/ids/7", []),
    ])
    func resolves(_ pointer: String, _ expected: [String]) throws {
        let values = try ProfilePointer(pointer).resolve(in: Self.document)
        #expect(values.compactMap(\.scalarText) == expected)
    }

    @Test func nullCountsAsAbsentForFirst() throws {
        #expect(try ProfilePointer("/n").first(in: Self.document) == nil)
        #expect(try ProfilePointer("").first(in: Self.document) == Self.document)
    }

    @Test(arguments: ["a/b", "/a/b[type]", "/a/b[=x]"])
    func malformedPointersAreInvalidProfiles(_ text: String) {
        #expect(SignatureVectorTests.code { try ProfilePointer(text) } == .invalidProfile)
    }
}

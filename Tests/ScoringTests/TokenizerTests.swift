import Testing
@testable import Scoring

@Suite("TextTokenizer")
struct TokenizerTests {
    @Test func keepsTechTokensAndDropsNoise() {
        let t = TextTokenizer.tokens("C++, C#, Node.js and ASP.NET; the 2019 [NAME] services.")
        #expect(t.map(\.term) == ["c++", "c#", "node.js", "asp.net", "service"])
        #expect(t[0].range.start == 0 && t[0].range.end == 3)
    }

    @Test(arguments: [("services", "service"), ("databases", "database"), ("policies", "policy"), ("managing", "manag"),
                      ("analysis", "analysis"), ("status", "status"), ("go", "go")])
    func stems(word: String, stem: String) { #expect(TextTokenizer.stem(word) == stem) }
}

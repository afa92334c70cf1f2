import ATSIntegration
import Foundation
import ScreenerCore
import Testing

@Suite("Secret references")
struct SecretReferenceTests {
    @Test func environmentVariableResolves() throws {
        #expect(try SecretReference.resolve("env:GH_SECRET", environment: ["GH_SECRET": "s3cr3t"]) == Data("s3cr3t".utf8))
    }

    @Test func fileResolvesWithoutTrailingNewline() throws {
        let dir = try TempDir()
        let file = dir.url.appendingPathComponent("secret")
        try Data("whsec_abc\n".utf8).write(to: file)
        #expect(try SecretReference.resolve("file:\(file.path)", environment: [:]) == Data("whsec_abc".utf8))
    }

    @Test func missingSecretNamesTheKeyOnly() throws {
        // Given a reference to an unset variable, while other variables hold secrets
        do {
            _ = try SecretReference.resolve("env:LEVER_TOKEN", environment: ["OTHER": "do-not-leak"])
            Issue.record("expected missing_secret")
        } catch let error as ScreenerError {
            #expect(error.code == .missingSecret)
            #expect(error.message.contains("LEVER_TOKEN"))
            #expect(!error.description.contains("do-not-leak"))
        }
        #expect(SignatureVectorTests.code { try SecretReference.resolve("env:EMPTY", environment: ["EMPTY": ""]) } == .missingSecret)
        #expect(SignatureVectorTests.code { try SecretReference.resolve("file:/nonexistent/secret", environment: [:]) } == .missingSecret)
        #expect(SignatureVectorTests.code { try SecretReference.resolve("vault:x", environment: [:]) } == .invalidConfiguration)
    }
}

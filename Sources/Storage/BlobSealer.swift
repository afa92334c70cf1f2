import Foundation
import ScreenerCore

/// Seals personal data before it is written and opens it after it is read. `context` names the
/// column (e.g. `documents.bytes`) and is bound into the ciphertext, so a sealed blob cannot be moved
/// to another column. The live sealer is AES-256-GCM (`DataKeyring`); `PlaintextSealer` is for
/// `serve --insecure-dev` and tests that are not about encryption.
public protocol BlobSealer: Sendable {
    func seal(_ plaintext: Data, context: String) throws -> Data
    func open(_ sealed: Data, context: String) throws -> Data
}

/// Stores data as given. Only for development without a data key.
public struct PlaintextSealer: BlobSealer {
    public init() {}
    public func seal(_ plaintext: Data, context: String) throws -> Data { plaintext }
    /// Data sealed under a key cannot be read without it: that is an error, not bytes to show.
    public func open(_ sealed: Data, context: String) throws -> Data {
        if DataKeyring.isSealed(sealed) {
            throw ScreenerError(.keyMissing, "\(context) is encrypted: set SCREENER_DATA_KEY (or dataKey in the configuration) to read it")
        }
        return sealed
    }
}

/// AES-256-GCM with the key id in each blob (see `DataKeyring`).
extension DataKeyring: BlobSealer {}

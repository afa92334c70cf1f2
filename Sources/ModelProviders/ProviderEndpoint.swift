import Foundation

/// Where and how to reach an OpenAI-compatible provider (OpenAI, Azure OpenAI, Ollama, vLLM,
/// llama.cpp server).
public struct ProviderEndpoint: Sendable, Equatable {
    /// How the key travels: `Authorization: Bearer <key>` (OpenAI and most servers) or
    /// `api-key: <key>` (Azure OpenAI).
    public enum KeyStyle: String, Codable, Sendable, Equatable {
        case bearer
        case apiKey = "api-key"
    }

    /// Base URL up to and including the API version segment, e.g. `https://api.openai.com/v1`,
    /// `http://localhost:11434/v1`, or an Azure deployment URL
    /// `https://R.openai.azure.com/openai/deployments/D` (with `apiVersion`).
    public var baseURL: String
    /// The resolved secret, or nil for servers without authentication (Ollama, llama.cpp).
    public var apiKey: String?
    public var keyStyle: KeyStyle
    /// Appended as `?api-version=` (Azure OpenAI).
    public var apiVersion: String?
    /// Per-request timeout, covering connect, send and the reply head.
    public var timeout: Duration
    public var retry: RetryPolicy

    public init(
        baseURL: String, apiKey: String? = nil, keyStyle: KeyStyle = .bearer, apiVersion: String? = nil,
        timeout: Duration = .seconds(60), retry: RetryPolicy = RetryPolicy()
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.keyStyle = keyStyle
        self.apiVersion = apiVersion
        self.timeout = timeout
        self.retry = retry
    }

    /// `baseURL` + `/` + `path` (one slash between), plus `api-version` when set.
    public func url(_ path: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var u = base + "/" + path
        if let v = apiVersion, !v.isEmpty {
            u += (u.contains("?") ? "&" : "?") + "api-version=" + (v.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? v)
        }
        return u
    }
}

import Foundation

/// What a model costs, in US dollars per one million tokens.
///
///     cost = (promptTokens · input + completionTokens · output) / 1_000_000
public struct ModelPrice: Codable, Sendable, Equatable, Hashable {
    /// USD per 1M prompt (input) tokens.
    public var input: Double
    /// USD per 1M completion (output) tokens.
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    public func cost(promptTokens: Int, completionTokens: Int) -> Double {
        (Double(promptTokens) * input + Double(completionTokens) * output) / 1_000_000
    }
}

/// Prices by model name. A lookup tries the exact name, then the longest configured name that is
/// a prefix of it (so `gpt-4o` prices `gpt-4o-2024-08-06`), else nil (cost unknown, counted as 0).
public struct PriceTable: Codable, Sendable, Equatable {
    public var prices: [String: ModelPrice]

    public init(_ prices: [String: ModelPrice] = [:]) { self.prices = prices }

    public func price(for model: String) -> ModelPrice? {
        if let p = prices[model] { return p }
        return prices.filter { model.hasPrefix($0.key) }.max { $0.key.count < $1.key.count }?.value
    }

    public init(from decoder: Decoder) throws {
        prices = try decoder.singleValueContainer().decode([String: ModelPrice].self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(prices)
    }
}

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Screener",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "screener", targets: ["screener"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
    ],
    targets: [
        .target(name: "ScreenerCore", resources: [.copy("Resources")]),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract", providers: [.apt(["libtesseract-dev", "tesseract-ocr-eng"])]),
        .target(
            name: "ResumeParsing",
            dependencies: [
                "ScreenerCore", "CPoppler", "CLibXML2", "CTesseract",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Scoring", dependencies: ["ScreenerCore", .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(
            name: "scoring-quality",
            dependencies: ["Scoring", "ScreenerCore", "ResumeParsing"],
            path: "scripts/quality",
            exclude: ["extract_text.py", "README.md", "jobs", "run.sh"]
        ),
        .target(
            name: "ModelProviders",
            dependencies: [
                "ScreenerCore", "Scoring",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "pipeline-bench",
            dependencies: [
                "ScreenerServer", "ScreenerTestSupport", "Storage", "ATSIntegration", "ResumeParsing", "ScreenerCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "scripts/pipeline-bench"
        ),
        .executableTarget(
            name: "parse-bench",
            dependencies: ["ResumeParsing", "ScreenerCore", .product(name: "Crypto", package: "swift-crypto")],
            path: "scripts/parse-bench"
        ),
        .executableTarget(
            name: "intake-floor",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            path: "scripts/intake-floor"
        ),
        .target(name: "BiasAudit", dependencies: ["ScreenerCore"], resources: [.copy("Resources")]),
        .target(
            name: "Storage",
            dependencies: [
                "ScreenerCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ATSIntegration",
            dependencies: [
                "ScreenerCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Fetching/README.md"],
            resources: []
        ),
        .target(
            name: "ScreenerServer",
            dependencies: [
                "ScreenerCore", "ATSIntegration", "Storage", "ResumeParsing", "Scoring", "ModelProviders", "BiasAudit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "screener",
            dependencies: [
                "ScreenerCore", "ScreenerServer", "ATSIntegration", "Storage", "BiasAudit",
                "ResumeParsing", "Scoring", "ModelProviders",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ScreenerTestSupport",
            dependencies: [
                "ScreenerCore", "ScreenerServer", "ATSIntegration", "Storage", "BiasAudit",
                "ResumeParsing", "Scoring", "ModelProviders",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ScreenerCoreTests", dependencies: ["ScreenerCore"]),
        .testTarget(
            name: "ATSIntegrationTests",
            dependencies: [
                "ATSIntegration", "ScreenerTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "ScreenerTestSupport"]),
        .testTarget(
            name: "ScreenerServerTests",
            dependencies: [
                "ScreenerServer", "ScreenerTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(name: "BiasAuditTests", dependencies: ["BiasAudit", "ScreenerTestSupport"]),
        .testTarget(name: "ResumeParsingTests", dependencies: ["ResumeParsing", "CPoppler", "ScreenerTestSupport"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "ScreenerCore", "ScreenerTestSupport"]),
        .testTarget(
            name: "ModelProvidersTests",
            dependencies: ["ModelProviders", "ScreenerTestSupport"],
            exclude: ["openai-chat-completions-request.schema.json", "openai-embeddings-request.schema.json"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

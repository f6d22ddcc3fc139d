// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Gatehouse",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GatehouseCommon", targets: ["GatehouseCommon"]),
        .library(name: "GatehouseNIO", targets: ["GatehouseNIO"]),
        .library(name: "GatehouseConfig", targets: ["GatehouseConfig"]),
        .library(name: "HTTPCore", targets: ["HTTPCore"]),
        .library(name: "OAuthHTTP", targets: ["OAuthHTTP"]),
        .library(name: "OAuth1", targets: ["OAuth1"]),
        .library(name: "OAuth2", targets: ["OAuth2"]),
        .library(name: "GatehouseJOSE", targets: ["GatehouseJOSE"]),
        .library(name: "OAuthStores", targets: ["OAuthStores"]),
        .library(name: "OAuthClient", targets: ["OAuthClient"]),
        .library(name: "OAuthIntegration", targets: ["OAuthIntegration"]),
        .library(name: "OAuthMiddleware", targets: ["OAuthMiddleware"]),
        .library(name: "DemoModel", targets: ["DemoModel"]),
        .library(name: "GatehouseTesting", targets: ["GatehouseTesting"]),
        .executable(name: "DemoApp", targets: ["DemoApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        // `swift package generate-documentation` (scripts/docs): the DocC catalogs in Sources/*/*.docc.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // getrandom(2) for GatehouseCommon.SecureRandom (not exported by Swift's Glibc module).
        .target(name: "CGatehouseRandom"),
        .target(
            name: "GatehouseCommon",
            dependencies: ["CGatehouseRandom"],
            swiftSettings: swiftSettings
        ),
        // Production operations every core shares: brute-force throttling, the audit log, metrics.
        .target(
            name: "GatehouseOperations",
            dependencies: [
                "GatehouseCommon",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Settings by flat key from code, environment and JSON (swift-configuration): no HTTP stack,
        // so every adapter and the framework-neutral integration layer read the same keys.
        .target(
            name: "GatehouseConfig",
            dependencies: [
                "GatehouseCommon",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: swiftSettings
        ),
        // What HTTPCore and OAuthStores share on top of SwiftNIO: the executor of an event loop, the threads
        // of an embedded database (GatehouseCommon imports no NIO module; the stores no NIOPosix).
        .target(
            name: "GatehouseNIO",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The one place AsyncHTTPClient's NIOHTTP1 vocabulary meets swift-http-types, so that the OAuth
        // client imports no NIO HTTP module.
        .target(
            name: "GatehouseHTTPClient",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HTTPCore",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "GatehouseCommon",
                "GatehouseConfig",
                "GatehouseNIO",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        // The one request/response seam of both protocol cores, on swift-http-types (the types
        // HTTPCore, Hummingbird and Vapor speak); no HTTP stack.
        .target(
            name: "OAuthHTTP",
            dependencies: ["GatehouseCommon", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OAuth1",
            dependencies: [
                "GatehouseCommon",
                "GatehouseOperations",
                "OAuthHTTP",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OAuth2",
            dependencies: [
                "GatehouseCommon",
                "GatehouseJOSE",
                "GatehouseOperations",
                "OAuthHTTP",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // JOSE on jwt-kit: signing keys, key sets, JWKS, thumbprints (RFC 7515/7517/7518/7638/8037).
        .target(
            name: "GatehouseJOSE",
            dependencies: [
                "GatehouseCommon",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OAuthStores",
            dependencies: [
                "GatehouseCommon",
                "GatehouseJOSE",
                "GatehouseOperations",
                "GatehouseNIO",
                "OAuth1",
                "OAuth2",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OAuthClient",
            dependencies: [
                "GatehouseJOSE",
                "GatehouseCommon",
                "GatehouseHTTPClient",
                "OAuth1",
                "OAuth2",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The framework-neutral integration layer: config keys to typed settings, currentToken and
        // currentCredential, the guards' decisions. No HTTP stack: HTTPCore, Hummingbird and Vapor
        // adapters share it.
        .target(
            name: "OAuthIntegration",
            dependencies: [
                "GatehouseCommon",
                "GatehouseConfig",
                "GatehouseOperations",
                "OAuthHTTP",
                "OAuth1",
                "OAuth2",
                "OAuthClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OAuthMiddleware",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                "GatehouseCommon",
                "GatehouseOperations",
                "HTTPCore",
                "OAuthIntegration",
                "OAuthHTTP",
                "OAuth1",
                "OAuth2",
                "OAuthClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        // Tests/Interop/authlib_provider.py (Authlib, a provider this project did not write) as a
        // process the interop tests of several targets start.
        .target(
            name: "InteropTestSupport",
            dependencies: ["HTTPCore", .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OAuthTestSupport",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "GatehouseCommon", "OAuthHTTP", "OAuth1", "OAuth2",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        // A provider on in-memory SQLite for the framework adapters' tests (Adapters/*).
        .target(
            name: "GatehouseTesting",
            dependencies: ["DemoModel", "OAuth1", "OAuth2", "OAuthClient", "OAuthIntegration", "OAuthStores"],
            swiftSettings: swiftSettings
        ),
        // The demo's users and notes on the OAuth store's database: shared by DemoApp and the example
        // servers of the framework adapters, so they serve the same users and notes.
        .target(
            name: "DemoModel",
            dependencies: [
                "GatehouseCommon",
                "GatehouseConfig",
                "OAuth1",
                "OAuth2",
                "OAuthIntegration",
                "OAuthStores",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "DemoApp",
            dependencies: [
                "DemoModel",
                "GatehouseCommon",
                "GatehouseJOSE",
                "GatehouseOperations",
                "HTTPCore",
                "OAuth1",
                "OAuth2",
                "OAuthClient",
                "OAuthMiddleware",
                "OAuthStores",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // README's code blocks, compiled by every build so the documentation cannot drift from the
        // API (scripts/check-readme checks README holds them verbatim).
        .executableTarget(
            name: "OAuthInOneScreen",
            dependencies: ["HTTPCore", "OAuth2", "OAuthMiddleware", "OAuthStores"],
            path: "Examples/OAuthInOneScreen",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "HTTPCoreInOneScreen",
            dependencies: ["HTTPCore"],
            path: "Examples/HTTPCoreInOneScreen",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseCommonTests",
            dependencies: ["GatehouseCommon"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseOperationsTests",
            dependencies: [
                "GatehouseCommon",
                "GatehouseOperations",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HTTPCoreTests",
            dependencies: [
                "HTTPCore",
                "GatehouseCommon",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OAuth1Tests",
            dependencies: [
                "OAuth1",
                "OAuthTestSupport",
                "GatehouseCommon",
                "GatehouseOperations",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                "OAuthHTTP",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OAuth2Tests",
            dependencies: [
                "OAuth2",
                "GatehouseJOSE",
                "OAuthTestSupport",
                "GatehouseCommon",
                "GatehouseOperations",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                "OAuthHTTP",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OAuthClientTests",
            dependencies: [
                "OAuthClient",
                "GatehouseHTTPClient",
                "OAuthTestSupport",
                "InteropTestSupport",
                "HTTPCore",
                "GatehouseCommon",
                "OAuth1",
                "OAuth2",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                "OAuthHTTP",
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OAuthIntegrationTests",
            dependencies: [
                "OAuthIntegration", "GatehouseCommon", "GatehouseConfig", "OAuth1", "OAuth2", "OAuthClient", "OAuthTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OAuthMiddlewareTests",
            dependencies: [
                "OAuthMiddleware",
                "OAuthClient",
                "OAuthTestSupport",
                "InteropTestSupport",
                "HTTPCore",
                "GatehouseCommon",
                "GatehouseOperations",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                "OAuthHTTP",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DemoAppTests",
            dependencies: [
                "DemoApp",
                "DemoModel",
                "GatehouseTesting",
                "InteropTestSupport",
                "GatehouseJOSE",
                .product(name: "JWTKit", package: "jwt-kit"),
                "OAuthStores",
                "OAuth2",
                "OAuthClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseJOSETests",
            dependencies: ["GatehouseJOSE", "GatehouseCommon", .product(name: "JWTKit", package: "jwt-kit")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OAuthStoresTests",
            dependencies: [
                "GatehouseJOSE",
                .product(name: "JWTKit", package: "jwt-kit"),
                "OAuthStores",
                "OAuth1",
                "OAuth2",
                "OAuthTestSupport",
                "GatehouseCommon",
                "GatehouseOperations",
                "HTTPCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                "OAuthHTTP",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

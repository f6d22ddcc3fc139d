// swift-tools-version:6.2
import PackageDescription

// Gatehouse on Vapor 4: the same authorization servers, guards, stores and client registry as
// HTTPCore's adapter (OAuthMiddleware), through the framework-neutral seam (OAuthHTTP) and
// integration layer (OAuthIntegration). A package of its own, so a user of HTTPCore alone never
// fetches or builds Vapor. Build and test from the repository root:
//   swift build --package-path Adapters/GatehouseVapor --build-tests
//   swift test --package-path Adapters/GatehouseVapor --skip-build

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "GatehouseVapor",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GatehouseVapor", targets: ["GatehouseVapor"]),
        .executable(name: "GatehouseVaporExample", targets: ["GatehouseVaporExample"]),
    ],
    dependencies: [
        .package(name: "Gatehouse", path: "../.."),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    ],
    targets: [
        .target(
            name: "GatehouseVapor",
            dependencies: [
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "GatehouseNIO", package: "Gatehouse"),
                .product(name: "OAuthHTTP", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthIntegration", package: "Gatehouse"),
                .product(name: "OAuthClient", package: "Gatehouse"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // DemoApp's provider API on Vapor, on the same schema through Fluent's `app.db`:
        // `scripts/example vapor`.
        .executableTarget(
            name: "GatehouseVaporExample",
            dependencies: [
                "GatehouseVapor",
                .product(name: "DemoModel", package: "Gatehouse"),
                .product(name: "GatehouseConfig", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: swiftSettings
        ),
        // README's "On Vapor" block, verbatim (scripts/check-readme): compiled so it cannot drift.
        .executableTarget(
            name: "GatehouseVaporQuickstart",
            dependencies: [
                "GatehouseVapor",
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Vapor", package: "vapor"),
            ],
            path: "Examples/Quickstart",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseVaporTests",
            dependencies: [
                "GatehouseVapor",
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "OAuthClient", package: "Gatehouse"),
                .product(name: "GatehouseTesting", package: "Gatehouse"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

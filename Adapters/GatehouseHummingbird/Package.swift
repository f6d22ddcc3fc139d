// swift-tools-version:6.2
import PackageDescription

// Gatehouse on Hummingbird 2: the same authorization servers, guards and stores as HTTPCore's
// adapter (OAuthMiddleware), through the framework-neutral seam (OAuthHTTP) and integration layer
// (OAuthIntegration). A package of its own, so a user of HTTPCore alone never fetches or builds
// Hummingbird. Build and test from the repository root:
//   swift build --package-path Adapters/GatehouseHummingbird --build-tests
//   swift test --package-path Adapters/GatehouseHummingbird --skip-build

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "GatehouseHummingbird",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "GatehouseHummingbird", targets: ["GatehouseHummingbird"]),
        .executable(name: "GatehouseHummingbirdExample", targets: ["GatehouseHummingbirdExample"]),
    ],
    dependencies: [
        .package(name: "Gatehouse", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "GatehouseHummingbird",
            dependencies: [
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "OAuthHTTP", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthIntegration", package: "Gatehouse"),
                .product(name: "OAuthClient", package: "Gatehouse"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // DemoApp's provider API on Hummingbird, on the same schema: `scripts/example hummingbird`.
        .executableTarget(
            name: "GatehouseHummingbirdExample",
            dependencies: [
                "GatehouseHummingbird",
                .product(name: "DemoModel", package: "Gatehouse"),
                .product(name: "GatehouseConfig", package: "Gatehouse"),
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // README's "On Hummingbird" block, verbatim (scripts/check-readme): compiled so it cannot drift.
        .executableTarget(
            name: "GatehouseHummingbirdQuickstart",
            dependencies: [
                "GatehouseHummingbird",
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Examples/Quickstart",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseHummingbirdTests",
            dependencies: [
                "GatehouseHummingbird",
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "OAuthClient", package: "Gatehouse"),
                .product(name: "GatehouseTesting", package: "Gatehouse"),
                .product(name: "DemoModel", package: "Gatehouse"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

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
        .library(name: "GatehouseVapor", targets: ["GatehouseVapor"])
    ],
    dependencies: [
        .package(name: "Gatehouse", path: "../.."),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(
            name: "GatehouseVapor",
            dependencies: [
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "OAuthHTTP", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthIntegration", package: "Gatehouse"),
                .product(name: "OAuthClient", package: "Gatehouse"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseVaporTests",
            dependencies: [
                "GatehouseVapor",
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "OAuthClient", package: "Gatehouse"),
                .product(name: "GatehouseTesting", package: "Gatehouse"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

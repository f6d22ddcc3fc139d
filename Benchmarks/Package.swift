// swift-tools-version:6.2
// The HTTP benchmark peers: the same hello-world response served by HTTPCore, by a bare SwiftNIO
// handler and by Hummingbird 2 (`scripts/bench-http`), and the OAuth benchmark server with
// in-memory stores (`scripts/bench-oauth`), with the framework adapters' bearer guard on Hummingbird
// and Vapor beside it. A package of its own so the library never depends on Hummingbird or Vapor.
// Run everything from the repository root.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "GatehouseBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Gatehouse", path: ".."),  // named: a path package is otherwise named after its directory
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(name: "GatehouseHummingbird", path: "../Adapters/GatehouseHummingbird"),
        .package(name: "GatehouseVapor", path: "../Adapters/GatehouseVapor"),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    ],
    targets: [
        // The benchmark client and token every store-backed server provisions.
        .target(
            name: "BenchSupport",
            dependencies: [
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthStores", package: "Gatehouse"),
            ],
            swiftSettings: swiftSettings
        ),
        // Issue 17: the bearer guard of each framework adapter, tokens from SQLite.
        .executableTarget(
            name: "bench-adapter-hummingbird",
            dependencies: [
                "BenchSupport",
                .product(name: "GatehouseHummingbird", package: "GatehouseHummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-adapter-vapor",
            dependencies: [
                "BenchSupport",
                .product(name: "GatehouseVapor", package: "GatehouseVapor"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-httpcore",
            dependencies: [
                .product(name: "HTTPCore", package: "Gatehouse"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-oauth",
            dependencies: [
                "BenchSupport",
                .product(name: "OAuthMiddleware", package: "Gatehouse"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OAuthStores", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "GatehouseNIO", package: "Gatehouse"),
                .product(name: "HTTPCore", package: "Gatehouse"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-nio",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-hummingbird",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird")
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

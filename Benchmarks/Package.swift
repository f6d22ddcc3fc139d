// swift-tools-version:6.2
// The HTTP benchmark peers: the same hello-world response served by HTTPCore, by a bare SwiftNIO
// handler and by Hummingbird 2 (`scripts/bench-http`), and the OAuth benchmark server with
// in-memory stores (`scripts/bench-oauth`). A package of its own so the library never depends on
// Hummingbird. Run everything from the repository root.
import Foundation
import PackageDescription

/// The Gatehouse package's identity: SwiftPM names a path dependency after its directory, which is
/// `main` in the main checkout but differs in other worktrees (`git worktree add ../perf`).
let core = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .resolvingSymlinksInPath().lastPathComponent

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "GatehouseBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "bench-httpcore",
            dependencies: [
                .product(name: "HTTPCore", package: core),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "bench-oauth",
            dependencies: [
                .product(name: "OAuthMiddleware", package: core),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OAuthStores", package: core),
                .product(name: "OAuth1", package: core),
                .product(name: "OAuth2", package: core),
                .product(name: "GatehouseCommon", package: core),
                .product(name: "GatehouseNIO", package: core),
                .product(name: "HTTPCore", package: core),
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

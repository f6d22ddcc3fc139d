// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for every Gatehouse parser that sees untrusted bytes.
//
// Build (scripts/fuzz builds and runs them; Fuzz/README.md says more):
//   swift build --package-path Fuzz --scratch-path .build-fuzz -c debug \
//       --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address
// Each executable defines `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
//
// The harnesses use `@testable import` for the few internal entry points they drive (the server's
// connection pipeline, the client's token-response readers): debug builds compile every module
// with testing enabled, so build this package in debug.
//
// `FuzzTestSupport` is the main package's `OAuthTestSupport` sources (a symlink): that target is
// not a product, so another package cannot depend on it.

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "GatehouseFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Gatehouse", path: ".."),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        .target(name: "FuzzSupport", swiftSettings: swiftSettings),
        .target(
            name: "FuzzTestSupport",
            dependencies: [
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthHTTP", package: "Gatehouse"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzHTTPRequest",
            dependencies: [
                "FuzzSupport",
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "HTTPCore", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthMiddleware", package: "Gatehouse"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzOAuth1",
            dependencies: [
                "FuzzSupport",
                "FuzzTestSupport",
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "OAuth1", package: "Gatehouse"),
                .product(name: "OAuthHTTP", package: "Gatehouse"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzOAuth2Server",
            dependencies: [
                "FuzzSupport",
                "FuzzTestSupport",
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthHTTP", package: "Gatehouse"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzClientAuth",
            dependencies: [
                "FuzzSupport",
                "FuzzTestSupport",
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthHTTP", package: "Gatehouse"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "FuzzTokenResponse",
            dependencies: [
                "FuzzSupport",
                .product(name: "GatehouseCommon", package: "Gatehouse"),
                .product(name: "OAuth2", package: "Gatehouse"),
                .product(name: "OAuthClient", package: "Gatehouse"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

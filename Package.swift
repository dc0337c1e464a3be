// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mtlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mtlint", targets: ["mtlint"]),
        .library(name: "MTLintKit", targets: ["MTLintKit"]),
        .library(name: "MTLintServer", targets: ["MTLintServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // `mtlint serve` (MTLintServer only; MTLintKit stays free of HTTP).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // System ICU (Debian libicu-dev). Only the C shim sees its headers (DESIGN §3).
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        // System zlib, to read the gzip-compressed evaluation files.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // System libxml2, for its table of HTML named character references.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // C API over ICU, zlib and libxml2 whose public header uses none of their types.
        .target(name: "ICUShim", dependencies: ["CICU", "CZlib", "CLibXML2"]),
        .target(name: "MTLintKit", dependencies: ["ICUShim", .product(name: "Yams", package: "Yams")]),
        // The HTTP server of `mtlint serve`: LanguageTool's /v2 API, the native /v1 API, metrics.
        .target(
            name: "MTLintServer",
            dependencies: [
                "MTLintKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The review page (GET /) and the native API's OpenAPI document (a copy of docs/openapi.yaml).
            resources: [.embedInCode("Resources/review.html"), .embedInCode("Resources/openapi.yaml")]
        ),
        .executableTarget(
            name: "mtlint",
            dependencies: [
                "MTLintKit",
                "MTLintServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Speed relative to a plain ICU pass (scripts/bench.sh).
        .executableTarget(name: "mtlint-bench", dependencies: ["MTLintKit"]),
        .testTarget(
            name: "MTLintKitTests",
            dependencies: ["MTLintKit", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "CLITests", dependencies: ["mtlint"]),
        .testTarget(
            name: "MTLintServerTests",
            dependencies: [
                "MTLintServer",
                "MTLintKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

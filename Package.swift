// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mtlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mtlint", targets: ["mtlint"]),
        .library(name: "MTLintKit", targets: ["MTLintKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
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
        .executableTarget(
            name: "mtlint",
            dependencies: [
                "MTLintKit",
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
    ],
    swiftLanguageModes: [.v6]
)

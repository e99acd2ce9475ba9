// swift-tools-version: 6.1
import PackageDescription

// The words of each language a site can be written in (Sources/SiteRender/Words), embedded in
// the code as `PackageResources.fr_json`: no bundle to find beside the binary, which is installed alone.
let words: [Resource] = ["en", "fr", "es", "ca", "de", "nl", "it", "pt", "pl"].map { .embedInCode("Words/\($0).json") }

let package = Package(
    name: "keydocs",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "keydocs", targets: ["keydocs"]),
        .library(name: "KeyPolicy", targets: ["KeyPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CMariaDB",
            pkgConfig: "libmariadb",
            providers: [.apt(["libmariadb-dev"])]
        ),
        .target(name: "CSystem"),
        .target(name: "Support", dependencies: ["CSystem"]),
        .target(name: "KeyPolicy", dependencies: ["Support"]),
        .target(name: "DocModel", dependencies: ["CCmarkGFM", "Support", "KeyPolicy", .product(name: "Yams", package: "Yams")]),
        .target(name: "SiteRender", dependencies: ["Support", "DocModel", "CSystem"], resources: words),
        .target(name: "Database", dependencies: ["Support", "KeyPolicy", "CMariaDB"]),
        .target(name: "SampleCheck", dependencies: ["Support", "DocModel", "KeyPolicy", "Database", "CSystem", .product(name: "Crypto", package: "swift-crypto")], resources: [.embedInCode("Schema/civicrm.sql")]),
        .target(name: "KeyTools", dependencies: ["Support", "DocModel", "KeyPolicy", "Database"]),
        .target(name: "Pipeline", dependencies: ["Support", "DocModel", "KeyPolicy", "Database", "SampleCheck", "SiteRender"]),
        .target(name: "Preview", dependencies: ["Support", "DocModel", "SiteRender", "Pipeline", .product(name: "FlyingFox", package: "FlyingFox")]),
        .target(name: "FuzzHarness", dependencies: ["DocModel", "KeyPolicy", "SampleCheck", "SiteRender"]),
        .executableTarget(name: "keydocs-fuzz", dependencies: ["FuzzHarness"]),
        .executableTarget(
            name: "keydocs",
            dependencies: [
                "Support",
                "KeyPolicy",
                "DocModel",
                "Database",
                "KeyTools",
                "Pipeline",
                "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What several test targets share (a seeded generator, snapshots); used by test targets only.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SupportTests", dependencies: ["Support"]),
        .testTarget(name: "KeyPolicyTests", dependencies: ["KeyPolicy", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CCmarkGFMTests", dependencies: ["CCmarkGFM"]),
        .testTarget(name: "DocModelTests", dependencies: ["DocModel", "TestSupport"]),
        .testTarget(name: "SiteRenderTests", dependencies: ["SiteRender", "DocModel", "TestSupport"], exclude: ["Fixtures", "Snapshots"]),
        .testTarget(name: "DatabaseTests", dependencies: ["Database", "Support", "KeyPolicy"]),
        .testTarget(name: "KeyToolsTests", dependencies: ["KeyTools", "Database", "Support", "DocModel", "KeyPolicy"]),
        .testTarget(name: "SampleCheckTests", dependencies: ["Support", "SampleCheck", "Database", "DocModel", "KeyPolicy"], exclude: ["Fixtures"]),
        .testTarget(name: "FuzzHarnessTests", dependencies: ["FuzzHarness"], exclude: ["Inputs"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "DocModel"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Pipeline", "DocModel"]),
        .testTarget(name: "keydocsTests", dependencies: ["keydocs", "TestSupport", "Support", "KeyPolicy", "KeyTools", "Pipeline", "Database", "SampleCheck", "DocModel", .product(name: "Yams", package: "Yams")], exclude: ["Fixtures", "Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)

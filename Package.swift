// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "keydocs",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "keydocs", targets: ["keydocs"]),
        .library(name: "KeyPolicy", targets: ["KeyPolicy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "KeyPolicy"),
        .target(name: "DocModel", dependencies: ["CCmarkGFM"]),
        .executableTarget(
            name: "keydocs",
            dependencies: [
                "KeyPolicy",
                "DocModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KeyPolicyTests", dependencies: ["KeyPolicy"]),
        .testTarget(name: "CCmarkGFMTests", dependencies: ["CCmarkGFM"]),
        .testTarget(name: "DocModelTests", dependencies: ["DocModel"]),
        .testTarget(name: "keydocsTests", dependencies: ["keydocs", "KeyPolicy"]),
    ],
    swiftLanguageModes: [.v6]
)

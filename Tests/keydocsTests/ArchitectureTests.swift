import DocModel
import Foundation
import Testing

/// The layering ARCHITECTURE.md describes, read from the sources: the commands reach the stages
/// only through the pipeline, and each module imports only the modules below it.
@Suite struct ArchitectureTests {
    static let sources = packageRoot.appendingPathComponent("Sources")

    /// The project's Swift modules, each with the modules of ours it may import. Support is the
    /// bottom layer; KeyPolicy may use it and nothing else; the C shims are not listed, since any
    /// module may wrap the system.
    static let layers: [String: Set<String>] = [
        "Support": [],
        "KeyPolicy": ["Support"],
        "DocModel": ["Support", "KeyPolicy"],
        "Database": ["Support", "KeyPolicy"],
        "SampleCheck": ["Support", "KeyPolicy", "DocModel", "Database"],
        "SiteRender": ["Support", "DocModel"],
        "KeyTools": ["Support", "KeyPolicy", "DocModel", "Database"],
        "Pipeline": ["Support", "KeyPolicy", "DocModel", "Database", "SampleCheck", "SiteRender"],
        "Preview": ["Support", "DocModel", "SiteRender", "Pipeline"],
        "FuzzHarness": ["Support", "KeyPolicy", "DocModel", "SampleCheck", "SiteRender"],
        "keydocs-fuzz": ["FuzzHarness"],
        "keydocs": ["Support", "KeyPolicy", "DocModel", "Database", "KeyTools", "Pipeline", "Preview"],
    ]

    /// Every form a Swift import takes: attributes (`@testable`, `@_implementationOnly`,
    /// `@preconcurrency`), an access level, a kind (`import struct X.Y`), a submodule (`X.Y`).
    static let importLine = try! NSRegularExpression(pattern:
        #"^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"#,
        options: [.anchorsMatchLines])

    /// The module names `text` imports.
    static func imported(in text: String) -> Set<String> {
        let range = NSRange(text.startIndex..., in: text)
        return Set(importLine.matches(in: text, range: range).map { (text as NSString).substring(with: $0.range(at: 1)) })
    }

    /// The modules of ours that a module's files import.
    static func imports(of module: String) throws -> Set<String> {
        let folder = sources.appendingPathComponent(module)
        var found: Set<String> = []
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            found.formUnion(imported(in: text).intersection(layers.keys))
        }
        return found
    }

    @Test func everyFormOfImportIsRead() {
        let text = """
            import A
            public import B
            @testable import C
            internal import D
            @_implementationOnly import E
            import struct F.Thing
            @preconcurrency import G
            package import func H.run
              import I
            // import J
            let importK = 1
            """
        #expect(Self.imported(in: text) == ["A", "B", "C", "D", "E", "F", "G", "H", "I"])
    }

    /// Every Swift module under Sources has its place in the layers: a new one cannot slip past.
    @Test func everyModuleHasALayer() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
        let swiftModules = try folders.filter { folder in
            try FileManager.default.subpathsOfDirectory(atPath: Self.sources.appendingPathComponent(folder).path)
                .contains { $0.hasSuffix(".swift") }
        }
        #expect(Set(swiftModules) == Set(Self.layers.keys))
    }

    @Test func theCommandsReachTheStagesThroughThePipeline() throws {
        let cli = try Self.imports(of: "keydocs")
        #expect(cli.isDisjoint(with: ["SampleCheck", "SiteRender"]), "the CLI imports \(cli)")
        #expect(cli.contains("Pipeline"))
    }

    /// Support imports no module of ours, and what it holds is written nowhere else: no other
    /// module declares one of its public names again.
    @Test func supportIsTheBottomLayer() throws {
        #expect(try Self.imports(of: "Support").isEmpty)
        let declaration = try NSRegularExpression(pattern: #"^public\s+(?:final\s+)?(?:func|struct|enum|class|let|var)\s+([A-Za-z_][A-Za-z0-9_]*)"#,
                                                  options: [.anchorsMatchLines])
        func names(in module: String) throws -> Set<String> {
            let folder = Self.sources.appendingPathComponent(module)
            var found: Set<String> = []
            for file in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                let range = NSRange(text.startIndex..., in: text)
                found.formUnion(declaration.matches(in: text, range: range).map { (text as NSString).substring(with: $0.range(at: 1)) })
            }
            return found
        }
        let support = try names(in: "Support")
        #expect(support.count > 10, "\(support)")
        for module in Self.layers.keys where module != "Support" {
            let again = try names(in: module).intersection(support)
            #expect(again.isEmpty, "\(module) declares Support's \(again) again")
        }
    }

    @Test(arguments: layers.keys.sorted())
    func eachModuleImportsOnlyWhatIsBelowIt(_ module: String) throws {
        let used = try Self.imports(of: module)
        let allowed = Self.layers[module] ?? []
        #expect(used.isSubset(of: allowed), "\(module) imports \(used.subtracting(allowed))")
    }

    /// Every module but the fuzzer's command line has a test target of its own, which tests its
    /// public API directly rather than through the binary's text.
    @Test func eachModuleHasATestTarget() throws {
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let tests = packageRoot.appendingPathComponent("Tests")
        for module in Self.layers.keys.sorted() where module != "keydocs-fuzz" {
            #expect(manifest.contains(".testTarget(name: \"\(module)Tests\""), "\(module)Tests in Package.swift")
            #expect(FileManager.default.fileExists(atPath: tests.appendingPathComponent("\(module)Tests").path), "Tests/\(module)Tests")
        }
    }

    /// The test targets' shared support (Tests/TestSupport) imports none of our modules, so that
    /// any test target can use it without reaching past the module it tests.
    @Test func testSupportImportsNothingOfOurs() throws {
        let folder = packageRoot.appendingPathComponent("Tests/TestSupport")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(Self.imported(in: text).isDisjoint(with: Self.layers.keys), "\(file)")
        }
    }

    /// What Package.swift lets a target depend on agrees with the layers.
    @Test func thePackageFollowsTheLayers() throws {
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        for (module, allowed) in Self.layers {
            let declaration = try #require(manifest.firstMatch(of: try Regex(#"Target\(\s*name: "\#(module)"[^\]]*\]|\.target\(name: "\#(module)"[^)]*\)"#)),
                                           "\(module) in Package.swift")
            let named = Set(String(manifest[declaration.range]).matches(of: /"([A-Za-z-]+)"/).map { String($0.output.1) })
            let ours = named.intersection(Self.layers.keys).subtracting([module])
            #expect(ours.isSubset(of: allowed), "\(module) depends on \(ours.subtracting(allowed))")
        }
    }
}

import Dispatch
import Foundation
import Support

/// The first stage: reads the docs folder, converts every page, resolves the navigation.
public struct LoadStage: Sendable {
    /// The docs folder as the user named it.
    public let docsFolder: String
    /// The settings.
    public let config: SiteConfig
    /// The config file's path, for messages about the navigation.
    public let configPath: String?
    /// Values put into pages, such as the key policy's numbers.
    public let variables: Variables

    /// A load of `docsFolder` with `config`.
    public init(docsFolder: String, config: SiteConfig, configPath: String? = nil, variables: Variables = Variables()) {
        self.docsFolder = docsFolder
        self.config = config
        self.configPath = configPath
        self.variables = variables
    }

    /// Reads and converts everything, and resolves the navigation and the redirects. A missing
    /// folder, an unreadable file (a page, a redirects file), a file that is not UTF-8 text, or a
    /// navigation entry that names no page stops the load with its path.
    /// With `cache`, a page whose file did not change since the last load is taken from it.
    public func run(reusing cache: PageCache? = nil) throws(DocError) -> DocSet {
        let root = URL(fileURLWithPath: docsFolder).standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DocError(stage: .load, path: docsFolder, "the docs folder does not exist")
        }
        let (files, skipped) = try FileWalker(root: root, display: docsFolder).files()
        let pagePaths = files.filter(SitePaths.isPage)
        guard !pagePaths.isEmpty else {
            throw DocError(stage: .load, path: docsFolder, "the docs folder holds no Markdown page (*.md)")
        }
        let assets = files.filter { !SitePaths.isPage($0) }
        let paths = SitePaths(useDirectoryURLs: config.useDirectoryURLs, readmeIndexes: SitePaths.readmeIndexes(among: pagePaths))

        let results = ConcurrentResults<(stamp: FileStamp?, page: Page)>(count: pagePaths.count)
        let failures = ConcurrentResults<DocError>(count: pagePaths.count)
        let reused = ConcurrentResults<Bool>(count: pagePaths.count)
        let variables = variables
        let markdown = config.markdown
        let context = PageCache.Context(docsFolder: docsFolder, root: root, markdown: markdown, useDirectoryURLs: config.useDirectoryURLs,
                                        readmeIndexes: paths.readmeIndexes, variables: variables.values)
        DispatchQueue.concurrentPerform(iterations: pagePaths.count) { i in
            let path = pagePaths[i]
            // The stamp is taken before the read: a file that changes meanwhile is read again next time.
            let stamp = cache == nil ? nil : FileStamp(path: root + "/" + path)
            if let page = cache?.page(path, stamp: stamp, context: context) {
                results.set(i, (stamp, page))
                reused.set(i, true)
                return
            }
            let page: Page
            do throws(DocError) {
                let text = try Self.readText(root + "/" + path, display: display(path))
                if ByteSearch.contains(text, "{{") {
                    let lines = try Self.lines(of: text, variables: variables, file: display(path))
                    page = MarkdownConverter.convert(lines: lines, file: display(path), docsPath: path, options: markdown) { paths.rewrite($0, onPage: path) }
                } else {
                    page = MarkdownConverter.convert(text, file: display(path), docsPath: path, options: markdown) { paths.rewrite($0, onPage: path) }
                }
            } catch {
                failures.set(i, error)
                return
            }
            results.set(i, (stamp, page))
        }
        // Of several unreadable files, the first in path order.
        if let error = failures.values.first { throw error }
        let loaded = results.values
        cache?.store(loaded, context: context, reused: reused.values.count)
        var set = DocSet(config: config, docsFolder: docsFolder, docsAbsolutePath: root, pages: loaded.map(\.page),
                         assets: assets, nav: [], diagnostics: config.notes + skipped + loaded.flatMap(\.page.findings)
                            + RemoteContent.findings(loaded.map(\.page)))
        set.nav = try resolveNav(set)
        // Redirects, like the nav, name pages: they are resolved against the pages just loaded.
        var rules = config.redirectMaps
        if let configPath {
            let read = try RedirectFile.read(besideConfig: configPath)
            rules += read.rules
            set.diagnostics += read.findings
        }
        let resolved = RedirectResolver(docs: set).resolve(rules)
        set.redirects = resolved.redirects
        set.diagnostics += resolved.findings
        return set
    }

    /// A page's lines with their variables put in; a value that spans lines gives lines that all
    /// keep the line they came from, so places after it stay right.
    static func lines(of text: String, variables: Variables, file: String) throws(DocError) -> [BlockPass.Line] {
        var lines: [BlockPass.Line] = []
        for (k, line) in BlockPass.split(text).enumerated() {
            if line.contains("{{") {
                let filled: String
                do { filled = try variables.apply(to: line, file: file) } catch {
                    var located = error
                    located.line = k + 1
                    throw located
                }
                for piece in filled.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines.append(BlockPass.Line(String(piece), origin: k + 1))
                }
            } else {
                lines.append(BlockPass.Line(line, origin: k + 1))
            }
        }
        return lines
    }

    private func display(_ path: String) -> String {
        docsFolder.hasSuffix("/") ? docsFolder + path : docsFolder + "/" + path
    }

    /// Reads a file as UTF-8 text; NUL bytes or invalid UTF-8 are errors naming the line.
    static func readText(_ path: String, display: String) throws(DocError) -> String {
        let bytes: [UInt8]
        switch readBytes(path) {
        case .success(let read): bytes = read
        case .failure(let failure): throw DocError(stage: .load, path: display, "cannot read: \(failure.message)")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw DocError(stage: .load, path: display, line: bytes[..<nul].count(where: { $0 == 10 }) + 1,
                           "a binary file, not Markdown (NUL byte at offset \(nul))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            throw DocError(stage: .load, path: display, line: bytes[..<bad].count(where: { $0 == 10 }) + 1,
                           "not valid UTF-8 (byte \(bad))")
        }
        return text
    }

    /// Why a file could not be read.
    struct ReadFailure: Error {
        var message: String
        static func system(_ code: Int32) -> ReadFailure { ReadFailure(message: String(cString: strerror(code))) }
    }

    /// The bytes of the file at `path`: one `read` of its size and one more byte, which comes back
    /// short at the end of a regular file; a file that grew meanwhile is read on to its end.
    static func readBytes(_ path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.system(errno)) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return .failure(.system(errno)) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(ReadFailure(message: "not a regular file")) }
        var bytes: [UInt8] = []
        var chunk = max(Int(status.st_size), 0) + 1
        while true {
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress.map { $0 + start }, chunk) }
            if got < 0 {
                if errno == EINTR { bytes.removeLast(chunk); continue }
                return .failure(.system(errno))
            }
            bytes.removeLast(chunk - got)
            if got < chunk { return .success(bytes) }
            chunk = 65536
        }
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    /// "assigning-keys.md" → "Assigning keys".
    /// The title mkdocs gives a page with no heading and no nav title: "Home" for the home
    /// page, else the file's name with `-` and `_` as spaces, capitalised when it is all lowercase.
    // MARK: - Navigation

    private func resolveNav(_ set: DocSet) throws(DocError) -> [NavNode] {
        let index = set.pageIndex
        guard let items = config.nav else { return Self.defaultNav(set) }
        func resolve(_ items: [NavItem]) throws(DocError) -> [NavNode] {
            var nodes: [NavNode] = []
            for item in items {
                switch item {
                case .page(let title, let path, let line):
                    guard !path.hasPrefix("/"), let normal = SitePaths.normalize(path), !normal.isEmpty else {
                        throw DocError(stage: .config, path: configPath ?? "mkdocs.yml", line: line,
                                       "nav entry '\(path)' must be a path inside \(docsFolder)")
                    }
                    guard let i = index[normal] else {
                        throw DocError(stage: .config, path: configPath ?? "mkdocs.yml", line: line,
                                       "nav names '\(path)', which is not a page in \(docsFolder)")
                    }
                    nodes.append(.page(title: title ?? set.pages[i].title, path: normal))
                case .section(let title, let children, _):
                    nodes.append(.section(title: title, children: try resolve(children)))
                case .link(let title, let url, _):
                    nodes.append(.link(title: title, url: url))
                }
            }
            return nodes
        }
        return try resolve(items)
    }

    /// Without a configured nav: pages in path order, `index.md` (or a `README.md` in its
    /// place) first, folders as sections.
    static func defaultNav(_ set: DocSet) -> [NavNode] {
        let readmeIndexes = SitePaths.readmeIndexes(among: set.pages.map(\.docsPath))
        func build(_ prefix: String) -> [NavNode] {
            var pages: [NavNode] = []
            var folders: [String] = []
            for page in set.pages where page.docsPath.hasPrefix(prefix) {
                let rest = page.docsPath.dropFirst(prefix.count)
                if let slash = rest.firstIndex(of: "/") {
                    let folder = String(rest[..<slash])
                    if folders.last != folder && !folders.contains(folder) { folders.append(folder) }
                } else if rest == "index.md" || readmeIndexes.contains(page.docsPath) {
                    pages.insert(.page(title: page.title, path: page.docsPath), at: 0)
                } else {
                    pages.append(.page(title: page.title, path: page.docsPath))
                }
            }
            for folder in folders {
                pages.append(.section(title: Page.title(fromPath: folder + ".md"), children: build(prefix + folder + "/")))
            }
            return pages
        }
        return build("")
    }
}


#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The `redirects/*.txt` files that CiviCRM's guides keep beside mkdocs.yml: one `from to` pair
/// a line, separated by spaces or tabs; blank lines and lines starting with `#` are left out.
public enum RedirectFile {
    /// The folder's name, beside the config file.
    public static let folder = "redirects"

    /// The rules of one file's `text`, and a finding for each line that is not a pair. `file` is
    /// for places.
    public static func parse(_ text: String, file: String) -> (rules: [RedirectRule], findings: [Diagnostic]) {
        var rules: [RedirectRule] = []
        var findings: [Diagnostic] = []
        // "\r\n" is one Character in Swift: a file saved with Windows line ends has its lines too.
        for (k, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            // Each field with its 1-based column, in bytes as the other places count them.
            var fields: [(text: Substring, column: Int)] = []
            var column = 1
            var start: Substring.Index?
            for index in line.indices {
                let blank = line[index] == " " || line[index] == "\t" || line[index] == "\r"
                if blank, let begun = start {
                    fields.append((line[begun..<index], column - line[begun..<index].utf8.count))
                    start = nil
                } else if !blank, start == nil {
                    start = index
                }
                column += line[index].utf8.count
            }
            if let begun = start { fields.append((line[begun...], column - line[begun...].utf8.count)) }
            guard let first = fields.first, !first.text.hasPrefix("#") else { continue }
            let place = { (column: Int) in SourceLocation(file: file, line: k + 1, column: column) }
            guard fields.count == 2 else {
                findings.append(Diagnostic(at: place(first.column), rule: .redirectInvalid,
                                           "a redirect is a line of two addresses, 'from to'; this one has \(fields.count)"))
                continue
            }
            rules.append(RedirectRule(source: String(fields[0].text), target: String(fields[1].text),
                                      sourceLocation: place(fields[0].column), targetLocation: place(fields[1].column)))
        }
        return (rules, findings)
    }

    /// Every `*.txt` file of the `redirects` folder beside the config at `configPath`, in name
    /// order, read and parsed. The folder and each file are read only where they lead inside the
    /// config file's folder, whatever links they go through; one that leads elsewhere is a
    /// finding, and is not read. No folder, no rules.
    public static func read(besideConfig configPath: String) throws(DocError) -> (rules: [RedirectRule], findings: [Diagnostic]) {
        let project = SitePaths.directory(of: configPath)
        let folder = project.isEmpty ? Self.folder : project + "/" + Self.folder
        var info = stat()
        guard lstat(folder, &info) == 0 else { return ([], []) }
        func outside(_ path: String) -> Diagnostic {
            Diagnostic(at: SourceLocation(file: path, line: 1), rule: .redirectInvalid,
                       "\(path) leads outside the config file's folder, through a symbolic link; it is not read")
        }
        guard let root = ProjectPath.physical(project.isEmpty ? "." : project) else { return ([], []) }
        guard let physical = ProjectPath.physical(folder), ProjectPath.isWithin(physical, root) else { return ([], [outside(folder)]) }
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return ([], []) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }.sorted()
        var rules: [RedirectRule] = []
        var findings: [Diagnostic] = []
        for name in names {
            let path = folder + "/" + name
            guard let physical = ProjectPath.physical(path), ProjectPath.isWithin(physical, root) else {
                findings.append(outside(path))
                continue
            }
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let parsed = parse(try LoadStage.readText(path, display: path), file: path)
            rules += parsed.rules
            findings += parsed.findings
        }
        return (rules, findings)
    }
}

import ArgumentParser
import DocModel
import Foundation
import KeyPolicy
import KeyTools
import Support

/// `keydocs key check`: applies the policy to keys given as arguments or one a line on stdin.
struct CheckKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check keys against the policy.",
        discussion: """
            With no KEY, or with "-", keys are read one a line from standard input, which keeps \
            them out of shell history and the process list. Findings name the input line and show \
            at most a key's first 4 characters and its length. Exit status: 0 when every key passes \
            (warnings allowed), 1 when any key has an error, 2 when an input cannot be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Keys to check; - reads standard input.")
    var keys: [String] = []

    @Option(help: ArgumentHelp("A file of keys already in use, one a line; a key equal to one of them is a duplicate.", valueName: "file"))
    var existing: String?

    @Option(help: "Output format: text (stderr) or json (stdout).")
    var format: Format = .text

    func run() throws {
        var session = KeyCheckSession(policy: .civicrm)
        do {
            if let existing { try session.loadExisting(path: existing) }
            let inputs = keys.isEmpty ? ["-"] : keys
            var argumentIndex = 0
            for input in inputs {
                if input == "-" {
                    session.check(lines: try readAllStandardInput(), file: "<stdin>")
                } else {
                    argumentIndex += 1
                    session.check(key: input, location: SourceLocation(file: "<argument>", line: argumentIndex))
                }
            }
        } catch let error as DocError {
            Console.err("keydocs: error: \(error.path): \(error.reason)")
            throw ExitCode(2)
        }
        let summary = session.summary
        switch format {
        case .json:
            Console.out(ConsoleText(json: DiagnosticRenderer.json(session.diagnostics, summary: summary)))
        case .text:
            for diagnostic in session.diagnostics { Console.err(DiagnosticRenderer.text(diagnostic)) }
            let count = summary.keys ?? 0
            Console.err("checked \(counted(count, "key")): \(summary.valid ?? 0) valid, "
                + "\(summary.invalid ?? 0) invalid, \(summary.warnings ?? 0) with warnings")
        }
        if (summary.invalid ?? 0) > 0 { throw ExitCode(1) }
    }
}

/// Reads standard input to its end.
func readAllStandardInput() throws -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n == 0 { return bytes }
        if n < 0 {
            if errno == EINTR { continue }
            throw DocError(stage: .load, path: "<stdin>", "cannot read: \(String(cString: strerror(errno)))")
        }
        bytes.append(contentsOf: chunk[0..<n])
    }
}

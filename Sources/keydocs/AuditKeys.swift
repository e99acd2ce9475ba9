import ArgumentParser
import Database
import DocModel
import Foundation
import KeyPolicy
import KeyTools
import Support

/// `keydocs key audit`: the keys already in a CiviCRM database, read in one read-only pass.
struct AuditKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Find weak, broken, published and shared keys in a CiviCRM database.",
        discussion: """
            Reads civicrm_contact (id, api_key) in one read-only transaction and reports, by \
            contact id, keys that fail the policy, keys APIv4 cut short, keys that appear in the \
            docs or the list of well-known sample keys, and contacts that share a key (ignoring \
            case). It never prints a whole key: at most its first 4 characters and its length. \
            Exit status: 0 nothing found, 1 findings, 2 the database could not be read.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: ArgumentHelp("The server: mysql://user@host:port/database.", valueName: "url"))
    var mysql: String?

    @Option(help: ArgumentHelp("The same as --mysql.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("The server's Unix socket.", valueName: "path"))
    var socket: String?

    @Option(help: "The CiviCRM database.")
    var database: String?

    @Option(help: "The MariaDB user (default: root).")
    var user: String?

    @Option(help: ArgumentHelp("A file whose first line is the password (keeps it out of the process list).", valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("Docs whose code blocks' keys count as published (default: docs, when it exists).", valueName: "dir"))
    var docs: String?

    @Option(help: "Output format: text (stderr) or json (stdout).")
    var format: Format = .text

    func validate() throws {
        let given = [mysql, url, socket].compactMap { $0 }
        guard given.count == 1 else { throw ValidationError("give the server with exactly one of --mysql, --url or --socket") }
        if let text = mysql ?? url, MariaDBAddress(url: text) == nil {
            throw ValidationError("'\(text)' is not of the form mysql://user@host:port/database")
        }
    }

    func run() throws {
        var address: MariaDBAddress
        if let text = mysql ?? url, let parsed = MariaDBAddress(url: text) { address = parsed } else { address = MariaDBAddress(socket: socket) }
        if let database { address.database = database }
        if let user { address.user = user }
        if let passwordFile {
            guard let password = try? MariaDBAddress.password(fromFile: passwordFile) else {
                Console.err("keydocs: error: \(passwordFile): cannot read the password file")
                throw ExitCode(2)
            }
            address.password = password
        }
        guard address.database != nil else {
            Console.err("keydocs: error: name the CiviCRM database with --database or in the URL")
            throw ExitCode(64)
        }
        var validator = KeyValidator(policy: .civicrm)
        let docsFolder = docs ?? (FileManager.default.fileExists(atPath: "docs") ? "docs" : nil)
        if let docsFolder {
            do {
                for (key, source) in try KeyAudit.publishedKeys(inDocsAt: docsFolder) { validator.addPublished(key, source: "in the docs at \(source)") }
            } catch {
                Console.err("\(error)")
                throw ExitCode(2)
            }
        }
        let progress = ProgressLine(quiet: false)
        let report: KeyAudit.Report
        do {
            report = try KeyAudit(validator: validator).run(address) { rows in progress.show("read \(counted(rows, "contact"))") }
            progress.clear()
        } catch {
            progress.clear()
            Console.err("keydocs: error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .json: Console.out(ConsoleText(json: Self.json(report)))
        case .text: Self.text(report)
        }
        if report.failed { throw ExitCode(1) }
    }

    static func text(_ report: KeyAudit.Report) {
        for contact in report.flagged {
            let key = KeyPreview(prefix: contact.keyPrefix, length: contact.keyLength)
            for finding in contact.findings {
                Console.err("contact \(contact.id): \(finding.severity): \(finding.message) [\(finding.rule)]\n    \(key)")
            }
        }
        for group in report.shared {
            Console.err("contacts \(group.map(String.init).joined(separator: ", ")): error: share one key "
                + "(compared without regard to case, as CiviCRM compares keys) [key.duplicate]")
        }
        let rules = report.byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        Console.err("audited \(counted(report.contacts, "contact")), \(report.keys) with a key: \(report.flagged.count) with findings, "
            + "\(counted(report.shared.count, "shared key"))" + (rules.isEmpty ? "" : " (\(rules))"))
    }

    static func json(_ report: KeyAudit.Report) -> String {
        struct Document: Encodable {
            let contacts: [KeyAudit.Flagged]
            let shared: [[Int]]
            let summary: [String: Int]
        }
        var summary = report.byRule
        summary["contacts"] = report.contacts
        summary["keys"] = report.keys
        summary["flagged"] = report.flagged.count
        summary["shared"] = report.shared.count
        return encodeJSON(Document(contacts: report.flagged, shared: report.shared, summary: summary))
    }
}

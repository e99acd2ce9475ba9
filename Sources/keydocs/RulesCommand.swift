import ArgumentParser
import DocModel

/// `keydocs rules`: every rule id, its severity and one line of help.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule, its severity and what it reports.",
        discussion: """
            A guide can turn a rule off or change its severity in mkdocs.yml (extra: keydocs: rules: \
            {sql.warning: off}), and for one block with an annotation (<!-- check: off=sql.warning -->).
            """
    )

    func run() throws {
        let width = RuleCatalog.entries.map(\.id.count).max() ?? 0
        for entry in RuleCatalog.entries {
            let id = entry.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = entry.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            Console.out("\(id)  \(severity) \(entry.help)")
        }
    }
}

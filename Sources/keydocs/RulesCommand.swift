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

    @Flag(help: "Print the list as a Markdown table (the README's).")
    var markdown = false

    func run() throws {
        if markdown {
            Console.out(ConsoleText(lines: String(RuleCatalog.markdownTable.dropLast())))
            return
        }
        let width = RuleID.allCases.map(\.rawValue.count).max() ?? 0
        for rule in RuleID.allCases {
            let entry = rule.entry
            let id = rule.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            let severity = entry.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
            let owner = entry.owner.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            Console.out("\(id)  \(severity) \(owner) \(entry.help)")
        }
    }
}

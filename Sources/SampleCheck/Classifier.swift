import DocModel
import Foundation

/// Decides what kind of sample a block is, from its content as well as its info string: an
/// output block is often tagged `bash` or `sql` like the command before it.
enum Classifier {
    static let shellLanguages: Set<String> = ["bash", "sh", "shell", "console", "zsh", "shell-session"]
    static let sqlLanguages: Set<String> = ["sql", "mysql", "mariadb"]
    static let sqlStarts: [String] = ["select", "update", "insert", "delete", "set", "create", "alter", "drop", "use", "show",
                                      "replace", "with", "begin", "commit", "start", "describe", "explain"]

    /// The kind of `sample`, or nil when no checker claims it.
    static func kind(of sample: Sample) -> SampleKind? {
        let text = sample.text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let language = sample.language
        if KeyOutput.parse(text) != nil { return .output }
        let commandText = ShellSyntax.stripPrompts(trimmed)
        let firstWord = commandText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first.map(String.init)
        if firstWord == "cv" && (language == nil || shellLanguages.contains(language ?? "")) { return .cv }
        if let language, sqlLanguages.contains(language) { return .sql }
        if language == "json" { return .json }
        if let language, shellLanguages.contains(language) { return .generator }
        if language == nil {
            let lower = trimmed.lowercased()
            if sqlStarts.contains(where: { lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + "\n") }) { return .sql }
            if let commands = try? ShellSyntax.parse(trimmed), commands.contains(where: ShellCheck.readsRandom) {
                return .generator
            }
        }
        return nil
    }
}

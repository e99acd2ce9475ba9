import DocModel
import Foundation

/// Decides what kind of sample a block is, from its content as well as its info string: an
/// output block is often tagged `bash` or `sql` like the command before it.
enum Classifier {
    static let sqlStarts: [String] = ["select", "update", "insert", "delete", "set", "create", "alter", "drop", "use", "show",
                                      "replace", "with", "begin", "commit", "start", "describe", "explain"]

    /// The kind of each of a page's samples, in order: the one its annotation (read once, in
    /// `annotations`) names, else a generator when its output flows into a key
    /// (`generatorsByFlow`), else what its content and info string say.
    static func kinds(of samples: [Sample], annotations: [Result<Directives, AnnotationError>?]) -> [SampleKind?] {
        let content = samples.map { kind(of: $0) }
        let flow = generatorsByFlow(samples, content)
        return samples.indices.map { k in
            if case .success(let directives)? = annotations[k], let named = directives.kind { return named }
            return flow.contains(k) ? .generator : content[k]
        }
    }

    /// Shell command blocks that are generators because of where their output goes: the block
    /// after each shows a key (what it printed), and a later block uses that key. A block is a
    /// generator by what becomes of its output, not by how its command looks.
    static func generatorsByFlow(_ samples: [Sample], _ kinds: [SampleKind?]) -> Set<Int> {
        var found: Set<Int> = []
        for k in samples.indices where k + 2 < samples.count && kinds[k] == .command && kinds[k + 1] == .output {
            guard let shown = KeyOutput.parse(samples[k + 1].text)?.key, shown.count >= 16 else { continue }
            if samples[(k + 2)...].contains(where: { $0.text.contains(shown) }) { found.insert(k) }
        }
        return found
    }

    /// The kind of `sample`, or nil when no checker claims it (a block not about keys).
    static func kind(of sample: Sample) -> SampleKind? {
        let text = sample.text
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let language = sample.language
        if KeyOutput.parse(text) != nil { return .output }
        let commandText = ShellSyntax.stripPrompts(trimmed)
        let firstWord = commandText.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first.map(String.init)
        let known = CodeLanguage(language)
        let shell = known == .shell
        if firstWord == "cv" && (language == nil || shell) { return .cv }
        if known == .sql { return .sql }
        if known == .json { return .json }
        if known == .yaml { return .yaml }
        // A shell block is a key generator only when it reads a random source; other shell
        // blocks (git, drush, wp, composer, sudo…) are commands, whose cv parts are checked.
        if shell { return readsRandom(commandText) ? .generator : .command }
        if language == nil {
            let lower = trimmed.lowercased()
            if sqlStarts.contains(where: { lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + "\n") }) { return .sql }
            if readsRandom(commandText) { return .generator }
            if commandText.contains("cv ") && (try? ShellSyntax.parse(Self.placeholdersAsWords(commandText)))?.contains(where: { $0.name == "cv" }) == true {
                return .command
            }
        }
        return nil
    }

    static func readsRandom(_ text: String) -> Bool {
        guard let commands = try? ShellSyntax.parse(placeholdersAsWords(text)) else { return false }
        return commands.contains(where: ShellGenerator.readsRandom)
    }

    /// `text` with each `<your-site>`-style placeholder, which the shell would read as a
    /// redirection, written as a word (`YOUR_PLACEHOLDER`), so that the command parses as meant.
    static func placeholdersAsWords(_ text: String) -> String {
        guard text.contains("<") else { return text }
        return text.replacingOccurrences(of: #"<([A-Za-z][A-Za-z0-9_ .:/-]{0,60})>"#, with: "YOUR_PLACEHOLDER", options: .regularExpression)
    }
}

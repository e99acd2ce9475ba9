/// The one rule for placeholders, which every checker uses: a value the reader fills in, as a
/// shell command or cv writes one and as SQL does, and a value that stands for a key rather
/// than being one.
enum Placeholder {
    /// Whether a value of a command reads as one to fill in: `$VAR`, `<contact-id>`, `{id}`,
    /// `YOUR_…`, `KEY…`, `...`.
    static func inCommand(_ value: String) -> Bool {
        value.hasPrefix("$") || (value.hasPrefix("<") && value.hasSuffix(">")) || (value.hasPrefix("{") && value.hasSuffix("}") && !value.contains("\""))
            || value.hasPrefix("YOUR") || value == "..." || value.hasPrefix("KEY")
    }

    /// Whether a value or a name of SQL reads as one to fill in: `<table>`, `{id}`, `...`, `xxxx`,
    /// or words that say so (`your_key`, `id_of_the_contact`, `replace_me`). A `$` is SQL's own
    /// (a password hash starts with one).
    static func inSQL(_ value: String) -> Bool {
        guard !value.isEmpty, !value.contains(" ") else { return false }
        let lower = value.lowercased()
        if value.count > 2 && value.hasPrefix("<") && value.hasSuffix(">") { return true }
        if value.count > 2 && value.hasPrefix("{") && value.hasSuffix("}") { return true }
        if value == "..." || value == "…" || (value.count >= 3 && value.allSatisfy { $0 == "X" || $0 == "x" }) { return true }
        // Words that name what to fill in, in an identifier-like value: your_key, id_of_the_contact.
        let words = lower.split(whereSeparator: { !$0.isLetter })
        return words.contains { ["your", "placeholder", "changeme"].contains($0) }
            || lower.contains("_of_the_") || lower.hasPrefix("replace_") || lower.hasSuffix("_here")
    }

    /// Whether a value stands for a key rather than being one: `$KEY`, `<key>`, `{api_key}`,
    /// `YOUR_API_KEY`, `xxxx`, an empty value.
    static func standsForKey(_ value: String) -> Bool {
        // An expression of the client's language (`{os.environ['KEY']}`, `getenv("KEY")`,
        // `keys[0]`): the key is computed, not written.
        if value.hasPrefix("{") || value.contains("(") || value.contains("[") { return true }
        if value.isEmpty || inCommand(value) || inSQL(value) || value.hasPrefix("%")
            || value.contains("${") || value.contains("{{") || value.uppercased() == value && value.contains("_") {
            return true
        }
        // Words that name the value (`site-key`, `the_user_api_key`), which no real key is.
        let words = value.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" })
        return words.count >= 2 && words.allSatisfy { $0.allSatisfy(\.isLetter) }
            && words.contains { ["key", "site", "api", "user", "your", "the", "my", "secret", "token", "here", "value"].contains($0) }
    }
}

/// The one rule for placeholders, which every checker uses: a value that stands for a key the
/// reader fills in, rather than a key.
enum Placeholder {
    /// Whether a value stands for a key rather than being one: `$KEY`, `<key>`, `{api_key}`,
    /// `YOUR_API_KEY`, `xxxx`, an empty value.
    static func standsForKey(_ value: String) -> Bool {
        // An expression of the client's language (`{os.environ['KEY']}`, `getenv("KEY")`,
        // `keys[0]`): the key is computed, not written.
        if value.hasPrefix("{") || value.contains("(") || value.contains("[") { return true }
        if value.isEmpty || PageChecker.isPlaceholder(value) || SQLTemplate.isPlaceholder(value) || value.hasPrefix("%")
            || value.contains("${") || value.contains("{{") || value.uppercased() == value && value.contains("_") {
            return true
        }
        // Words that name the value (`site-key`, `the_user_api_key`), which no real key is.
        let words = value.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" })
        return words.count >= 2 && words.allSatisfy { $0.allSatisfy(\.isLetter) }
            && words.contains { ["key", "site", "api", "user", "your", "the", "my", "secret", "token", "here", "value"].contains($0) }
    }
}

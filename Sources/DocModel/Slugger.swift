/// Makes GitHub-style heading anchors: lowercase, punctuation dropped, spaces to hyphens, and a
/// `-1`, `-2`… suffix on repeats within a page.
public struct Slugger: Sendable {
    private var used: [String: Int] = [:]

    /// A slugger with no anchors used yet.
    public init() {}

    /// The anchor for `text`, unique among those this slugger has made.
    public mutating func slug(for text: String) -> String {
        let base = Self.base(text)
        var candidate = base
        while used[candidate] != nil {
            used[base, default: 0] += 1
            candidate = "\(base)-\(used[base, default: 0])"
        }
        used[candidate] = 0
        return candidate
    }

    /// The anchor of `text` before de-duplication.
    public static func base(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                out.append("-")
            } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
                        || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

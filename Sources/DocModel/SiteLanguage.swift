import Foundation

/// The language of a site's pages, as `theme.language` (or mkdocs-static-i18n's default
/// language) names it: the tag every page's `lang` attribute carries, and the language keydocs
/// writes its own words in (the search box, "On this page", the badges).
public struct SiteLanguage: Sendable, Equatable {
    /// The languages keydocs has its own words in, by their two-letter code.
    public enum Words: String, Sendable, CaseIterable {
        case en, fr, es, ca, de, nl, it, pt, pl
    }

    /// The tag as the pages carry it: the configured one, written as BCP 47 writes it
    /// (`fr_CA` is `fr-CA`, `pt-br` is `pt-BR`).
    public let tag: String
    /// The language of keydocs' own words; nil when keydocs has none in this language, and
    /// writes English.
    public let translation: Words?

    /// The language keydocs writes in when the config names none.
    public static let english = SiteLanguage(tag: "en", translation: .en)

    /// The language of keydocs' words: the configured one's, or English.
    public var words: Words { translation ?? .en }

    private init(tag: String, translation: Words?) {
        self.tag = tag
        self.translation = translation
    }

    /// The language a tag names: `fr`, `fr-CA`, `fr_CA`, `pt-BR`, `zh-Hant`, `ku-IQ` (the values
    /// mkdocs-material accepts, and any other well-formed tag). A regional or script variant is
    /// spoken in its base language's words. Nil for what is not a language tag at all.
    public init?(tag raw: String) {
        let parts = raw.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(Self.isLetter),
              parts.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return nil }
        let base = first.lowercased()
        var written = [base]
        for part in parts.dropFirst() {
            // BCP 47's conventions: a script in title case, a region in capitals, the rest lower case.
            if part.count == 4, part.allSatisfy(Self.isLetter) { written.append(part.prefix(1).uppercased() + part.dropFirst().lowercased()) }
            else if part.count == 2, part.allSatisfy(Self.isLetter) { written.append(part.uppercased()) }
            else { written.append(part.lowercased()) }
        }
        self.init(tag: written.joined(separator: "-"), translation: Words(rawValue: base))
    }

    private static func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
}

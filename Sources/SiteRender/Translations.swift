import DocModel
import Foundation

/// Every word keydocs writes into a site, in each language it speaks. The words are data, one
/// file a language that translators edit, `Words/<language>.json`: an object whose keys are the
/// messages' names, each a text, or for a counted message a list of its plural forms in the
/// order of `pluralForm`'s numbers. The files are embedded in the binary and read once; a message
/// that a file lacks is written in English, and `WordsFileTests` holds every file to every
/// message. `{}` stands for what a message is given (a name, a link, a number).
public struct Translations: Sendable {
    /// A message with no count in it.
    public enum Message: String, CaseIterable, Sendable {
        /// The link past the header, for a keyboard.
        case skipToContent
        /// The button that opens the navigation on a phone.
        case menu
        /// The drawer's close button.
        case closeMenu
        /// The navigation's label.
        case siteNavigation
        /// The site map's title and the link to it.
        case allPages
        /// The search box's label and placeholder.
        case search
        /// The results' label.
        case searchResults
        /// The theme button, in the light theme.
        case switchToDark
        /// The theme button, in the dark theme.
        case switchToLight
        /// The link to the repository.
        case source
        /// The link to edit the page.
        case editPage
        /// The label of the sections above the page.
        case breadcrumbs
        /// A heading's anchor.
        case linkToSection
        /// A block's badge: checked with no error.
        case verified
        /// A block's badge: what a command printed, checked.
        case outputChecked
        /// A block's badge: skipped by an annotation.
        case skipped
        /// A block's badge: checked and found broken.
        case failed
        /// A block's badge: no checker claims it.
        case unchecked
        /// A block's badge: its engine was missing.
        case notRun
        /// A block's badge: a mistake shown on purpose; {} is the rule ids it expects.
        case failsAsExpected
        /// A skipped block's details: {} is the author's reason.
        case skippedBecause
        /// The details of a block no checker claims.
        case noCheckerClaims
        /// Under a block that shows a mistake on purpose.
        case brokenRecipe
        /// The label of the previous and next links.
        case pager
        /// The link to the previous page.
        case previous
        /// The link to the next page.
        case next
        /// The table of contents' title.
        case onThisPage
        /// The footer, after the site's name.
        case builtWith
        /// The site's name when the config and the home page give none.
        case documentation
        /// The 404 page's title.
        case notFoundTitle
        /// The 404 page's text: {} is the link to the start.
        case notFound
        /// The 404 page's link: {} is the site's name.
        case notFoundLink
        /// A redirect page's title.
        case movedTitle
        /// A redirect page's text: {} is the link to the new page.
        case moved
        /// A code block's copy button.
        case copy
        /// The copy button's label.
        case copyCode
        /// The copy button, once copied.
        case copied
        /// The copy button, when the browser would not copy.
        case pressCtrlC
        /// A search that finds nothing.
        case noResults
        /// The generator's copy button, when the browser would not copy.
        case selectAndCopy
        /// Under a generated key: {} is its strength in bits.
        case strength
        /// After the strength when it is too low: {} is the threshold in bits.
        case under
        /// In place of a command when the contact ID is not one.
        case noCommand
        /// The contact ID field, when it holds no number.
        case notANumber
        /// The contact ID field's rule.
        case contactRange
        /// Beside the length field, when a length outside the policy's was set to the nearest
        /// allowed: the first {} is the range (20–32), the second the length now.
        case lengthSet
        /// The key checker: a key with an error.
        case keyFails
        /// The key checker: a key with a warning.
        case keyPassesWithWarning
        /// The key checker: a key with no finding.
        case keyPasses
        /// The key checker: the word before an error.
        case error
        /// The key checker: the word before a warning.
        case warning
        /// What separates a number's whole part from its decimals.
        case decimalMark
    }

    /// A message about a number of things, in each of the language's plural forms.
    public enum Counted: String, CaseIterable, Sendable {
        /// Search: how many pages matched.
        case pages
        /// Search: how many sections matched, after the pages.
        case sections
        /// Search: the button that shows a page's other sections.
        case moreOnThisPage
        /// Search: the button that shows the other pages.
        case showMorePages
    }

    /// The language of the words.
    public let language: SiteLanguage.Words

    /// The words of `language`.
    public init(_ language: SiteLanguage.Words) { self.language = language }

    /// `message` in the site's language.
    public func callAsFunction(_ message: Message) -> String {
        table.messages[message] ?? Self.english.messages[message] ?? message.rawValue
    }

    /// `message` with `argument` in its place.
    public func callAsFunction(_ message: Message, _ argument: String) -> String {
        self(message).replacingOccurrences(of: "{}", with: argument)
    }

    /// `message` cut where its `{}` stands, for a link that goes there.
    func split(_ message: Message) -> (before: String, after: String) {
        let text = self(message)
        guard let at = text.range(of: "{}") else { return (text, "") }
        return (String(text[..<at.lowerBound]), String(text[at.upperBound...]))
    }

    /// `message` about `count` things, in the plural form the language gives that number.
    public func callAsFunction(_ message: Counted, _ count: Int) -> String {
        forms(message)[pluralForm(count)].replacingOccurrences(of: "{}", with: String(count))
    }

    /// Each plural form of `message`, in the order of `pluralForm`'s numbers.
    public func forms(_ message: Counted) -> [String] {
        if let forms = table.counted[message], forms.count == pluralForms { return forms }
        // English's singular for the language's first form, its plural for every other.
        let english = Self.english.counted[message] ?? ["{} " + message.rawValue]
        return (0..<pluralForms).map { english[min($0, english.count - 1)] }
    }

    // MARK: - In the site's scripts

    /// The words as the site's scripts read them: `T.copy`, `say(T.pages, n)` for a count,
    /// `fill(T.strength, bits)` for a message with a value. Every message is there, so that a
    /// script may use any of them.
    var script: String {
        var entries = Message.allCases.map { SiteData.jsonString($0.rawValue) + ":" + SiteData.jsonString(self($0)) }
        entries += Counted.allCases.map { message in
            SiteData.jsonString(message.rawValue) + ":[" + forms(message).map(SiteData.jsonString).joined(separator: ",") + "]"
        }
        return "  var T = {" + entries.joined(separator: ",") + "};\n"
            + "  var plural = " + pluralFormScript + ";\n"
            + "  var say = function (forms, n) { return forms[plural(n)].replace('{}', String(n)); };\n"
            + "  var fill = function (text, value) { return text.replace('{}', function () { return String(value); }); };\n"
    }

    // MARK: - Plural forms

    /// How many plural forms the language has for whole numbers (CLDR's cardinal categories
    /// that a count of pages or sections can fall in).
    public var pluralForms: Int { language == .pl ? 3 : 2 }

    /// Which of the forms a count takes: English and most others, 1 against the rest; French
    /// and Portuguese, 0 and 1 against the rest; Polish, 1, then 2–4 (not 12–14) and 22–24…,
    /// then the rest.
    public func pluralForm(_ n: Int) -> Int {
        switch language {
        case .fr, .pt: return n < 2 ? 0 : 1
        case .pl:
            if n == 1 { return 0 }
            return (2...4).contains(n % 10) && !(12...14).contains(n % 100) ? 1 : 2
        case .en, .es, .ca, .de, .nl, .it: return n == 1 ? 0 : 1
        }
    }

    /// `pluralForm` as a JavaScript function of `n`, for the counts the site's script makes.
    var pluralFormScript: String {
        switch language {
        case .fr, .pt: "function (n) { return n < 2 ? 0 : 1; }"
        case .pl: "function (n) { return n === 1 ? 0 : (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14)) ? 1 : 2; }"
        case .en, .es, .ca, .de, .nl, .it: "function (n) { return n === 1 ? 0 : 1; }"
        }
    }

    // MARK: - The files

    /// One language's words as its file gives them.
    private struct Table: Sendable {
        /// Each message's text.
        var messages: [Message: String] = [:]
        /// Each counted message's plural forms.
        var counted: [Counted: [String]] = [:]

        /// The words of a file's JSON; what is not a message, or not of its kind (a text, a list
        /// of forms), is left out, and a file that is not a JSON object gives none.
        init(json: [UInt8]) {
            let object = (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any] ?? [:]
            for (key, value) in object {
                if let message = Message(rawValue: key), let text = value as? String {
                    messages[message] = text
                } else if let message = Counted(rawValue: key), let forms = value as? [String], !forms.isEmpty {
                    counted[message] = forms
                }
            }
        }
    }

    private static let english = Table(json: PackageResources.en_json)
    private static let french = Table(json: PackageResources.fr_json)
    private static let spanish = Table(json: PackageResources.es_json)
    private static let catalan = Table(json: PackageResources.ca_json)
    private static let german = Table(json: PackageResources.de_json)
    private static let dutch = Table(json: PackageResources.nl_json)
    private static let italian = Table(json: PackageResources.it_json)
    private static let portuguese = Table(json: PackageResources.pt_json)
    private static let polish = Table(json: PackageResources.pl_json)

    /// The words of `language`, read from its file the first time they are asked for.
    private var table: Table {
        switch language {
        case .en: Self.english
        case .fr: Self.french
        case .es: Self.spanish
        case .ca: Self.catalan
        case .de: Self.german
        case .nl: Self.dutch
        case .it: Self.italian
        case .pt: Self.portuguese
        case .pl: Self.polish
        }
    }
}

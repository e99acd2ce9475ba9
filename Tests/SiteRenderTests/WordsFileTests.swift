import DocModel
import Foundation
import SiteRender
import Testing

/// The files translators edit, `Sources/SiteRender/Words/<language>.json`: each gives every
/// message, a counted one in each of its language's plural forms, with as many places for a
/// value as the English one, and nothing that is not a message; keydocs writes what they give.
@Suite struct WordsFileTests {
    static let languages = SiteLanguage.Words.allCases

    /// A language's file, as JSON reads it.
    static func file(_ language: SiteLanguage.Words) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SiteRender/Words/\(language.rawValue).json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try #require(object as? [String: Any], "\(url.path) does not hold an object")
    }

    /// How many `{}` stand in `text`.
    static func placeholders(_ text: String) -> Int { text.components(separatedBy: "{}").count - 1 }

    /// Every message has its text, not blank, with no spaces around it, and the English
    /// text's number of places for a value.
    @Test(arguments: languages)
    func everyMessageIsInTheFile(_ language: SiteLanguage.Words) throws {
        let words = try Self.file(language), english = try Self.file(.en)
        for message in Translations.Message.allCases {
            guard let text = words[message.rawValue] as? String else {
                Issue.record("\(language).json: no text for \(message.rawValue)")
                continue
            }
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(language).json: \(message.rawValue) is blank")
            #expect(text == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(language).json: \(message.rawValue) has spaces around it")
            let englishText = english[message.rawValue] as? String ?? ""
            #expect(Self.placeholders(text) == Self.placeholders(englishText),
                    "\(language).json: \(message.rawValue) '\(text)' has not the {} of '\(englishText)'")
        }
    }

    /// Every counted message has one form for each of the language's plural forms, each with
    /// the places for a value of its English counterpart (the singular's, or the plural's).
    @Test(arguments: languages)
    func everyCountedMessageHasEachPluralForm(_ language: SiteLanguage.Words) throws {
        let words = try Self.file(language), english = try Self.file(.en)
        let pluralForms = Translations(language).pluralForms
        for message in Translations.Counted.allCases {
            guard let forms = words[message.rawValue] as? [String] else {
                Issue.record("\(language).json: no list of forms for \(message.rawValue)")
                continue
            }
            #expect(forms.count == pluralForms, "\(language).json: \(message.rawValue) has \(forms.count) forms, not \(pluralForms)")
            let englishForms = english[message.rawValue] as? [String] ?? []
            for (index, form) in forms.enumerated() {
                let counterpart = englishForms.isEmpty ? "" : englishForms[min(index, englishForms.count - 1)]
                #expect(Self.placeholders(form) == Self.placeholders(counterpart),
                        "\(language).json: \(message.rawValue) '\(form)' has not the {} of '\(counterpart)'")
                #expect(form == form.trimmingCharacters(in: .whitespacesAndNewlines), "\(language).json: \(message.rawValue) has spaces around '\(form)'")
            }
        }
    }

    /// A key that names no message (a misspelt one) is found, not silently left unread.
    @Test(arguments: languages)
    func everyKeyIsAMessage(_ language: SiteLanguage.Words) throws {
        let names = Set(Translations.Message.allCases.map(\.rawValue) + Translations.Counted.allCases.map(\.rawValue))
        let strangers = try Self.file(language).keys.filter { !names.contains($0) }.sorted()
        #expect(strangers.isEmpty, "\(language).json: not messages: \(strangers)")
    }

    /// What keydocs writes in a language is what its file gives.
    @Test(arguments: languages)
    func theWordsAreTheFilesWords(_ language: SiteLanguage.Words) throws {
        let words = Translations(language), file = try Self.file(language)
        for message in Translations.Message.allCases {
            #expect(words(message) == file[message.rawValue] as? String, "\(language) \(message.rawValue)")
        }
        for message in Translations.Counted.allCases {
            #expect(words.forms(message) == file[message.rawValue] as? [String], "\(language) \(message.rawValue)")
        }
    }
}

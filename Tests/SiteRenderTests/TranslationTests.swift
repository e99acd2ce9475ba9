import DocModel
import Foundation
import SiteRender
import Testing

/// keydocs' own words in each language it speaks: they are translated (that each language's
/// file is whole is `WordsFileTests`'), counts take the right plural form, and the language a
/// config names is the one the pages carry and speak.
@Suite struct TranslationTests {
    static let languages = SiteLanguage.Words.allCases

    // MARK: - The words

    /// A translation is a translation: the sentences keydocs writes are not left in English.
    @Test(arguments: languages.filter { $0 != .en })
    func sentencesAreTranslated(_ language: SiteLanguage.Words) {
        let words = Translations(language), english = Translations(.en)
        for message in Translations.Message.allCases where english(message).split(separator: " ").count >= 3 {
            #expect(words(message) != english(message), "\(language) \(message) is the English '\(english(message))'")
        }
        for message in Translations.Counted.allCases where (english.forms(message).last ?? "").split(separator: " ").count >= 3 {
            #expect(words.forms(message).last != english.forms(message).last, "\(language) \(message)")
        }
    }

    /// CLDR's plural rules for whole numbers: English 1 against the rest, French and Portuguese
    /// 0 and 1 against the rest, Polish 1, then 2–4 (not 12–14), then the rest.
    @Test(arguments: [
        (SiteLanguage.Words.en, [0: 1, 1: 0, 2: 1, 11: 1, 21: 1]),
        (.de, [0: 1, 1: 0, 2: 1, 101: 1]),
        (.fr, [0: 0, 1: 0, 2: 1, 10: 1]),
        (.pt, [0: 0, 1: 0, 2: 1]),
        (.pl, [1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 2, 22: 1, 24: 1, 25: 2, 112: 2, 122: 1, 0: 2]),
    ])
    func countsTakeTheirPluralForm(_ language: SiteLanguage.Words, _ expected: [Int: Int]) {
        let words = Translations(language)
        for (n, form) in expected { #expect(words.pluralForm(n) == form, "\(language) \(n)") }
    }

    @Test func countedMessagesReadAsSentences() {
        #expect(Translations(.en)(.pages, 1) == "1 page")
        #expect(Translations(.en)(.pages, 3) == "3 pages")
        #expect(Translations(.fr)(.pages, 0) == "0 page")
        #expect(Translations(.fr)(.moreOnThisPage, 4) == "4 autres résultats sur cette page")
        #expect(Translations(.pl)(.pages, 1) == "1 strona")
        #expect(Translations(.pl)(.pages, 3) == "3 strony")
        #expect(Translations(.pl)(.pages, 5) == "5 stron")
        #expect(Translations(.pl)(.pages, 22) == "22 strony")
        #expect(Translations(.de)(.showMorePages, 2) == "2 weitere Seiten anzeigen")
    }

    // MARK: - Tags and the config

    /// A tag as mkdocs-material and mkdocs-static-i18n accept it: a language, a regional or
    /// script variant in either separator and any case.
    @Test(arguments: [
        ("fr", "fr", SiteLanguage.Words?.some(.fr)), ("fr_CA", "fr-CA", .fr), ("fr-ca", "fr-CA", .fr), ("pt-BR", "pt-BR", .pt),
        ("PT_br", "pt-BR", .pt), ("de-AT", "de-AT", .de), ("ca", "ca", .ca), ("es-419", "es-419", .es), ("nl-BE", "nl-BE", .nl),
        ("it", "it", .it), ("pl", "pl", .pl), ("en", "en", .en), ("en-GB", "en-GB", .en), (" es ", "es", .es),
        ("zh-Hant", "zh-Hant", nil), ("zh-TW", "zh-TW", nil), ("ku-IQ", "ku-IQ", nil), ("ja", "ja", nil), ("sr-latn", "sr-Latn", nil),
    ])
    func tagsNameALanguage(_ raw: String, _ tag: String, _ words: SiteLanguage.Words?) throws {
        let language = try #require(SiteLanguage(tag: raw))
        #expect(language.tag == tag)
        #expect(language.translation == words)
        #expect(language.words == words ?? .en)
    }

    @Test(arguments: ["", "français", "f", "en-", "-fr", "12", "fr CA", "fr-toolongsubtag", "custom", "é"])
    func whatIsNotATagIsNone(_ raw: String) {
        #expect(SiteLanguage(tag: raw) == nil)
    }

    /// `theme.language` and mkdocs-static-i18n's default language give the pages' language; a
    /// language keydocs has no words in, or what is not a language, is one `config.ignored`
    /// note at its line, and the words stay English.
    @Test(arguments: [
        ("theme:\n  name: material\n  language: fr\n", "fr", SiteLanguage.Words.fr, nil as Int?),
        ("theme:\n  language: pt-BR\n", "pt-BR", .pt, nil),
        ("theme:\n  language: fr_CA\n", "fr-CA", .fr, nil),
        ("theme:\n  name: material\n  language: ja\n", "ja", .en, 3),
        ("theme:\n  language: zh-Hant\n", "zh-Hant", .en, 2),
        ("theme:\n  language: custom\n", "en", .en, 2),
        ("site_name: x\n", "en", .en, nil),
        // mkdocs-static-i18n 1.x: the entry marked default, else the first.
        ("plugins:\n  - search\n  - i18n:\n      languages:\n        - locale: de\n          default: true\n          name: Deutsch\n", "de", .de, nil),
        ("plugins:\n  - i18n:\n      languages:\n        - locale: nl\n          name: Nederlands\n", "nl", .nl, nil),
        // Its 0.x form, and its default over the theme's language, as it sets that for each build.
        ("theme:\n  language: en\nplugins:\n  - i18n:\n      default_language: ca\n", "ca", .ca, nil),
        ("plugins:\n  - i18n:\n      languages:\n        - locale: ko\n          default: true\n", "ko", .en, 4),
    ])
    func theConfigNamesTheLanguage(_ text: String, _ tag: String, _ words: SiteLanguage.Words, _ noteLine: Int?) throws {
        let config = try SiteConfig.parse(text, path: "mkdocs.yml")
        #expect(config.theme.language.tag == tag)
        #expect(config.theme.language.words == words)
        let notes = config.notes.filter { $0.message.contains("language") || $0.message.contains("English") }
        #expect(notes.map(\.location.line) == (noteLine.map { [$0] } ?? []), "\(config.notes.map(\.message))")
        #expect(notes.allSatisfy { $0.rule == .configIgnored && $0.severity == .note })
        if noteLine != nil { #expect(notes.first?.message.contains("English") == true, "\(notes)") }
    }

    /// The i18n plugin's other languages, which keydocs does not build, are named among what is
    /// ignored; a plugin with only the default language is read whole.
    @Test func otherLanguagesOfTheI18nPluginAreNamedAsIgnored() throws {
        let config = try SiteConfig.parse("""
            plugins:
              - search
              - i18n:
                  docs_structure: suffix
                  languages:
                    - locale: en
                      default: true
                      name: English
                    - locale: fr
                      name: Français
                    - locale: es
                      name: Español
                      build: false
            """, path: "mkdocs.yml")
        #expect(config.theme.language.words == .en)
        #expect(config.notes.map(\.message) == ["not used by keydocs and ignored: i18n's other languages fr"], "\(config.notes)")
        let alone = try SiteConfig.parse("plugins:\n  - i18n:\n      languages:\n        - locale: fr\n          default: true\n", path: "mkdocs.yml")
        #expect(alone.notes.isEmpty, "\(alone.notes)")
        #expect(alone.theme.language.words == .fr)
    }
}

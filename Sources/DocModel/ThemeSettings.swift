/// What keydocs reads of mkdocs' `theme:`: the settings a reader sees.
public struct ThemeSettings: Sendable, Equatable {
    /// `theme.logo`: an image of the docs folder, shown beside the site's name.
    public var logo: String?
    /// `theme.favicon`: an image of the docs folder, the pages' icon.
    public var favicon: String?
    /// `theme.palette`'s `primary`: a colour name of mkdocs-material's palette or `#rrggbb`.
    public var primary: String?
    /// `theme.palette`'s `accent`.
    public var accent: String?
    /// `theme.language`, or mkdocs-static-i18n's default language: the pages' `lang` and the
    /// language of keydocs' own words.
    public var language = SiteLanguage.english

    /// No settings: keydocs' own look.
    public init() {}
}

/// What keydocs reads of mkdocs' `theme:` and `edit_uri`: the settings a reader sees.
public struct ThemeSettings: Sendable, Equatable {
    /// `theme.logo`: an image of the docs folder, shown beside the site's name.
    public var logo: String?
    /// `theme.favicon`: an image of the docs folder, the pages' icon.
    public var favicon: String?
    /// `theme.palette`'s `primary`: a colour name of mkdocs-material's palette or `#rrggbb`.
    public var primary: String?
    /// `theme.palette`'s `accent`.
    public var accent: String?

    /// No settings: keydocs' own look.
    public init() {}
}

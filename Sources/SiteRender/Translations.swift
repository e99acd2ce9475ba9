import DocModel
import Foundation

/// Every word keydocs writes into a site, in each language it speaks: one table a language,
/// each an exhaustive switch over the messages, so that a message without a translation does
/// not compile. `{}` stands for what a message is given (a name, a link, a number).
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
        switch language {
        case .en: Self.english(message)
        case .fr: Self.french(message)
        case .es: Self.spanish(message)
        case .ca: Self.catalan(message)
        case .de: Self.german(message)
        case .nl: Self.dutch(message)
        case .it: Self.italian(message)
        case .pt: Self.portuguese(message)
        case .pl: Self.polish(message)
        }
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
        switch language {
        case .en: Self.english(message)
        case .fr: Self.french(message)
        case .es: Self.spanish(message)
        case .ca: Self.catalan(message)
        case .de: Self.german(message)
        case .nl: Self.dutch(message)
        case .it: Self.italian(message)
        case .pt: Self.portuguese(message)
        case .pl: Self.polish(message)
        }
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

    // MARK: - English

    private static func english(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Skip to content"
        case .menu: "Menu"
        case .closeMenu: "Close the menu"
        case .siteNavigation: "Site"
        case .allPages: "All pages"
        case .search: "Search"
        case .searchResults: "Search results"
        case .switchToDark: "Switch to the dark theme"
        case .switchToLight: "Switch to the light theme"
        case .source: "Source"
        case .editPage: "Edit this page"
        case .breadcrumbs: "Breadcrumbs"
        case .linkToSection: "Link to this section"
        case .verified: "verified"
        case .outputChecked: "output checked"
        case .skipped: "skipped"
        case .failed: "failed"
        case .unchecked: "unchecked"
        case .notRun: "not run"
        case .failsAsExpected: "fails as expected: {}"
        case .skippedBecause: "skipped: {}"
        case .noCheckerClaims: "no checker claims this block"
        case .brokenRecipe: "A broken recipe, shown so that you can recognise it: do not copy it."
        case .pager: "Previous and next pages"
        case .previous: "Previous"
        case .next: "Next"
        case .onThisPage: "On this page"
        case .builtWith: "built with keydocs"
        case .documentation: "Documentation"
        case .notFoundTitle: "Page not found"
        case .notFound: "There is no page at this address. {}, or use the search above."
        case .notFoundLink: "Go to the start of {}"
        case .movedTitle: "This page has moved"
        case .moved: "It is now {}."
        case .copy: "Copy"
        case .copyCode: "Copy this code"
        case .copied: "Copied"
        case .pressCtrlC: "Press Ctrl+C"
        case .noResults: "No results"
        case .selectAndCopy: "Select and copy"
        case .strength: "{} bits of effective strength"
        case .under: "(under {})"
        case .noCommand: "(no command: the contact ID above is not one)"
        case .notANumber: "Not a number."
        case .contactRange: "A contact ID is a whole number from 1 to 4294967295."
        case .lengthSet: "A key has {} characters: the length was set to {}."
        case .keyFails: "This key fails the policy."
        case .keyPassesWithWarning: "This key passes, with a warning."
        case .keyPasses: "This key passes every rule."
        case .error: "error"
        case .warning: "warning"
        case .decimalMark: "."
        }
    }

    private static func english(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} page", "{} pages"]
        case .sections: ["{} section", "{} sections"]
        case .moreOnThisPage: ["{} more on this page", "{} more on this page"]
        case .showMorePages: ["Show {} more page", "Show {} more pages"]
        }
    }

    // MARK: - French

    private static func french(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Aller au contenu"
        case .menu: "Menu"
        case .closeMenu: "Fermer le menu"
        case .siteNavigation: "Site"
        case .allPages: "Toutes les pages"
        case .search: "Rechercher"
        case .searchResults: "Résultats de la recherche"
        case .switchToDark: "Passer au thème sombre"
        case .switchToLight: "Passer au thème clair"
        case .source: "Source"
        case .editPage: "Modifier cette page"
        case .breadcrumbs: "Fil d’Ariane"
        case .linkToSection: "Lien vers cette section"
        case .verified: "vérifié"
        case .outputChecked: "sortie vérifiée"
        case .skipped: "ignoré"
        case .failed: "en échec"
        case .unchecked: "non vérifié"
        case .notRun: "non exécuté"
        case .failsAsExpected: "échoue comme prévu\u{00A0}: {}"
        case .skippedBecause: "ignoré\u{00A0}: {}"
        case .noCheckerClaims: "aucun vérificateur ne prend en charge ce bloc"
        case .brokenRecipe: "Une recette erronée, montrée pour que vous sachiez la reconnaître\u{00A0}: ne la copiez pas."
        case .pager: "Pages précédente et suivante"
        case .previous: "Précédente"
        case .next: "Suivante"
        case .onThisPage: "Sur cette page"
        case .builtWith: "généré avec keydocs"
        case .documentation: "Documentation"
        case .notFoundTitle: "Page introuvable"
        case .notFound: "Il n’y a aucune page à cette adresse. {}, ou utilisez la recherche ci-dessus."
        case .notFoundLink: "Revenir à l’accueil de {}"
        case .movedTitle: "Cette page a été déplacée"
        case .moved: "Elle se trouve désormais ici\u{00A0}: {}."
        case .copy: "Copier"
        case .copyCode: "Copier ce code"
        case .copied: "Copié"
        case .pressCtrlC: "Appuyez sur Ctrl+C"
        case .noResults: "Aucun résultat"
        case .selectAndCopy: "Sélectionnez et copiez"
        case .strength: "{} bits de robustesse effective"
        case .under: "(moins de {})"
        case .noCommand: "(aucune commande\u{00A0}: l’identifiant de contact ci-dessus n’est pas valide)"
        case .notANumber: "Ce n’est pas un nombre."
        case .contactRange: "Un identifiant de contact est un nombre entier de 1 à 4294967295."
        case .lengthSet: "Une clé a {} caractères : la longueur a été fixée à {}."
        case .keyFails: "Cette clé ne respecte pas la politique."
        case .keyPassesWithWarning: "Cette clé est acceptée, avec un avertissement."
        case .keyPasses: "Cette clé respecte toutes les règles."
        case .error: "erreur"
        case .warning: "avertissement"
        case .decimalMark: ","
        }
    }

    private static func french(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} page", "{} pages"]
        case .sections: ["{} section", "{} sections"]
        case .moreOnThisPage: ["{} autre résultat sur cette page", "{} autres résultats sur cette page"]
        case .showMorePages: ["Afficher {} page de plus", "Afficher {} pages de plus"]
        }
    }

    // MARK: - Spanish

    private static func spanish(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Saltar al contenido"
        case .menu: "Menú"
        case .closeMenu: "Cerrar el menú"
        case .siteNavigation: "Sitio"
        case .allPages: "Todas las páginas"
        case .search: "Buscar"
        case .searchResults: "Resultados de la búsqueda"
        case .switchToDark: "Cambiar al tema oscuro"
        case .switchToLight: "Cambiar al tema claro"
        case .source: "Código fuente"
        case .editPage: "Editar esta página"
        case .breadcrumbs: "Ruta de navegación"
        case .linkToSection: "Enlace a esta sección"
        case .verified: "verificado"
        case .outputChecked: "salida comprobada"
        case .skipped: "omitido"
        case .failed: "con errores"
        case .unchecked: "sin comprobar"
        case .notRun: "no ejecutado"
        case .failsAsExpected: "falla como se esperaba: {}"
        case .skippedBecause: "omitido: {}"
        case .noCheckerClaims: "ningún verificador se ocupa de este bloque"
        case .brokenRecipe: "Una receta errónea, mostrada para que sepa reconocerla: no la copie."
        case .pager: "Páginas anterior y siguiente"
        case .previous: "Anterior"
        case .next: "Siguiente"
        case .onThisPage: "En esta página"
        case .builtWith: "creado con keydocs"
        case .documentation: "Documentación"
        case .notFoundTitle: "Página no encontrada"
        case .notFound: "No hay ninguna página en esta dirección. {}, o use el buscador de arriba."
        case .notFoundLink: "Ir al inicio de {}"
        case .movedTitle: "Esta página se ha trasladado"
        case .moved: "Ahora está en {}."
        case .copy: "Copiar"
        case .copyCode: "Copiar este código"
        case .copied: "Copiado"
        case .pressCtrlC: "Pulse Ctrl+C"
        case .noResults: "Sin resultados"
        case .selectAndCopy: "Seleccione y copie"
        case .strength: "{} bits de robustez efectiva"
        case .under: "(menos de {})"
        case .noCommand: "(ninguna orden: el ID de contacto de arriba no es válido)"
        case .notANumber: "No es un número."
        case .contactRange: "Un ID de contacto es un número entero del 1 al 4294967295."
        case .lengthSet: "Una clave tiene {} caracteres: la longitud se ha fijado en {}."
        case .keyFails: "Esta clave no cumple la política."
        case .keyPassesWithWarning: "Esta clave es válida, con una advertencia."
        case .keyPasses: "Esta clave cumple todas las reglas."
        case .error: "error"
        case .warning: "advertencia"
        case .decimalMark: ","
        }
    }

    private static func spanish(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} página", "{} páginas"]
        case .sections: ["{} sección", "{} secciones"]
        case .moreOnThisPage: ["{} resultado más en esta página", "{} resultados más en esta página"]
        case .showMorePages: ["Mostrar {} página más", "Mostrar {} páginas más"]
        }
    }

    // MARK: - Catalan

    private static func catalan(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Salta al contingut"
        case .menu: "Menú"
        case .closeMenu: "Tanca el menú"
        case .siteNavigation: "Lloc web"
        case .allPages: "Totes les pàgines"
        case .search: "Cerca"
        case .searchResults: "Resultats de la cerca"
        case .switchToDark: "Canvia al tema fosc"
        case .switchToLight: "Canvia al tema clar"
        case .source: "Codi font"
        case .editPage: "Edita aquesta pàgina"
        case .breadcrumbs: "Ruta de navegació"
        case .linkToSection: "Enllaç a aquesta secció"
        case .verified: "verificat"
        case .outputChecked: "sortida comprovada"
        case .skipped: "omès"
        case .failed: "amb errors"
        case .unchecked: "sense comprovar"
        case .notRun: "no executat"
        case .failsAsExpected: "falla com s’esperava: {}"
        case .skippedBecause: "omès: {}"
        case .noCheckerClaims: "cap verificador no s’ocupa d’aquest bloc"
        case .brokenRecipe: "Una recepta errònia, mostrada perquè la sàpigues reconèixer: no la copiïs."
        case .pager: "Pàgines anterior i següent"
        case .previous: "Anterior"
        case .next: "Següent"
        case .onThisPage: "En aquesta pàgina"
        case .builtWith: "creat amb keydocs"
        case .documentation: "Documentació"
        case .notFoundTitle: "No s’ha trobat la pàgina"
        case .notFound: "No hi ha cap pàgina en aquesta adreça. {}, o fes servir la cerca de dalt."
        case .notFoundLink: "Ves a l’inici de {}"
        case .movedTitle: "Aquesta pàgina s’ha traslladat"
        case .moved: "Ara és a {}."
        case .copy: "Copia"
        case .copyCode: "Copia aquest codi"
        case .copied: "Copiat"
        case .pressCtrlC: "Prem Ctrl+C"
        case .noResults: "Cap resultat"
        case .selectAndCopy: "Selecciona i copia"
        case .strength: "{} bits de robustesa efectiva"
        case .under: "(menys de {})"
        case .noCommand: "(cap ordre: l’ID de contacte de dalt no és vàlid)"
        case .notANumber: "No és un nombre."
        case .contactRange: "Un ID de contacte és un nombre enter de l’1 al 4294967295."
        case .lengthSet: "Una clau té {} caràcters: la llargada s’ha fixat en {}."
        case .keyFails: "Aquesta clau no compleix la política."
        case .keyPassesWithWarning: "Aquesta clau és vàlida, amb un avís."
        case .keyPasses: "Aquesta clau compleix totes les regles."
        case .error: "error"
        case .warning: "avís"
        case .decimalMark: ","
        }
    }

    private static func catalan(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} pàgina", "{} pàgines"]
        case .sections: ["{} secció", "{} seccions"]
        case .moreOnThisPage: ["{} resultat més en aquesta pàgina", "{} resultats més en aquesta pàgina"]
        case .showMorePages: ["Mostra {} pàgina més", "Mostra {} pàgines més"]
        }
    }

    // MARK: - German

    private static func german(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Zum Inhalt springen"
        case .menu: "Menü"
        case .closeMenu: "Menü schließen"
        case .siteNavigation: "Website"
        case .allPages: "Alle Seiten"
        case .search: "Suchen"
        case .searchResults: "Suchergebnisse"
        case .switchToDark: "Zum dunklen Design wechseln"
        case .switchToLight: "Zum hellen Design wechseln"
        case .source: "Quellcode"
        case .editPage: "Diese Seite bearbeiten"
        case .breadcrumbs: "Brotkrümelnavigation"
        case .linkToSection: "Link zu diesem Abschnitt"
        case .verified: "geprüft"
        case .outputChecked: "Ausgabe geprüft"
        case .skipped: "übersprungen"
        case .failed: "fehlgeschlagen"
        case .unchecked: "ungeprüft"
        case .notRun: "nicht ausgeführt"
        case .failsAsExpected: "schlägt wie erwartet fehl: {}"
        case .skippedBecause: "übersprungen: {}"
        case .noCheckerClaims: "keine Prüfung ist für diesen Block zuständig"
        case .brokenRecipe: "Ein fehlerhaftes Rezept, gezeigt, damit Sie es wiedererkennen: Kopieren Sie es nicht."
        case .pager: "Vorherige und nächste Seite"
        case .previous: "Zurück"
        case .next: "Weiter"
        case .onThisPage: "Auf dieser Seite"
        case .builtWith: "erstellt mit keydocs"
        case .documentation: "Dokumentation"
        case .notFoundTitle: "Seite nicht gefunden"
        case .notFound: "Unter dieser Adresse gibt es keine Seite. {} oder nutzen Sie die Suche oben."
        case .notFoundLink: "Zur Startseite von {}"
        case .movedTitle: "Diese Seite ist umgezogen"
        case .moved: "Sie ist jetzt hier zu finden: {}."
        case .copy: "Kopieren"
        case .copyCode: "Diesen Code kopieren"
        case .copied: "Kopiert"
        case .pressCtrlC: "Drücken Sie Strg+C"
        case .noResults: "Keine Ergebnisse"
        case .selectAndCopy: "Markieren und kopieren"
        case .strength: "{} Bit effektive Stärke"
        case .under: "(unter {})"
        case .noCommand: "(kein Befehl: Die Kontakt-ID oben ist ungültig)"
        case .notANumber: "Keine Zahl."
        case .contactRange: "Eine Kontakt-ID ist eine ganze Zahl von 1 bis 4294967295."
        case .lengthSet: "Ein Schlüssel hat {} Zeichen: die Länge wurde auf {} gesetzt."
        case .keyFails: "Dieser Schlüssel verstößt gegen die Richtlinie."
        case .keyPassesWithWarning: "Dieser Schlüssel ist gültig, mit einer Warnung."
        case .keyPasses: "Dieser Schlüssel erfüllt alle Regeln."
        case .error: "Fehler"
        case .warning: "Warnung"
        case .decimalMark: ","
        }
    }

    private static func german(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} Seite", "{} Seiten"]
        case .sections: ["{} Abschnitt", "{} Abschnitte"]
        case .moreOnThisPage: ["{} weiterer Treffer auf dieser Seite", "{} weitere Treffer auf dieser Seite"]
        case .showMorePages: ["{} weitere Seite anzeigen", "{} weitere Seiten anzeigen"]
        }
    }

    // MARK: - Dutch

    private static func dutch(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Naar de inhoud"
        case .menu: "Menu"
        case .closeMenu: "Menu sluiten"
        case .siteNavigation: "Website"
        case .allPages: "Alle pagina’s"
        case .search: "Zoeken"
        case .searchResults: "Zoekresultaten"
        case .switchToDark: "Naar het donkere thema"
        case .switchToLight: "Naar het lichte thema"
        case .source: "Broncode"
        case .editPage: "Deze pagina bewerken"
        case .breadcrumbs: "Kruimelpad"
        case .linkToSection: "Link naar deze sectie"
        case .verified: "gecontroleerd"
        case .outputChecked: "uitvoer gecontroleerd"
        case .skipped: "overgeslagen"
        case .failed: "mislukt"
        case .unchecked: "niet gecontroleerd"
        case .notRun: "niet uitgevoerd"
        case .failsAsExpected: "mislukt zoals verwacht: {}"
        case .skippedBecause: "overgeslagen: {}"
        case .noCheckerClaims: "geen enkele controle is op dit blok van toepassing"
        case .brokenRecipe: "Een fout recept, getoond zodat u het herkent: kopieer het niet."
        case .pager: "Vorige en volgende pagina"
        case .previous: "Vorige"
        case .next: "Volgende"
        case .onThisPage: "Op deze pagina"
        case .builtWith: "gemaakt met keydocs"
        case .documentation: "Documentatie"
        case .notFoundTitle: "Pagina niet gevonden"
        case .notFound: "Op dit adres staat geen pagina. {}, of gebruik de zoekfunctie hierboven."
        case .notFoundLink: "Ga naar de beginpagina van {}"
        case .movedTitle: "Deze pagina is verplaatst"
        case .moved: "Ze staat nu op {}."
        case .copy: "Kopiëren"
        case .copyCode: "Deze code kopiëren"
        case .copied: "Gekopieerd"
        case .pressCtrlC: "Druk op Ctrl+C"
        case .noResults: "Geen resultaten"
        case .selectAndCopy: "Selecteer en kopieer"
        case .strength: "{} bits effectieve sterkte"
        case .under: "(minder dan {})"
        case .noCommand: "(geen opdracht: het contact-ID hierboven is ongeldig)"
        case .notANumber: "Geen getal."
        case .contactRange: "Een contact-ID is een geheel getal van 1 tot en met 4294967295."
        case .lengthSet: "Een sleutel heeft {} tekens: de lengte is op {} gezet."
        case .keyFails: "Deze sleutel voldoet niet aan het beleid."
        case .keyPassesWithWarning: "Deze sleutel is goedgekeurd, met een waarschuwing."
        case .keyPasses: "Deze sleutel voldoet aan alle regels."
        case .error: "fout"
        case .warning: "waarschuwing"
        case .decimalMark: ","
        }
    }

    private static func dutch(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} pagina", "{} pagina’s"]
        case .sections: ["{} sectie", "{} secties"]
        case .moreOnThisPage: ["nog {} resultaat op deze pagina", "nog {} resultaten op deze pagina"]
        case .showMorePages: ["Nog {} pagina tonen", "Nog {} pagina’s tonen"]
        }
    }

    // MARK: - Italian

    private static func italian(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Vai al contenuto"
        case .menu: "Menu"
        case .closeMenu: "Chiudi il menu"
        case .siteNavigation: "Sito"
        case .allPages: "Tutte le pagine"
        case .search: "Cerca"
        case .searchResults: "Risultati della ricerca"
        case .switchToDark: "Passa al tema scuro"
        case .switchToLight: "Passa al tema chiaro"
        case .source: "Sorgente"
        case .editPage: "Modifica questa pagina"
        case .breadcrumbs: "Percorso di navigazione"
        case .linkToSection: "Link a questa sezione"
        case .verified: "verificato"
        case .outputChecked: "output verificato"
        case .skipped: "saltato"
        case .failed: "non riuscito"
        case .unchecked: "non verificato"
        case .notRun: "non eseguito"
        case .failsAsExpected: "fallisce come previsto: {}"
        case .skippedBecause: "saltato: {}"
        case .noCheckerClaims: "nessun controllo si occupa di questo blocco"
        case .brokenRecipe: "Un esempio sbagliato, mostrato perché tu possa riconoscerlo: non copiarlo."
        case .pager: "Pagina precedente e successiva"
        case .previous: "Precedente"
        case .next: "Successiva"
        case .onThisPage: "In questa pagina"
        case .builtWith: "creato con keydocs"
        case .documentation: "Documentazione"
        case .notFoundTitle: "Pagina non trovata"
        case .notFound: "Non c’è nessuna pagina a questo indirizzo. {}, oppure usa la ricerca qui sopra."
        case .notFoundLink: "Vai all’inizio di {}"
        case .movedTitle: "Questa pagina è stata spostata"
        case .moved: "Ora si trova qui: {}."
        case .copy: "Copia"
        case .copyCode: "Copia questo codice"
        case .copied: "Copiato"
        case .pressCtrlC: "Premi Ctrl+C"
        case .noResults: "Nessun risultato"
        case .selectAndCopy: "Seleziona e copia"
        case .strength: "{} bit di robustezza effettiva"
        case .under: "(meno di {})"
        case .noCommand: "(nessun comando: l’ID contatto qui sopra non è valido)"
        case .notANumber: "Non è un numero."
        case .contactRange: "Un ID contatto è un numero intero da 1 a 4294967295."
        case .lengthSet: "Una chiave ha {} caratteri: la lunghezza è stata impostata a {}."
        case .keyFails: "Questa chiave non rispetta i criteri."
        case .keyPassesWithWarning: "Questa chiave è valida, con un avviso."
        case .keyPasses: "Questa chiave rispetta tutte le regole."
        case .error: "errore"
        case .warning: "avviso"
        case .decimalMark: ","
        }
    }

    private static func italian(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} pagina", "{} pagine"]
        case .sections: ["{} sezione", "{} sezioni"]
        case .moreOnThisPage: ["{} altro risultato in questa pagina", "altri {} risultati in questa pagina"]
        case .showMorePages: ["Mostra {} altra pagina", "Mostra altre {} pagine"]
        }
    }

    // MARK: - Portuguese

    private static func portuguese(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Ir para o conteúdo"
        case .menu: "Menu"
        case .closeMenu: "Fechar o menu"
        case .siteNavigation: "Site"
        case .allPages: "Todas as páginas"
        case .search: "Pesquisar"
        case .searchResults: "Resultados da pesquisa"
        case .switchToDark: "Mudar para o tema escuro"
        case .switchToLight: "Mudar para o tema claro"
        case .source: "Código-fonte"
        case .editPage: "Editar esta página"
        case .breadcrumbs: "Caminho de navegação"
        case .linkToSection: "Link para esta seção"
        case .verified: "verificado"
        case .outputChecked: "saída verificada"
        case .skipped: "ignorado"
        case .failed: "com erros"
        case .unchecked: "não verificado"
        case .notRun: "não executado"
        case .failsAsExpected: "falha como esperado: {}"
        case .skippedBecause: "ignorado: {}"
        case .noCheckerClaims: "nenhum verificador trata deste bloco"
        case .brokenRecipe: "Uma receita com erro, mostrada para que você saiba reconhecê-la: não a copie."
        case .pager: "Páginas anterior e seguinte"
        case .previous: "Anterior"
        case .next: "Próxima"
        case .onThisPage: "Nesta página"
        case .builtWith: "criado com keydocs"
        case .documentation: "Documentação"
        case .notFoundTitle: "Página não encontrada"
        case .notFound: "Não há nenhuma página neste endereço. {} ou use a pesquisa acima."
        case .notFoundLink: "Ir para o início de {}"
        case .movedTitle: "Esta página mudou de endereço"
        case .moved: "Agora está em {}."
        case .copy: "Copiar"
        case .copyCode: "Copiar este código"
        case .copied: "Copiado"
        case .pressCtrlC: "Pressione Ctrl+C"
        case .noResults: "Nenhum resultado"
        case .selectAndCopy: "Selecione e copie"
        case .strength: "{} bits de força efetiva"
        case .under: "(abaixo de {})"
        case .noCommand: "(nenhum comando: o ID de contato acima não é válido)"
        case .notANumber: "Não é um número."
        case .contactRange: "Um ID de contato é um número inteiro de 1 a 4294967295."
        case .lengthSet: "Uma chave tem {} caracteres: o comprimento foi definido como {}."
        case .keyFails: "Esta chave não cumpre a política."
        case .keyPassesWithWarning: "Esta chave é válida, com um aviso."
        case .keyPasses: "Esta chave cumpre todas as regras."
        case .error: "erro"
        case .warning: "aviso"
        case .decimalMark: ","
        }
    }

    private static func portuguese(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} página", "{} páginas"]
        case .sections: ["{} seção", "{} seções"]
        case .moreOnThisPage: ["mais {} resultado nesta página", "mais {} resultados nesta página"]
        case .showMorePages: ["Mostrar mais {} página", "Mostrar mais {} páginas"]
        }
    }

    // MARK: - Polish

    private static func polish(_ message: Message) -> String {
        switch message {
        case .skipToContent: "Przejdź do treści"
        case .menu: "Menu"
        case .closeMenu: "Zamknij menu"
        case .siteNavigation: "Witryna"
        case .allPages: "Wszystkie strony"
        case .search: "Szukaj"
        case .searchResults: "Wyniki wyszukiwania"
        case .switchToDark: "Przełącz na ciemny motyw"
        case .switchToLight: "Przełącz na jasny motyw"
        case .source: "Kod źródłowy"
        case .editPage: "Edytuj tę stronę"
        case .breadcrumbs: "Ścieżka nawigacji"
        case .linkToSection: "Odnośnik do tej sekcji"
        case .verified: "zweryfikowano"
        case .outputChecked: "wynik sprawdzony"
        case .skipped: "pominięto"
        case .failed: "błąd"
        case .unchecked: "nie sprawdzono"
        case .notRun: "nie uruchomiono"
        case .failsAsExpected: "błąd zgodny z oczekiwaniem: {}"
        case .skippedBecause: "pominięto: {}"
        case .noCheckerClaims: "żaden moduł sprawdzający nie obsługuje tego bloku"
        case .brokenRecipe: "Błędny przepis, pokazany po to, żebyś umiał go rozpoznać: nie kopiuj go."
        case .pager: "Poprzednia i następna strona"
        case .previous: "Poprzednia"
        case .next: "Następna"
        case .onThisPage: "Na tej stronie"
        case .builtWith: "zbudowano za pomocą keydocs"
        case .documentation: "Dokumentacja"
        case .notFoundTitle: "Nie znaleziono strony"
        case .notFound: "Pod tym adresem nie ma żadnej strony. {} lub skorzystaj z wyszukiwarki powyżej."
        case .notFoundLink: "Przejdź na początek witryny {}"
        case .movedTitle: "Ta strona została przeniesiona"
        case .moved: "Znajduje się teraz tutaj: {}."
        case .copy: "Kopiuj"
        case .copyCode: "Kopiuj ten kod"
        case .copied: "Skopiowano"
        case .pressCtrlC: "Naciśnij Ctrl+C"
        case .noResults: "Brak wyników"
        case .selectAndCopy: "Zaznacz i skopiuj"
        case .strength: "Efektywna siła w bitach: {}"
        case .under: "(poniżej {})"
        case .noCommand: "(brak polecenia: powyższy identyfikator kontaktu jest nieprawidłowy)"
        case .notANumber: "To nie jest liczba."
        case .contactRange: "Identyfikator kontaktu to liczba całkowita od 1 do 4294967295."
        case .lengthSet: "Klucz ma {} znaków: długość ustawiono na {}."
        case .keyFails: "Ten klucz nie spełnia zasad."
        case .keyPassesWithWarning: "Ten klucz jest poprawny, ale z ostrzeżeniem."
        case .keyPasses: "Ten klucz spełnia wszystkie zasady."
        case .error: "błąd"
        case .warning: "ostrzeżenie"
        case .decimalMark: ","
        }
    }

    private static func polish(_ message: Counted) -> [String] {
        switch message {
        case .pages: ["{} strona", "{} strony", "{} stron"]
        case .sections: ["{} sekcja", "{} sekcje", "{} sekcji"]
        case .moreOnThisPage: ["jeszcze {} wynik na tej stronie", "jeszcze {} wyniki na tej stronie", "jeszcze {} wyników na tej stronie"]
        case .showMorePages: ["Pokaż jeszcze {} stronę", "Pokaż jeszcze {} strony", "Pokaż jeszcze {} stron"]
        }
    }
}

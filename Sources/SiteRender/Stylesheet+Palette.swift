import DocModel
import Foundation

extension Stylesheet {
    /// The colours mkdocs-material's `theme.palette` names, by name, as keydocs draws them.
    static let paletteColours: [String: String] = [
        "red": "#e53935", "pink": "#d81b60", "purple": "#8e24aa", "deep purple": "#5e35b1", "indigo": "#3949ab",
        "blue": "#1e88e5", "light blue": "#039be5", "cyan": "#00acc1", "teal": "#00897b", "green": "#43a047",
        "light green": "#7cb342", "lime": "#c0ca33", "yellow": "#fdd835", "amber": "#ffb300", "orange": "#fb8c00",
        "deep orange": "#f4511e", "brown": "#6d4c41", "grey": "#757575", "blue grey": "#546e7a", "black": "#000000",
        "white": "#ffffff",
    ]

    /// The rules that give the header the guide's primary colour and links its accent, each
    /// only where its text stays readable (WCAG AA, 4.5:1); empty without a palette.
    static func palette(_ theme: ThemeSettings) -> String {
        var rules = ""
        if let primary = colour(theme.primary) {
            // Text on the header: white or near-black, whichever reads better.
            let text = contrast(primary, "#ffffff") >= contrast(primary, "#1f2328") ? "#ffffff" : "#1f2328"
            rules += ":root { --header-bg: \(primary); --header-fg: \(text); }\n"
            rules += ".topbar .icon-button, .topbar .repo { border-color: color-mix(in srgb, \(text) 45%, transparent); }\n"
        }
        if let accent = colour(theme.accent) ?? colour(theme.primary), contrast(accent, "#ffffff") >= 4.5 {
            rules += ":root:not([data-theme=\"dark\"]) { --accent: \(accent); }\n"
            rules += "@media (prefers-color-scheme: dark) { :root:not([data-theme=\"light\"]) { --accent: #4493f8; } }\n"
        }
        return rules.isEmpty ? "" : "/* theme.palette */\n" + rules
    }

    /// `#rrggbb` for a palette name or a colour given as `#rrggbb`; nil for anything else.
    static func colour(_ name: String?) -> String? {
        guard let name = name?.lowercased().replacingOccurrences(of: "-", with: " ") else { return nil }
        if let known = paletteColours[name] { return known }
        let hex = name.hasPrefix("#") ? name.dropFirst() : ""
        guard hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
        return "#" + hex
    }

    /// The WCAG contrast ratio of two `#rrggbb` colours.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex.dropFirst(), radix: 16) ?? 0
            let channels = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map { (c: Int) -> Double in
                let s = Double(c) / 255
                return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

}

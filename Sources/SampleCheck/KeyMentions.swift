import DocModel
import Foundation
import KeyPolicy

/// Keys written into HTTP samples and client code: `?api_key=…` in a URL (a `curl` or `wget`
/// command, a link, a PHP or JavaScript string), `X-Civi-Auth: Bearer …` and `Authorization:
/// Bearer …` headers, and `api_key` set in PHP, JavaScript or JSON configuration.
struct KeyMention: Equatable {
    /// The value as written.
    var value: String
    /// The 0-based line of the block.
    var line: Int
    /// The parameter or header it is in.
    var name: String
    /// It is in a URL's query string.
    var inURL: Bool
    /// For a header: the scheme before the credential (`Bearer`, `Basic`), empty for none.
    var scheme: String? = nil
}

enum KeyMentions {
    /// A URL query parameter that carries a credential: the API key or the site key.
    static let urlParameter = try? NSRegularExpression(pattern: ##"[?&](api_key|key)=([^&\s'"#<>)\]]*)"##)
    /// The `X-Civi-Auth` or `Authorization` header and its value, as a curl option or a raw
    /// header (`X-Civi-Auth: Bearer KEY`) or as client code writes it (`'X-Civi-Auth' =>
    /// 'Bearer KEY'`, `"Authorization": "Bearer " + key`, `headers={"X-Civi-Auth": f"Bearer {key}"}`).
    static let header = try? NSRegularExpression(
        pattern: #"\b(X-Civi-Auth|Authorization)["']?\s*(?::|=>|,)\s*(?:[fbFB]?["'`])?\s*([^"'`\n\\]*)"#, options: [.caseInsensitive])
    /// `api_key` given a value in PHP (`'api_key' => 'v'`), JavaScript (`api_key: 'v'`) or shell (`api_key='v'`).
    static let assignment = try? NSRegularExpression(pattern: #"["']?\bapi_key\b["']?\s*(=>|:|=)\s*["']([^"'\s]*)["']"#)

    /// Every mention in `text`, line by line.
    static func find(in text: String) -> [KeyMention] {
        var found: [KeyMention] = []
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let string = String(line)
            let range = NSRange(string.startIndex..., in: string)
            func capture(_ match: NSTextCheckingResult, _ group: Int) -> String {
                Range(match.range(at: group), in: string).map { String(string[$0]) } ?? ""
            }
            for match in urlParameter?.matches(in: string, range: range) ?? [] {
                found.append(KeyMention(value: capture(match, 2), line: k, name: capture(match, 1), inURL: true))
            }
            for match in header?.matches(in: string, range: range) ?? [] {
                // authx splits the value at its first space into scheme and credential.
                let value = capture(match, 2).trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty else { continue }
                let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
                var (scheme, credential) = parts.count == 2 ? (parts[0], parts[1].trimmingCharacters(in: .whitespaces)) : ("", parts[0])
                // `'Bearer ' . $key`: the scheme written, the credential joined on from a variable.
                if parts.count == 1, ["bearer", "basic"].contains(credential.lowercased()) { (scheme, credential) = (credential, "") }
                found.append(KeyMention(value: credential, line: k, name: capture(match, 1), inURL: false, scheme: scheme))
            }
            // A `?api_key=` already counted as part of a URL is not an assignment too.
            if !found.contains(where: { $0.line == k && $0.inURL }) {
                for match in assignment?.matches(in: string, range: range) ?? [] {
                    found.append(KeyMention(value: capture(match, 2), line: k, name: "api_key", inURL: false))
                }
            }
        }
        return found
    }
}

extension PageChecker {
    /// Advice to make a key up by hand (`your_key_you_made_up`): made-up keys are guessable.
    mutating func reportMadeUp(_ value: String, at location: SourceLocation, context: [String] = []) {
        report(.keyMadeUp, at: location, "the key '\(value)' is for the reader to make up; keys people make up are "
               + "guessable: generate one (see the recipes that read /dev/urandom)", context: context)
    }

    /// Checks the keys a block of HTTP commands or client code carries; returns whether the
    /// block mentions a key at all (a placeholder counts).
    mutating func checkKeyMentions(_ sample: Sample) -> Bool {
        let mentions = KeyMentions.find(in: sample.text)
        guard !mentions.isEmpty else { return false }
        for mention in mentions {
            let at = sample.location(ofLine: mention.line)
            // In a URL, an API key is logged whether it is written there or filled in from a
            // variable. (The site key has a URL form of its own, cron.php's; only a written one is a finding.)
            if mention.inURL && !mention.value.isEmpty && (mention.name != "key" || !Placeholder.standsForKey(mention.value)) {
                report(.keyInUrl, at: at, "the \(mention.name == "key" ? "site key" : "API key") is in the URL's query string, "
                       + "which web servers and proxies log: send it in a header (X-Civi-Auth: Bearer KEY for the API key, "
                       + "X-Civi-Key for the site key)")
            }
            if let scheme = mention.scheme {
                guard checkAuthForm(mention, scheme: scheme, at: at) else { continue }
            }
            if Placeholder.standsForKey(mention.value) {
                if mention.name != "key", SQLTemplate.asksToMakeUp(mention.value) { reportMadeUp(mention.value, at: at) }
                continue
            }
            // The site key has rules of its own; the API key is held to the key policy.
            guard mention.name != "key" else { continue }
            reportKey(mention.value, at: at, "\(mention.name): ")
        }
        return true
    }

    /// Judges an `X-Civi-Auth` or `Authorization` header as authx reads it: the value splits at
    /// its first space into scheme and credential, and an API key signs in only as `Bearer KEY`
    /// (`Basic` carries a user name and password). Returns whether the credential is a key to
    /// hold to the policy.
    private mutating func checkAuthForm(_ mention: KeyMention, scheme: String, at: SourceLocation) -> Bool {
        let header = mention.name
        switch scheme.lowercased() {
        case "bearer":
            if header.lowercased() == "authorization" {
                report(.keyAuthHeader, at: at, "authx reads the Authorization header only where the site enables it "
                       + "(authx_header_cred); X-Civi-Auth: Bearer KEY works with the default settings")
            }
            return true
        case "basic":
            // A user name and password, base64-encoded, is what Basic carries; a key is not.
            let decoded = Data(base64Encoded: mention.value).map { String(decoding: $0, as: UTF8.self) }
            let namesAKey = mention.value.lowercased().contains("key") || mention.value.lowercased().contains("token")
            if namesAKey || (decoded?.contains(":") != true && !Placeholder.standsForKey(mention.value)) {
                report(.keyAuthScheme, at: at, "authx takes an API key only as a Bearer credential; as Basic it is read as "
                       + "a user name and password and never signs in: send \(header): Bearer KEY")
            }
            return false
        case "":
            report(.keyAuthScheme, at: at, "authx splits \(header) at its first space into scheme and credential: a value "
                   + "without the Bearer scheme never signs in; send \(header): Bearer KEY")
            return true
        default:
            guard !scheme.contains("$") && !scheme.contains("{") && !scheme.hasPrefix("<") else { return false }
            report(.keyAuthScheme, at: at, "authx knows the schemes Bearer and Basic, not '\(scheme)': the key never signs in; "
                   + "send \(header): Bearer KEY")
            return false
        }
    }
}

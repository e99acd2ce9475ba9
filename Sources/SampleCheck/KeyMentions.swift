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
        pattern: #"\b(X-Civi-Auth|Authorization|X-Civi-Key)["']?\s*(?::|=>|,)\s*(?:[fbFB]?["'`])?\s*([^"'`\n\\]*)"#, options: [.caseInsensitive])
    /// `api_key` given a value in PHP (`'api_key' => 'v'`), JavaScript (`api_key: 'v'`) or shell (`api_key='v'`).
    static let assignment = try? NSRegularExpression(pattern: #"["']?\bapi_key\b["']?\s*(=>|:|=)\s*["']([^"'\s]*)["']"#)

    /// Where a client puts parameters into the query string whatever the method: Python
    /// requests' `params=`, JavaScript's `URLSearchParams(`, PHP's `http_build_query(`.
    static let queryStart = try? NSRegularExpression(pattern: #"\bparams\s*=\s*[\{\[(]|\bURLSearchParams\s*\(|\bhttp_build_query\s*\("#)
    /// `api_key` given a value inside such parameters: `"api_key": API_KEY`, `'api_key' => $key`, `api_key: key`.
    static let queryKey = try? NSRegularExpression(pattern: #"["']?\bapi_key\b["']?\s*(?::|=>|=)\s*([^,}\)\]\s]+)"#)

    /// `api_key` in parameters that a client sends in the query string, over as many lines as
    /// the parameters take (up to the bracket that closes them).
    static func queryMentions(in text: String) -> [KeyMention] {
        let scalars = Array(text.utf16)
        var found: [KeyMention] = []
        for start in queryStart?.matches(in: text, range: NSRange(location: 0, length: scalars.count)) ?? [] {
            var depth = 0, end = start.range.location + start.range.length
            var k = end - 1
            // The region from the opening bracket to its match (at most 4,000 characters).
            while k < scalars.count && k < end + 4000 {
                let c = scalars[k]
                if c == 0x28 || c == 0x5B || c == 0x7B { depth += 1 }
                if c == 0x29 || c == 0x5D || c == 0x7D {
                    depth -= 1
                    if depth == 0 { break }
                }
                k += 1
            }
            let region = NSRange(location: start.range.location, length: min(k + 1, scalars.count) - start.range.location)
            for match in queryKey?.matches(in: text, range: region) ?? [] {
                guard let valueRange = Range(match.range(at: 1), in: text), let at = Range(match.range, in: text) else { continue }
                let line = text[..<at.lowerBound].count { $0 == "\n" }
                let value = String(text[valueRange]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                found.append(KeyMention(value: value, line: line, name: "api_key", inURL: true))
            }
        }
        return found
    }

    /// Random functions of client languages that are not cryptographic generators.
    static let weakRandom = try? NSRegularExpression(
        pattern: #"\bMath\.random\s*\(|\brandom\.(?:random|choice|choices|randint|sample|getrandbits)\s*\(|\b(?:mt_rand|uniqid|str_shuffle|lcg_value)\s*\(|(?<![_\w])rand\s*\(\s*\d"#)

    /// The first line of a block that makes a key with a non-cryptographic random function, and
    /// the function: a block that names a key (`api_key`, `apiKey`, `token`) and calls one.
    static func weakRandomLine(in text: String) -> (index: Int, function: String)? {
        let lower = text.lowercased()
        guard ["api_key", "apikey", "api key", "api-key", "token"].contains(where: lower.contains) else { return nil }
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let string = String(line)
            if let match = weakRandom?.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)),
               let range = Range(match.range, in: string) {
                return (k, String(string[range]).replacingOccurrences(of: " ", with: ""))
            }
        }
        return nil
    }

    /// Every mention in `text`, line by line.
    static func find(in text: String) -> [KeyMention] {
        var found: [KeyMention] = []
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let string = String(line)
            let range = NSRange(string.startIndex..., in: string)
            func capture(_ match: NSTextCheckingResult, _ group: Int) -> String {
                Range(match.range(at: group), in: string).map { String(string[$0]) } ?? ""
            }
            let inURL = urlParameter?.matches(in: string, range: range) ?? []
            for match in inURL {
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
            if inURL.isEmpty {
                for match in assignment?.matches(in: string, range: range) ?? [] {
                    found.append(KeyMention(value: capture(match, 2), line: k, name: "api_key", inURL: false))
                }
            }
        }
        let inQuery = queryMentions(in: text)
        // A parameter already read as sent in the query string is not a setting too.
        found.removeAll { mention in inQuery.contains { $0.line == mention.line } }
        return found + inQuery
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
        let weak = KeyMentions.weakRandomLine(in: sample.text)
        if let weak { reportWeakRandom(weak, in: sample) }
        guard !mentions.isEmpty else { return weak != nil }
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

    /// Client code that makes a key with a random function that is not cryptographic.
    private mutating func reportWeakRandom(_ line: (index: Int, function: String), in sample: Sample) {
        report(.generatorWeakRandom, at: sample.location(ofLine: line.index), "\(line.function)) is not a cryptographic "
               + "generator: keys made with it can be predicted; use crypto.getRandomValues (JavaScript), secrets "
               + "(Python) or random_bytes (PHP)")
    }

    /// Judges an `X-Civi-Auth` or `Authorization` header as authx reads it: the value splits at
    /// its first space into scheme and credential, and an API key signs in only as `Bearer KEY`
    /// (`Basic` carries a user name and password). Returns whether the credential is a key to
    /// hold to the policy.
    private mutating func checkAuthForm(_ mention: KeyMention, scheme: String, at: SourceLocation) -> Bool {
        let header = mention.name
        if header.lowercased() == "x-civi-key" {
            // The site key's header: an API key there is read as the site key and signs no one in.
            let value = (scheme.isEmpty ? "" : scheme + " ") + mention.value
            let words = value.lowercased()
            if words.contains("api") && words.contains("key") || scheme.lowercased() == "bearer" {
                report(.keyAuthScheme, at: at, "X-Civi-Key carries the site key; an API key sent there never signs in: "
                       + "send it as X-Civi-Auth: Bearer KEY")
            }
            return false
        }
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

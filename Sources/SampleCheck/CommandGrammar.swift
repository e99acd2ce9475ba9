/// How the generator commands of the allowlist read their arguments, so that an option is judged
/// as the program parses it: GNU tools take clustered short options (`-us`), values attached
/// (`-c24`) or after `=`, and any unambiguous prefix of a long option (`--se` for `--set`);
/// OpenSSL takes `-opt` and `--opt`, and `-opt=value`. Each command lists every option it has
/// that a generator may use; any other option is refused, whatever it does, so an option
/// nobody thought of is held as firmly as `-out`.
struct CommandGrammar {
    /// How an option takes a value.
    enum Arity: Equatable {
        case flag
        case value
        /// Only attached: `-w76`, `--wrap=76` (GNU's optional arguments).
        case optionalValue
    }

    /// What the words that are not options are.
    enum Operands: Equatable {
        /// Files the command reads (`-` for standard input).
        case files
        /// Text the command uses as it is (tr's sets, printf's format).
        case text
        /// `date`: `+FORMAT` only; any other operand sets the clock.
        case dateFormat
        /// openssl: a subcommand, then that subcommand's grammar.
        case subcommand
    }

    /// GNU getopt_long, or OpenSSL's own parser.
    enum Style { case gnu, openssl }

    var style: Style = .gnu
    /// Short options by letter, with their arity (GNU).
    var short: [Character: Arity] = [:]
    /// Long options by name without dashes, with their arity; for OpenSSL, every option.
    var long: [String: Arity] = [:]
    /// Options a generator may use, by name as parsed (`c`, `bytes`, `hex`).
    var allowed: Set<String> = []
    var operands: Operands = .files
    /// Short letters that are the same option as a long name (`c` is `bytes`), for messages.
    var aliases: [Character: String] = [:]

    /// An option as the program reads it.
    struct Option: Equatable {
        /// The name without dashes: `c`, `bytes`, `out`.
        var name: String
        var value: String?
        /// The word as written, for messages.
        var written: String
    }

    /// A command line, parsed.
    struct Parsed {
        var options: [Option] = []
        var operands: [String] = []
        /// A word the program would reject or read in a way keydocs does not know.
        var problem: String?
    }

    /// Reads `arguments` (the words after the command name) as the program does.
    func parse(_ arguments: [String]) -> Parsed {
        var parsed = Parsed()
        var k = 0
        var onlyOperands = false
        while k < arguments.count {
            let word = arguments[k]
            k += 1
            if onlyOperands || word == "-" || !word.hasPrefix("-") {
                parsed.operands.append(word)
                // OpenSSL stops at the first operand; GNU tools permute, so options may follow.
                if style == .openssl { onlyOperands = true }
                continue
            }
            if word == "--" {
                onlyOperands = true
                continue
            }
            if style == .openssl || word.hasPrefix("--") {
                var body = String(word.dropFirst(word.hasPrefix("--") ? 2 : 1))
                var value: String?
                if let equals = body.firstIndex(of: "=") {
                    value = String(body[body.index(after: equals)...])
                    body = String(body[..<equals])
                }
                guard let (name, arity) = longOption(body) else {
                    parsed.problem = "'\(word)' is not an option keydocs knows for this command"
                    return parsed
                }
                if arity == .value && value == nil {
                    guard k < arguments.count else {
                        parsed.problem = "'\(word)' needs a value"
                        return parsed
                    }
                    value = arguments[k]
                    k += 1
                } else if arity == .flag && value != nil {
                    parsed.problem = "'\(word)' takes no value"
                    return parsed
                }
                parsed.options.append(Option(name: name, value: value, written: word))
                continue
            }
            // A cluster of GNU short options: `-us`, `-c24`, `-qc 24`.
            var letters = Substring(word.dropFirst())
            while let letter = letters.first {
                letters = letters.dropFirst()
                guard let arity = short[letter] else {
                    parsed.problem = "'-\(letter)' (in '\(word)') is not an option keydocs knows for this command"
                    return parsed
                }
                switch arity {
                case .flag:
                    parsed.options.append(Option(name: String(letter), value: nil, written: word))
                case .optionalValue:
                    parsed.options.append(Option(name: String(letter), value: letters.isEmpty ? nil : String(letters), written: word))
                    letters = ""
                case .value:
                    var value = String(letters)
                    if letters.isEmpty {
                        guard k < arguments.count else {
                            parsed.problem = "'-\(letter)' needs a value"
                            return parsed
                        }
                        value = arguments[k]
                        k += 1
                    }
                    parsed.options.append(Option(name: String(letter), value: value, written: word))
                    letters = ""
                }
            }
        }
        return parsed
    }

    /// A long option by its name or, for GNU tools, by a prefix that names one option only.
    private func longOption(_ name: String) -> (String, Arity)? {
        if let arity = long[name] { return (name, arity) }
        guard style == .gnu, !name.isEmpty else { return nil }
        let matches = long.keys.filter { $0.hasPrefix(name) }
        guard matches.count == 1, let full = matches.first, let arity = long[full] else { return nil }
        return (full, arity)
    }

    /// The options of `parsed` that a generator may not use.
    func refused(_ parsed: Parsed) -> [Option] {
        parsed.options.filter { !allowed.contains($0.name) }
    }
}

extension CommandGrammar {
    /// The grammar of each command on the default allowlist, and of openssl's subcommands.
    static let commands: [String: CommandGrammar] = {
        var table: [String: CommandGrammar] = [:]
        table["head"] = CommandGrammar(
            short: ["c": .value, "n": .value, "q": .flag, "v": .flag, "z": .flag],
            long: ["bytes": .value, "lines": .value, "quiet": .flag, "silent": .flag, "verbose": .flag,
                   "zero-terminated": .flag, "help": .flag, "version": .flag],
            allowed: ["c", "n", "q", "v", "z", "bytes", "lines", "quiet", "silent", "verbose", "zero-terminated"])
        table["tail"] = CommandGrammar(
            short: ["c": .value, "n": .value, "q": .flag, "v": .flag, "z": .flag, "f": .flag, "F": .flag, "s": .value],
            long: ["bytes": .value, "lines": .value, "quiet": .flag, "silent": .flag, "verbose": .flag, "zero-terminated": .flag,
                   "follow": .optionalValue, "retry": .flag, "sleep-interval": .value, "pid": .value,
                   "max-unchanged-stats": .value, "help": .flag, "version": .flag],
            allowed: ["c", "n", "q", "v", "z", "bytes", "lines", "quiet", "silent", "verbose", "zero-terminated"])
        table["base64"] = CommandGrammar(
            short: ["d": .flag, "i": .flag, "w": .value],
            long: ["decode": .flag, "ignore-garbage": .flag, "wrap": .value, "help": .flag, "version": .flag],
            allowed: ["d", "i", "w", "decode", "ignore-garbage", "wrap"])
        table["tr"] = CommandGrammar(
            short: ["c": .flag, "C": .flag, "d": .flag, "s": .flag, "t": .flag],
            long: ["complement": .flag, "delete": .flag, "squeeze-repeats": .flag, "truncate-set1": .flag,
                   "help": .flag, "version": .flag],
            allowed: ["c", "C", "d", "s", "t", "complement", "delete", "squeeze-repeats", "truncate-set1"],
            operands: .text)
        table["cut"] = CommandGrammar(
            short: ["b": .value, "c": .value, "d": .value, "f": .value, "n": .flag, "s": .flag, "z": .flag],
            long: ["bytes": .value, "characters": .value, "delimiter": .value, "fields": .value, "complement": .flag,
                   "only-delimited": .flag, "output-delimiter": .value, "zero-terminated": .flag, "help": .flag, "version": .flag],
            allowed: ["b", "c", "d", "f", "n", "s", "z", "bytes", "characters", "delimiter", "fields", "complement",
                      "only-delimited", "output-delimiter", "zero-terminated"])
        table["fold"] = CommandGrammar(
            short: ["b": .flag, "s": .flag, "w": .value],
            long: ["bytes": .flag, "spaces": .flag, "width": .value, "help": .flag, "version": .flag],
            allowed: ["b", "s", "w", "bytes", "spaces", "width"])
        table["od"] = CommandGrammar(
            short: ["A": .value, "j": .value, "N": .value, "S": .value, "t": .value, "v": .flag, "w": .optionalValue,
                    "a": .flag, "b": .flag, "c": .flag, "d": .flag, "f": .flag, "i": .flag, "l": .flag, "o": .flag,
                    "s": .flag, "x": .flag],
            long: ["address-radix": .value, "endian": .value, "skip-bytes": .value, "read-bytes": .value, "strings": .optionalValue,
                   "format": .value, "output-duplicates": .flag, "width": .optionalValue, "traditional": .flag,
                   "help": .flag, "version": .flag],
            allowed: ["A", "j", "N", "t", "v", "w", "a", "b", "c", "d", "f", "i", "l", "o", "s", "x", "address-radix", "endian",
                      "skip-bytes", "read-bytes", "format", "output-duplicates", "width"])
        table["xxd"] = CommandGrammar(
            // xxd reads single-dash words whole (`-ps`, `-cols`), values after a space or attached.
            style: .openssl,
            long: ["p": .flag, "ps": .flag, "postscript": .flag, "plain": .flag, "u": .flag, "c": .value, "cols": .value,
                   "g": .value, "groupsize": .value, "l": .value, "len": .value, "s": .value, "seek": .value,
                   "b": .flag, "bits": .flag, "e": .flag, "i": .flag, "include": .flag, "o": .value, "offset": .value,
                   "r": .flag, "revert": .flag, "d": .flag, "E": .flag, "EBCDIC": .flag, "a": .flag, "autoskip": .flag,
                   "C": .flag, "capitalize": .flag, "n": .value, "name": .value, "R": .value, "h": .flag, "help": .flag,
                   "v": .flag, "version": .flag],
            allowed: ["p", "ps", "postscript", "plain", "u", "c", "cols", "g", "groupsize", "l", "len", "s", "seek", "b", "bits",
                      "e", "d", "o", "offset", "C", "capitalize", "a", "autoskip"])
        for sum in ["sha256sum", "sha1sum", "md5sum", "sha512sum", "sha224sum", "sha384sum", "b2sum"] {
            table[sum] = CommandGrammar(
                short: ["b": .flag, "c": .flag, "t": .flag, "z": .flag, "w": .flag],
                long: ["binary": .flag, "check": .flag, "tag": .flag, "text": .flag, "zero": .flag, "ignore-missing": .flag,
                       "quiet": .flag, "status": .flag, "strict": .flag, "warn": .flag, "help": .flag, "version": .flag],
                allowed: ["b", "t", "z", "binary", "tag", "text", "zero"])
        }
        table["printf"] = CommandGrammar(short: ["v": .value], long: ["help": .flag, "version": .flag],
                                         allowed: [], operands: .text)
        table["echo"] = CommandGrammar(short: ["n": .flag, "e": .flag, "E": .flag], allowed: ["n", "e", "E"], operands: .text)
        table["date"] = CommandGrammar(
            short: ["d": .value, "f": .value, "I": .optionalValue, "r": .value, "R": .flag, "s": .value, "u": .flag],
            long: ["date": .value, "debug": .flag, "file": .value, "iso-8601": .optionalValue, "resolution": .flag,
                   "rfc-email": .flag, "rfc-3339": .value, "reference": .value, "set": .value, "utc": .flag,
                   "universal": .flag, "help": .flag, "version": .flag],
            allowed: ["d", "I", "R", "u", "date", "iso-8601", "rfc-email", "rfc-3339", "utc", "universal"],
            operands: .dateFormat)
        table["openssl"] = CommandGrammar(style: .openssl, operands: .subcommand)
        return table
    }()

    /// openssl's subcommands that a generator may run, each with the options it may use. Any
    /// other option (`-out`, `-rand`, `-writerand`, `-engine`, `-provider`, `-in`, `-config`…)
    /// is refused however it is spelled.
    static let openssl: [String: CommandGrammar] = {
        var table: [String: CommandGrammar] = [:]
        let digest: CommandGrammar = CommandGrammar(
            style: .openssl,
            long: ["hex": .flag, "r": .flag, "binary": .flag, "c": .flag, "sha1": .flag, "sha224": .flag, "sha256": .flag,
                   "sha384": .flag, "sha512": .flag, "md5": .flag, "sha3-256": .flag, "sha3-512": .flag, "blake2b512": .flag,
                   "blake2s256": .flag, "out": .value, "sign": .value, "verify": .value, "prverify": .value, "signature": .value,
                   "hmac": .value, "mac": .value, "macopt": .value, "keyform": .value, "passin": .value, "engine": .value,
                   "provider": .value, "provider-path": .value, "propquery": .value, "rand": .value, "writerand": .value,
                   "sigopt": .value, "fips-fingerprint": .flag, "list": .flag, "xoflen": .value, "help": .flag],
            allowed: ["hex", "r", "binary", "c", "sha1", "sha224", "sha256", "sha384", "sha512", "md5", "sha3-256", "sha3-512",
                      "blake2b512", "blake2s256"],
            operands: .files)
        for name in ["dgst", "sha1", "sha224", "sha256", "sha384", "sha512", "md5"] { table[name] = digest }
        table["rand"] = CommandGrammar(
            style: .openssl,
            long: ["hex": .flag, "base64": .flag, "out": .value, "rand": .value, "writerand": .value, "engine": .value,
                   "provider": .value, "provider-path": .value, "propquery": .value, "help": .flag],
            allowed: ["hex", "base64"], operands: .text)
        let encode = CommandGrammar(
            style: .openssl,
            long: ["a": .flag, "A": .flag, "base64": .flag, "e": .flag, "d": .flag, "in": .value, "out": .value, "pass": .value,
                   "kfile": .value, "k": .value, "K": .value, "iv": .value, "S": .value, "md": .value, "p": .flag, "P": .flag,
                   "nopad": .flag, "nosalt": .flag, "salt": .flag, "z": .flag, "none": .flag, "engine": .value,
                   "provider": .value, "provider-path": .value, "propquery": .value, "rand": .value, "writerand": .value,
                   "bufsize": .value, "v": .flag, "debug": .flag, "iter": .value, "pbkdf2": .flag, "list": .flag,
                   "ciphers": .flag, "help": .flag],
            allowed: ["a", "A", "base64", "e", "d"], operands: .files)
        table["base64"] = encode
        table["enc"] = encode
        table["version"] = CommandGrammar(style: .openssl, long: ["a": .flag, "v": .flag, "b": .flag, "o": .flag, "f": .flag,
                                                                  "p": .flag, "d": .flag, "help": .flag],
                                          allowed: ["a", "v", "b", "o", "f", "p", "d"], operands: .text)
        return table
    }()
}

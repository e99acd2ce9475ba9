import DocModel
import Foundation
import KeyPolicy
import Support

/// What a shell generator may run and what it draws from, read from its commands before it
/// runs: the allowlist and the options a generator needs, its random source, and the strength
/// of the key its pipeline makes.
public enum ShellGenerator {
    /// Whether a command reads a random source: `/dev/urandom`, `/dev/random`, or `openssl rand`.
    static func readsRandom(_ command: ShellCommand) -> Bool {
        if command.redirections.contains(where: { isRandomDevice($0.target) }) { return true }
        if command.words.dropFirst().contains(where: { word in randomDevices.contains { word.contains($0) } }) { return true }
        if command.name == "openssl" && command.words.dropFirst().first == "rand" { return true }
        return usesRandomAPI(command)
    }

    /// Programs that read the operating system's random source themselves: `uuidgen`, `pwgen`,
    /// Python's `secrets`/`os.urandom`, PHP's `random_bytes`/`random_int`. They make keys, so
    /// the block is a generator (which then needs them on its allowlist).
    static func usesRandomAPI(_ command: ShellCommand) -> Bool {
        guard let name = command.name else { return false }
        if ["uuidgen", "pwgen", "apg"].contains(name) { return true }
        let code = command.words.dropFirst().joined(separator: " ")
        if name.hasPrefix("python") { return code.contains("secrets.") || code.contains("os.urandom") || code.contains("SystemRandom") }
        if name == "php" { return code.contains("random_bytes") || code.contains("random_int") || code.contains("openssl_random_pseudo_bytes") }
        if name == "node" { return code.contains("randomBytes") || code.contains("getRandomValues") || code.contains("randomUUID") }
        return false
    }

    /// Where a generator may send output besides the standard streams.
    static let writable: Set<String> = ["/dev/null", "/dev/stdout", "/dev/stderr"]

    /// Why a command must not run even though its name is allowed: it opens a network
    /// connection, writes a file, or hides what it runs. Generators read random bytes and print
    /// a key, nothing more. Under `--sandbox none` this is the only barrier, so it errs on the
    /// side of refusing.
    static func refusal(_ command: ShellCommand) -> String? {
        if let concern = command.concerns.first { return concern }
        let targets = command.words + command.redirections.map(\.target) + command.assignments
        if targets.contains(where: { $0.contains("/dev/tcp/") || $0.contains("/dev/udp/") }) {
            return "opens a network connection (/dev/tcp or /dev/udp); generators must not use the network"
        }
        for redirection in command.redirections {
            let duplicate = redirection.op.hasSuffix("&") && !redirection.target.isEmpty
                && redirection.target.allSatisfy { $0.isNumber || $0 == "-" }
            if duplicate || redirection.op.hasPrefix("<<") { continue }
            // A target the shell computes (`> $f`, `< $(...)`, a glob) is not known until it runs.
            if redirection.target.contains(where: { "$`*?[]{}~".contains($0) }) || redirection.target.isEmpty {
                return "redirects to '\(redirection.target)', a name the shell computes; generators name their files"
            }
            let writes = redirection.op.contains(">") || redirection.op.hasSuffix("&")
            if writes && !writable.contains(redirection.target) {
                return "writes to '\(redirection.target)'; a generator prints its key and writes no file"
            }
        }
        guard let name = command.name else { return nil }
        return optionRefusal(name, Array(command.words.dropFirst()))
    }

    /// Why a generator must not run `name` with `arguments`, read as the program reads them: an
    /// option a generator does not need, a file other than the random source, a clock to set.
    static func optionRefusal(_ name: String, _ arguments: [String]) -> String? {
        guard var grammar = CommandGrammar.commands[name] else { return nil }
        var parsed = grammar.parse(arguments)
        var program = name
        if grammar.operands == .subcommand {
            if let problem = parsed.problem { return problem + "; generators use openssl's subcommands without options before them" }
            guard let sub = parsed.operands.first, let inner = CommandGrammar.openssl[sub] else {
                return "runs 'openssl \(parsed.operands.first ?? "")'; generators may use openssl "
                    + CommandGrammar.openssl.keys.sorted().joined(separator: ", ")
            }
            grammar = inner
            parsed = inner.parse(Array(parsed.operands.dropFirst()))
            program = "openssl " + sub
        }
        if let problem = parsed.problem { return "\(problem); a generator uses only options keydocs knows" }
        if let option = grammar.refused(parsed).first {
            let shown = option.written.contains("=") || option.value == nil ? option.written : option.written + " " + (option.value ?? "")
            return "uses '\(shown)' (\(program)'s option \(option.name.count == 1 && grammar.style == .gnu ? "-" : "--")\(option.name)), "
                + "which a generator does not need: it prints its key and reads, writes or sets nothing else"
        }
        switch grammar.operands {
        case .files:
            if let file = parsed.operands.first(where: { $0 != "-" && !randomSources.contains($0) }) {
                return "reads '\(file)'; a generator reads only \(randomSources.sorted().joined(separator: " or ")), "
                    + "so that what it prints does not depend on the machine it runs on"
            }
        case .dateFormat:
            if let setting = parsed.operands.first(where: { !$0.hasPrefix("+") }) {
                return "is given '\(setting)', which sets the system clock; a generator prints its key"
            }
        case .text, .subcommand:
            break
        }
        return nil
    }

    /// The variable that carries a generated key into a cv command of the same block
    /// (`KEY=$(…)` then `cv … api_key="$KEY"`), and the line of the first cv command: only the
    /// commands before it make the key.
    static func keyVariable(_ commands: [ShellCommand]) -> (String, Int)? {
        guard let first = commands.first(where: { $0.name == "cv" }) else { return nil }
        var assigned: Set<String> = []
        for command in commands where command.line < first.line {
            for assignment in command.assignments {
                if let name = assignment.split(separator: "=", maxSplits: 1).first { assigned.insert(String(name)) }
            }
        }
        for sink in commands where sink.name == "cv" {
            for word in sink.words where word.lowercased().contains("api_key") || word.hasPrefix("value=") {
                if let name = expandedVariables(word).first(where: assigned.contains) { return (name, first.line) }
            }
        }
        return nil
    }

    /// The files a generator may read.
    static let randomSources: Set<String> = ["/dev/urandom", "/dev/random"]

    /// Why a generator's output could depend on where it runs rather than on its random source:
    /// a command that runs only when another succeeded or failed (`&&`, `||`), a variable the
    /// block does not set (the environment, `$$`, `$?`), or a file read through a redirection.
    /// (A key written into the command is then printed by every run, which the runs find.)
    static func dependence(_ commands: [ShellCommand]) -> (ShellCommand, String)? {
        var assigned: Set<String> = []
        for command in commands {
            if let op = command.followedBy, op == "&&" || op == "||" {
                return (command, "is followed by '\(op)', so what runs next depends on whether it succeeded: "
                        + "a generator runs the same commands everywhere")
            }
            for assignment in command.assignments {
                if let name = assignment.split(separator: "=", maxSplits: 1).first { assigned.insert(String(name)) }
            }
            if let name = command.name, ["read", "export", "local", "declare", "typeset"].contains(name) {
                for word in command.words.dropFirst() where !word.hasPrefix("-") {
                    if let variable = word.split(separator: "=", maxSplits: 1).first { assigned.insert(String(variable)) }
                }
            }
            let texts = command.words + command.redirections.map(\.target)
                + command.assignments.map { String($0.drop { $0 != "=" }) }
            // Only a plain ${NAME}: bash's operators in braces (`${v@P}` runs what the value
            // holds, `${!v}` reads a variable the value names, `${v:-…}` branches on it) make what
            // runs depend on values the text does not show.
            if let braced = texts.lazy.compactMap(operatorExpansion).first {
                return (command, "uses '\(braced.prefix(40))', an expansion with an operator, which bash evaluates at run "
                        + "time; a generator uses plain $NAME and ${NAME}")
            }
            for text in texts {
                for variable in expandedVariables(text) where !assigned.contains(variable) {
                    return (command, "uses '$\(variable)', which the block does not set: its value comes from where the "
                            + "command runs, and a generator's key comes only from its random source")
                }
            }
            for redirection in command.redirections where redirection.op == "<" || redirection.op == "0<" || redirection.op == "<>" {
                if !randomSources.contains(redirection.target) && !redirection.target.contains("$(") {
                    return (command, "reads '\(redirection.target)'; a generator reads only "
                            + randomSources.sorted().joined(separator: " or "))
                }
            }
        }
        return nil
    }

    /// The first `${…}` in `word` that is not a plain `${NAME}`, or nil.
    static func operatorExpansion(_ word: String) -> String? {
        var rest = Substring(word)
        while let open = rest.range(of: "${") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { return String(rest[open.lowerBound...]) }
            let inner = after[..<close]
            let plain = !inner.isEmpty && inner.first.map { $0 == "_" || $0.isLetter } == true
                && inner.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            if !plain { return String(rest[open.lowerBound...close]) }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    /// The names of the variables a word expands (`$HOME`, `${PATH}`, `$1`, `$$`), not counting
    /// command substitutions and arithmetic, whose commands are checked on their own.
    static func expandedVariables(_ word: String) -> [String] {
        var names: [String] = []
        let chars = Array(word.unicodeScalars)
        var k = 0
        while k < chars.count {
            defer { k += 1 }
            guard chars[k] == "$", k + 1 < chars.count else { continue }
            let next = chars[k + 1]
            if next == "(" { continue }
            var j = k + 1
            if next == "{" { j += 1 }
            guard j < chars.count else { continue }
            if "$?!#@*-0123456789".unicodeScalars.contains(chars[j]) {
                names.append(String(chars[j]))
                continue
            }
            var name = ""
            while j < chars.count, chars[j] == "_" || chars[j].properties.isAlphabetic || ("0"..."9").contains(chars[j]) {
                name.unicodeScalars.append(chars[j])
                j += 1
            }
            if !name.isEmpty { names.append(name) }
        }
        return names
    }

    /// The most random bits the key can carry: followed along each pipeline that prints to the
    /// key (pipelines whose output goes elsewhere give it nothing), from what its source reads
    /// through what each stage can pass on (a hash its size, `head -c`, `tail -c` and `cut -c`
    /// their characters at the bits a character of their input carries), summed over the
    /// pipelines. Infinite when a source is unbounded and nothing bounds it; nil when a stage
    /// is one this does not know, or a word is computed at run time.
    public static func keyBits(_ commands: [ShellCommand]) -> Double? {
        var total = 0.0
        var stream = Stream()
        for command in commands {
            guard let next = stream.through(command) else { return nil }
            stream = next
            if command.followedBy == "|" || command.followedBy == "|&" { continue }
            if !command.printsElsewhere { total += stream.random ? stream.bits : 0 }
            stream = Stream()
        }
        return total
    }

    /// What flows through a pipeline: the most random bits it can hold, the bits one of its
    /// characters carries, and whether any of it came from a random source.
    struct Stream {
        var bits = 0.0
        var perCharacter = 8.0
        var random = false

        /// The stream after `command`, or nil when the command is not one this can follow.
        func through(_ command: ShellCommand) -> Stream? {
            guard let name = command.name, !command.words.contains(where: { $0.contains("$") || $0.contains("`") }) else { return nil }
            let arguments = Array(command.words.dropFirst())
            let fromDevice = command.redirections.contains { $0.op == "<" && ShellGenerator.isRandomDevice($0.target) }
                || arguments.contains(where: ShellGenerator.isRandomDevice)
            var next = self
            func source(bytes: Double, perCharacter: Double) {
                next = Stream(bits: bytes * 8, perCharacter: perCharacter, random: true)
            }
            func keep(characters: Int?) {
                guard let characters else { return }
                next.bits = min(next.bits, Double(characters) * next.perCharacter)
            }
            func number(after option: String) -> Int? { ShellGenerator.number(after: option, in: arguments) }
            switch name {
            case "head", "tail":
                if fromDevice {
                    if let count = number(after: "-c") {
                        source(bytes: Double(count), perCharacter: 8)
                    } else {
                        // Lines of random bytes may be their line breaks alone: as likely as one byte each.
                        source(bytes: Double(number(after: "-n") ?? 10), perCharacter: 8)
                    }
                } else if let count = number(after: "-c") {
                    keep(characters: count)
                }
            case "cut":
                if let list = arguments.firstIndex(where: { $0.hasPrefix("-c") || $0.hasPrefix("-b") }).flatMap({ k -> String? in
                    let word = arguments[k]
                    return word.count > 2 ? String(word.dropFirst(2)) : (k + 1 < arguments.count ? arguments[k + 1] : nil)
                }) {
                    keep(characters: ShellGenerator.width(ofList: list))
                }
            case "od":
                guard fromDevice else { next.perCharacter = min(next.perCharacter, 4); break }
                if let count = number(after: "-N") { source(bytes: Double(count), perCharacter: 4) } else { next = Stream(bits: .infinity, perCharacter: 4, random: true) }
            case "xxd":
                guard fromDevice else { next.perCharacter = min(next.perCharacter, 4); break }
                if let count = number(after: "-l") { source(bytes: Double(count), perCharacter: 4) } else { next = Stream(bits: .infinity, perCharacter: 4, random: true) }
            case "openssl":
                guard arguments.first == "rand", let count = arguments.dropFirst().last(where: { !$0.hasPrefix("-") }).flatMap({ Int($0) }) else { return nil }
                source(bytes: Double(count), perCharacter: arguments.contains("-hex") ? 4 : arguments.contains("-base64") ? 6 : 8)
            case "base64":
                next.perCharacter = arguments.contains(where: { $0 == "-d" || $0 == "--decode" }) ? 8 : min(next.perCharacter, 6)
            case "tr":
                let flags = arguments.prefix { $0.hasPrefix("-") }.joined()
                let sets = arguments.drop { $0.hasPrefix("-") }
                if flags.contains("d") && flags.contains("c"), let kept = sets.first {
                    let characters = Double(max(1, ShellGenerator.characterCount(ofSet: kept)))
                    if fromDevice { next = Stream(bits: .infinity, perCharacter: log2(characters), random: true) } else { next.perCharacter = min(next.perCharacter, log2(characters)) }
                } else if fromDevice {
                    next = Stream(bits: .infinity, perCharacter: 8, random: true)
                }
            case "sha256sum": next.bits = min(next.bits, 256); next.perCharacter = 4
            case "sha1sum": next.bits = min(next.bits, 160); next.perCharacter = 4
            case "md5sum": next.bits = min(next.bits, 128); next.perCharacter = 4
            case "sha512sum", "b2sum": next.bits = min(next.bits, 512); next.perCharacter = 4
            case "cat":
                if fromDevice { next = Stream(bits: .infinity, perCharacter: 8, random: true) }
            case "fold", "sort", "true", ":":
                break
            case "echo", "printf", "date":
                // They print their words or the time: nothing random of their own.
                next = Stream()
            default: return nil
            }
            return next
        }
    }

    /// The kernel's random sources.
    static let randomDevices = ["/dev/urandom", "/dev/random"]
    static func isRandomDevice(_ path: String) -> Bool { randomDevices.contains(path) }

    /// The number after `option` (`-c 32` or `-c32`), or nil.
    static func number(after option: String, in arguments: [String]) -> Int? {
        for (k, word) in arguments.enumerated() {
            if word == option, k + 1 < arguments.count { return Int(arguments[k + 1]) }
            if word.hasPrefix(option), word.count > option.count { return Int(word.dropFirst(option.count)) }
        }
        return nil
    }

    /// How many characters `cut`'s list keeps (`1-4`, `3`, `1,5-6`), or nil for an open range.
    static func width(ofList list: String) -> Int? {
        var total = 0
        for part in list.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            if ends.count == 1, Int(ends[0]) != nil { total += 1; continue }
            guard ends.count == 2, let last = Int(ends[1]) else { return nil }
            total += last - (Int(ends[0]) ?? 1) + 1
        }
        return total
    }

    /// How many characters a `tr` set names (`A-Za-z0-9` is 62).
    static func characterCount(ofSet set: String) -> Int {
        let scalars = Array(set.unicodeScalars)
        var chosen = Set<UInt32>()
        var k = 0
        while k < scalars.count {
            if k + 2 < scalars.count, scalars[k + 1] == "-", scalars[k].value <= scalars[k + 2].value {
                for v in scalars[k].value...scalars[k + 2].value { chosen.insert(v) }
                k += 3
            } else {
                chosen.insert(scalars[k].value)
                k += 1
            }
        }
        return chosen.count
    }

    /// Shell built-ins a generator may use besides the allowlist: they run nothing.
    static let harmless: Set<String> = ["true", ":", "export", "local", "read"]
}

import DocModel
import Foundation
import KeyPolicy
import Support

/// `cv` samples: split with shell rules, then held to cv's grammar, the entity and action
/// catalog, and Contact's fields; `api_key` values go through the key policy.
extension PageChecker {
    /// cv's commands besides the API ones, with their aliases (from cv's own command list).
    static let cvOtherCommands: Set<String> = [
        "alias:add", "alias:list", "ang:html:list", "ang:html:show", "ang:module:list", "api:batch", "cli", "console-queue:run-next",
        "core:check-req", "core:cron", "cron", "core:install", "core:uninstall", "event", "debug:event-dispatcher",
        "ext:disable", "dis", "ext:download", "dl", "ext:enable", "en", "ext:install", "ext:list", "ext", "ext:uninstall",
        "ext:upgrade-db", "flush", "http", "password-reset", "pw", "path", "php:boot", "php:eval", "ev", "php:script", "scr",
        "pipe", "service", "svc", "debug:container", "setting:get", "vget", "setting:revert", "vdel", "setting:set", "vset",
        "sql", "sql:cli", "status", "upgrade", "upgrade:db", "updb", "upgrade:dl", "upgrade:get", "upgrade:report", "url", "open",
        "vars:edit", "vars:fill", "vars:show", "help", "list", "login", "completion",
    ]

    /// Shell commands that are not a key generator: never run; their `cv` commands are checked
    /// like a cv block's. A block with no `cv` command is not about keys.
    mutating func checkCommand(_ sample: Sample) -> BlockResult {
        let text = Classifier.placeholdersAsWords(ShellSyntax.commandLines(sample.text))
        // curl and wget commands: the keys in their URLs and headers.
        let mentions = checkKeyMentions(sample)
        guard let commands = try? ShellSyntax.parse(text) else {
            if mentions { return .checked("shell commands; the keys they carry are checked") }
            return .notAboutKeys("shell commands, not about keys (not parsed)")
        }
        let cvCommands = commands.filter { $0.name == "cv" }
        guard !cvCommands.isEmpty else {
            if mentions { return .checked("shell commands; the keys they carry are checked") }
            return .notAboutKeys("shell commands, not about keys")
        }
        let calls = cvCommands.compactMap { checkCvCommand($0, sample: sample, stdin: Self.piped(into: $0, in: commands)) }
        return .checked("shell commands; cv checked: " + calls.joined(separator: ", "))
    }

    mutating func checkCv(_ sample: Sample) -> BlockResult {
        let commands: [ShellCommand]
        do { commands = try ShellSyntax.parse(Classifier.placeholdersAsWords(ShellSyntax.commandLines(sample.text))) } catch {
            report(.cvSyntax, at: sample.location(ofLine: error.line), "cannot parse the command: \(error.message)")
            return .failed
        }
        var calls: [String] = []
        let cvCommands = commands.filter { $0.name == "cv" }
        for command in cvCommands {
            if let call = checkCvCommand(command, sample: sample, stdin: Self.piped(into: command, in: commands)) { calls.append(call) }
        }
        guard !cvCommands.isEmpty else {
            report(.cvSyntax, at: sample.location, "the block holds no cv command")
            return .failed
        }
        return .checked("valid cv \(noun("command", for: calls.count)): " + calls.joined(separator: ", "))
    }

    /// What `command` reads on its standard input when the block shows it: the text an `echo`
    /// or `printf` before it in a pipeline prints, or a here-string.
    static func piped(into command: ShellCommand, in commands: [ShellCommand]) -> String? {
        if let here = command.redirections.first(where: { $0.op == "<<<" }) { return here.target }
        guard let index = commands.firstIndex(of: command), index > 0 else { return nil }
        let before = commands[index - 1]
        guard before.followedBy == "|", let name = before.name, name == "echo" || name == "printf" else { return nil }
        return before.words.dropFirst().last { !$0.hasPrefix("-") || $0.count == 1 }
    }

    /// Checks one `cv` command; returns what it calls. `stdin` is what the block shows it reads
    /// on standard input, which `--in=json` makes its parameters (as cv reads them).
    mutating func checkCvCommand(_ command: ShellCommand, sample: Sample, stdin: String? = nil) -> String? {
        let at = sample.location(ofLine: command.line)
        var words = Array(command.words.dropFirst())
        // Global options before the subcommand.
        while let first = words.first, first.hasPrefix("-") {
            words.removeFirst()
            if ["-U", "--user", "--level", "--cwd", "--url", "-l"].contains(first), !words.isEmpty { words.removeFirst() }
        }
        guard let sub = words.first else {
            report(.cvSyntax, at: at, "cv needs a subcommand, such as api or api4")
            return nil
        }
        words.removeFirst()
        // `--in=json`: cv takes the parameters from standard input and ignores the other words.
        if ["api", "api3", "api4"].contains(sub), let at = words.firstIndex(where: { $0 == "--in=json" || $0 == "--in" }),
           words[at] == "--in=json" || (at + 1 < words.count && words[at + 1] == "json") {
            guard let call = words.first(where: { !$0.hasPrefix("-") && $0.contains(".") }) else { return nil }
            guard let stdin else { return "cv \(sub) \(call) (its parameters come from standard input, which the block does not show)" }
            guard let object = PHPJSON.decode(stdin) as? [String: Any] else {
                report(.cvJson, at: sample.location(ofLine: command.line), "the parameters on standard input are not valid JSON "
                       + "as PHP's json_decode reads it")
                return nil
            }
            if sub == "api4" {
                words = [call, stdin]
            } else {
                words = [call] + object.sorted { $0.key < $1.key }.map { key, value in
                    "\(key)=" + ((value as? String) ?? (value as? NSNumber)?.stringValue ?? "")
                }
            }
        }
        switch sub {
        case "api", "api3": return checkApi3(words, at: at)
        case "api4": return checkApi4(words, at: at)
        default:
            if Self.cvOtherCommands.contains(sub) { return "cv \(sub)" }
            report(.cvCommand, at: at, "'cv \(sub)' is not a cv command keydocs knows; cv api, api3 and api4 are checked")
            return nil
        }
    }

    private func splitCall(_ word: String) -> (entity: String, action: String)? {
        let parts = word.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    // MARK: - APIv3

    private mutating func checkApi3(_ args: [String], at: SourceLocation) -> String? {
        var words = args.filter { !$0.hasPrefix("-") }
        guard !words.isEmpty, let call = splitCall(words.removeFirst()) else {
            report(.cvSyntax, at: at, "cv api needs ENTITY.ACTION, such as contact.create")
            return nil
        }
        // CiviCRM has hundreds of entities, each with actions of its own (Job.execute): only
        // Contact, which holds the key, is held to a catalog.
        guard let entity = CvCatalog.entity(v3: call.entity), entity == "Contact" else {
            if CvCatalog.misspellsContact(call.entity) {
                report(.cvEntity, at: at, "'\(call.entity)' is not an API entity; did you mean Contact?")
                return nil
            }
            return "\(call.entity).\(call.action) (APIv3, not about keys)"
        }
        let action = call.action.lowercased()
        guard CvCatalog.actionsV3.contains(action) || CvCatalog.contactActionsV3.contains(action) else {
            report(.cvAction, at: at, "'\(call.action)' is not an APIv3 action of Contact (such as get, create, delete)")
            return nil
        }
        var params: [String: String] = [:]
        for word in words {
            guard let eq = word.firstIndex(of: "=") else {
                report(.cvSyntax, at: at, "'\(word)' is not key=value: cv api takes parameters as key=value")
                continue
            }
            let key = String(word[..<eq]), value = String(word[word.index(after: eq)...])
            params[key] = value
            // `api.Email.create` chains a call; any other key (`apikey` too) must be a field.
            guard entity == "Contact", !key.contains("."), !(action == "setvalue" && ["field", "value"].contains(key)) else { continue }
            guard let field = CvCatalog.contactFields[key] ?? CvCatalog.contactV3Extras[key] else {
                report(.cvField, at: at, "Contact has no field '\(key)'")
                continue
            }
            checkValue(value, field: field, version: 3, at: at)
        }
        // setvalue: `field` names the field and `value` is its value (the key, for api_key).
        if action == "setvalue", let name = params["field"] {
            if let field = CvCatalog.contactFields[name] {
                if let value = params["value"] { checkValue(value, field: field, version: 3, at: at) }
            } else if !name.contains(".") {
                report(.cvField, at: at, "Contact has no field '\(name)'")
            }
        }
        if entity == "Contact" && action == "create" && params["id"] == nil && params["contact_id"] == nil && params["contact_type"] == nil {
            report(.cvRequired, at: at, "Contact.create without id makes a new contact and needs contact_type "
                   + "(to give an existing contact a key, pass id=N)")
        }
        return "\(entity).\(action) (APIv3)"
    }

    // MARK: - APIv4

    /// What the parameters of a `cv api4` call say, as they are read.
    private struct Api4Parameters {
        /// A where clause was given (`+w`, or `where` in the parameters).
        var hasWhere = false
        /// The values the call sets, by field.
        var values: [String: String] = [:]
    }

    /// cv api4's shortcuts, each under its short and long name, and the word each needs after it.
    private enum Api4Shortcut {
        case select, `where`, value, orderBy, limit

        static let named: [String: Api4Shortcut] = [
            "+s": .select, "+select": .select, "+w": .where, "+where": .where, "+v": .value, "+value": .value,
            "+o": .orderBy, "+orderBy": .orderBy, "+l": .limit, "+limit": .limit,
        ]

        /// What the word after the shortcut must be, as the error says it.
        var needs: String {
            switch self {
            case .select: "a list of fields"
            case .where: "a condition such as 'id = 100'"
            case .value: "field=value"
            case .orderBy: "a field"
            case .limit: "N or N@offset"
            }
        }

        /// Whether `argument` is what the shortcut needs.
        func accepts(_ argument: String) -> Bool {
            switch self {
            case .select, .where, .orderBy: true
            case .value: argument.contains("=")
            case .limit: argument.split(separator: "@").allSatisfy { Int($0) != nil }
            }
        }
    }

    private mutating func checkApi4(_ args: [String], at: SourceLocation) -> String? {
        var words = args.filter { !$0.hasPrefix("--") }
        guard !words.isEmpty, let call = splitCall(words.removeFirst()) else {
            report(.cvSyntax, at: at, "cv api4 needs Entity.action, such as Contact.update")
            return nil
        }
        // APIv4 entity names are case-sensitive: `contact` is a mistake worth saying; other
        // entities are not about keys.
        if call.entity != "Contact" && (call.entity.lowercased() == "contact" || CvCatalog.misspellsContact(call.entity)) {
            report(.cvEntity, at: at, "'\(call.entity)' is not an APIv4 entity (APIv4 spells it Contact)")
            return nil
        }
        guard call.entity == "Contact" || ["Individual", "Organization", "Household"].contains(call.entity) else {
            return "\(call.entity).\(call.action) (APIv4, not about keys)"
        }
        guard CvCatalog.actionsV4.contains(call.action) else {
            report(.cvAction, at: at, "'\(call.action)' is not an APIv4 action of Contact (such as get, create, update, delete)")
            return nil
        }
        let isContact = call.entity == "Contact"
        let parameters = readApi4Parameters(Self.detachingShortcuts(words), isContact: isContact, at: at)
        if isContact {
            for (key, value) in parameters.values.sorted(by: { $0.key < $1.key }) {
                guard let field = CvCatalog.contactFields[key] else { report(.cvField, at: at, "Contact has no field '\(key)'"); continue }
                checkValue(value, field: field, version: 4, at: at)
            }
        }
        checkApi4Requirements(call, parameters, at: at)
        return "\(call.entity).\(call.action) (APIv4)"
    }

    /// The words of a call with each shortcut that has its expression attached (`+w:id=100`,
    /// `+v=api_key=KEY`, which cv also takes) split in two.
    private static func detachingShortcuts(_ words: [String]) -> [String] {
        words.flatMap { word -> [String] in
            guard word.hasPrefix("+"), let cut = word.dropFirst().firstIndex(where: { $0 == ":" || $0 == "=" }),
                  word[word.index(after: word.startIndex)..<cut].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return [word] }
            return [String(word[..<cut]), String(word[word.index(after: cut)...])]
        }
    }

    /// Reads a call's parameters: shortcuts with the word after each, a JSON object of them all,
    /// and key=value words; Contact's fields are checked as they are named.
    private mutating func readApi4Parameters(_ words: [String], isContact: Bool, at: SourceLocation) -> Api4Parameters {
        var parameters = Api4Parameters()
        var i = 0
        while i < words.count {
            let word = words[i]
            if let shortcut = Api4Shortcut.named[word] {
                i += 1
                if i < words.count, shortcut.accepts(words[i]) {
                    applyShortcut(shortcut, words[i], isContact: isContact, to: &parameters, at: at)
                } else {
                    report(.cvSyntax, at: at, "\(word) needs \(shortcut.needs)")
                }
            } else if word.hasPrefix("+") {
                report(.cvSyntax, at: at, "'\(word)' is not a cv api4 shortcut (+s, +w, +v, +o, +l)")
            } else if word.hasPrefix("{") {
                // All parameters as one JSON object, as the API Explorer writes them.
                if let object = PHPJSON.decode(word) as? [String: Any] {
                    for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                        let text = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))
                            .map { String(decoding: $0, as: UTF8.self) } ?? ""
                        apiParameter(key, text, isContact: isContact, to: &parameters, at: at)
                    }
                } else {
                    report(.cvJson, at: at, "the parameters are not valid JSON as PHP's json_decode reads it")
                }
            } else if let eq = word.firstIndex(of: "=") {
                let key = String(word[..<eq]), value = String(word[word.index(after: eq)...])
                apiParameter(key, value, isContact: isContact, to: &parameters, at: at)
            } else {
                report(.cvSyntax, at: at, "'\(word)' is neither a shortcut nor key=value")
            }
            i += 1
        }
        return parameters
    }

    /// What a shortcut with its word says: the fields it selects, the condition, a value set.
    private mutating func applyShortcut(_ shortcut: Api4Shortcut, _ argument: String, isContact: Bool,
                                        to parameters: inout Api4Parameters, at: SourceLocation) {
        switch shortcut {
        case .select:
            if isContact { for field in argument.split(separator: ",") { knownField(String(field).trimmingCharacters(in: .whitespaces), at: at) } }
        case .where:
            parameters.hasWhere = true
            if isContact { checkWhere(argument, at: at) }
        case .value:
            // cv reads `field = value` with spaces around the `=` too.
            guard let eq = argument.firstIndex(of: "=") else { return }
            let field = argument[..<eq].trimmingCharacters(in: .whitespaces)
            var value = String(argument[argument.index(after: eq)...]).trimmingCharacters(in: .init(charactersIn: " \t"))
            // cv decodes a +v value that starts like JSON (a quoted string, an object, a list,
            // and a single quote, which json_decode then refuses).
            if let first = value.first, "\"{['".contains(first) {
                if let decoded = PHPJSON.decode(value) {
                    value = (decoded as? String) ?? value
                } else {
                    report(.cvJson, at: at, "the value of '\(field)' starts like JSON but is not valid JSON as PHP's json_decode reads it")
                }
            }
            parameters.values[field] = value
        case .orderBy, .limit:
            break
        }
    }

    /// What APIv4 requires of an update, a delete and a create.
    private mutating func checkApi4Requirements(_ call: (entity: String, action: String), _ parameters: Api4Parameters,
                                                at: SourceLocation) {
        let isContact = call.entity == "Contact"
        let values = parameters.values
        // DAOUpdateAction: "where is required unless an id is supplied in values".
        if call.action == "update" && !parameters.hasWhere && values["id"] == nil || call.action == "delete" && !parameters.hasWhere {
            report(.cvRequired, at: at, "\(call.entity).\(call.action) needs a where clause, such as +w 'id = 100'"
                   + (call.action == "update" ? " (or an id in its values)" : ""))
        }
        if isContact && call.action == "create" && values["id"] != nil {
            report(.cvRequired, at: at, "APIv4's create refuses an id (\"Cannot pass id to Create action. Use Update action "
                   + "instead.\"): use Contact.update +w 'id = \(values["id"] ?? "N")' +v …")
        }
        if isContact && call.action == "create" && values["id"] == nil && values["api_key"] != nil {
            report(.cvRequired, at: at, "Contact.create makes a new contact (APIv4 gives it contact_type Individual), "
                   + "it does not give an existing one a key: use Contact.update +w 'id = N' +v api_key=…")
        }
    }

    private mutating func apiParameter(_ key: String, _ value: String, isContact: Bool, to parameters: inout Api4Parameters,
                                       at: SourceLocation) {
        let json = value.first.map { "{[\"'".contains($0) } ?? false
        var parsed: Any?
        if json {
            parsed = PHPJSON.decode(value)
            if parsed == nil { report(.cvJson, at: at, "the value of '\(key)' starts like JSON but is not valid JSON as PHP's json_decode reads it") }
        }
        switch key {
        case "where":
            parameters.hasWhere = true
            if let clauses = parsed as? [[Any]], isContact {
                for clause in clauses {
                    if let field = clause.first as? String { knownField(field, at: at) }
                }
            }
        case "values":
            if let object = parsed as? [String: Any] {
                for (field, v) in object { parameters.values[field] = (v as? String) ?? "\(v)" }
            } else if !json {
                report(.cvType, at: at, "values must be a JSON object, such as values='{\"api_key\":\"...\"}'")
            }
        case "select", "orderBy", "limit", "offset", "checkPermissions", "join", "groupBy", "having", "chain", "language", "match", "records", "defaults", "reload":
            break
        default:
            report(.cvParameter, at: at, "'\(key)' is not an APIv4 parameter (where, values, select, orderBy, limit…)")
        }
    }

    private mutating func knownField(_ name: String, at: SourceLocation) {
        let base = name.split(separator: ".").first.map(String.init) ?? name
        if base != "*" && CvCatalog.contactFields[base] == nil && !base.hasPrefix("email") && !base.contains(":") {
            report(.cvField, at: at, "Contact has no field '\(name)'")
        }
    }

    private mutating func checkWhere(_ clause: String, at: SourceLocation) {
        let operators = [" NOT LIKE ", " LIKE ", " NOT IN ", " IN ", " IS NOT NULL", " IS NULL", "<=", ">=", "!=", "<>", "=", "<", ">"]
        for op in operators {
            guard let range = clause.range(of: op, options: .caseInsensitive) else { continue }
            let field = clause[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            var value = clause[range.upperBound...].trimmingCharacters(in: .whitespaces)
            knownField(field, at: at)
            if value.count >= 2, let q = value.first, q == "'" || q == "\"", value.last == q { value = String(value.dropFirst().dropLast()) }
            if let f = CvCatalog.contactFields[field], !value.isEmpty, !op.contains("IN"), !op.contains("LIKE") {
                checkValue(value, field: f, version: 4, at: at)
            }
            return
        }
        report(.cvSyntax, at: at, "'\(clause)' is not a condition of the form 'field OP value', such as 'id = 100'")
    }

    // MARK: - Values

    private mutating func checkValue(_ value: String, field: CvCatalog.Field, version: Int, at: SourceLocation) {
        if Placeholder.inCommand(value) || Placeholder.inSQL(value) || (field.name == "api_key" && Placeholder.standsForKey(value)) {
            if field.name == "api_key", SQLTemplate.asksToMakeUp(value) { reportMadeUp(value, at: at) }
            return
        }
        switch field.type {
        case .id:
            // `@user:NAME` is cv's way to name the contact of a CMS user.
            if value.hasPrefix("@user:") && value.count > 6 { return }
            if Int(value).map({ $0 <= 0 }) ?? true {
                report(.cvType, at: at, "\(field.name) must be a positive whole number, not '\(value)'")
            }
        case .integer:
            if Int(value) == nil { report(.cvType, at: at, "\(field.name) must be a whole number, not '\(value)'") }
        case .boolean:
            if !["0", "1", "true", "false"].contains(value.lowercased()) {
                report(.cvType, at: at, "\(field.name) must be 0 or 1, not '\(value)'")
            }
        case .choice(let options):
            if !options.contains(value) {
                report(.cvType, at: at, "\(field.name) must be one of \(options.joined(separator: ", ")), not '\(value)'")
            }
        case .date:
            if value.first?.isNumber != true && !["now", "today"].contains(value.lowercased()) {
                report(.cvType, at: at, "\(field.name) must be a date, not '\(value)'")
            }
        case .text(let maxLength):
            if field.name == "api_key" {
                checkApiKey(value, version: version, at: at)
            } else if value.count > maxLength {
                report(.cvTooLong, at: at, "\(field.name) is \(value.count) characters; the field holds \(maxLength)")
            }
        case .longText:
            break
        }
    }

    private mutating func checkApiKey(_ key: String, version: Int, at: SourceLocation) {
        let length = key.unicodeScalars.count, capacity = validator.policy.storage.capacity
        // What cv does with a key too long for the column, in the words of the API version used.
        reportKey(key, at: at, "api_key: ") { finding in
            guard finding.rule == .tooLong else { return nil }
            return version == 3
                ? "cv api fails: \"Value for api_key is \(length) characters - This field has a maxlength of \(capacity) characters.\" (APIv3 error 2100)"
                : "the key is \(length) characters; APIv4 saves only its first \(capacity - 3) characters plus \"...\", silently, and the saved key no longer matches"
        }
        assigned(key, at: at)
    }
}

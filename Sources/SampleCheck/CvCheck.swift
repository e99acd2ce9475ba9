import DocModel
import Foundation
import KeyPolicy

/// `cv` samples: split with shell rules, then held to cv's grammar, the entity and action
/// catalog, and Contact's fields; `api_key` values go through the key policy.
extension PageChecker {
    static let cvOtherCommands: Set<String> = [
        "ev", "php:eval", "scr", "php:script", "flush", "ext:enable", "en", "ext:disable", "dis", "ext:list", "ext:download",
        "vget", "vset", "url", "path", "status", "setting:get", "setting:set", "debug:container", "upgrade:db", "core:check-req",
    ]

    mutating func checkCv(_ sample: Sample) -> String {
        let commands: [ShellCommand]
        do { commands = try ShellSyntax.parse(ShellSyntax.commandLines(sample.text)) } catch {
            report("cv.syntax", at: sample.location(ofLine: error.line), "cannot parse the command: \(error.message)")
            return ""
        }
        var calls: [String] = []
        let cvCommands = commands.filter { $0.name == "cv" }
        for command in cvCommands {
            if let call = checkCvCommand(command, sample: sample) { calls.append(call) }
        }
        guard !cvCommands.isEmpty else {
            report("cv.syntax", at: sample.location, "the block holds no cv command")
            return ""
        }
        return "valid cv command" + (calls.count > 1 ? "s" : "") + ": " + calls.joined(separator: ", ")
    }

    /// Checks one `cv` command; returns what it calls.
    private mutating func checkCvCommand(_ command: ShellCommand, sample: Sample) -> String? {
        let at = sample.location(ofLine: command.line)
        var words = Array(command.words.dropFirst())
        // Global options before the subcommand.
        while let first = words.first, first.hasPrefix("-") {
            words.removeFirst()
            if ["-U", "--user", "--level", "--cwd", "--url", "-l"].contains(first), !words.isEmpty { words.removeFirst() }
        }
        guard let sub = words.first else {
            report("cv.syntax", at: at, "cv needs a subcommand, such as api or api4")
            return nil
        }
        words.removeFirst()
        switch sub {
        case "api", "api3": return checkApi3(words, at: at)
        case "api4": return checkApi4(words, at: at)
        default:
            if Self.cvOtherCommands.contains(sub) { return "cv \(sub)" }
            report("cv.command", at: at, "'cv \(sub)' is not a cv command keydocs knows; cv api, api3 and api4 are checked")
            return nil
        }
    }

    private func splitCall(_ word: String) -> (entity: String, action: String)? {
        let parts = word.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func isPlaceholder(_ value: String) -> Bool {
        value.hasPrefix("$") || (value.hasPrefix("<") && value.hasSuffix(">")) || (value.hasPrefix("{") && value.hasSuffix("}") && !value.contains("\""))
            || value.hasPrefix("YOUR") || value == "..." || value.hasPrefix("KEY")
    }

    // MARK: - APIv3

    private mutating func checkApi3(_ args: [String], at: SourceLocation) -> String? {
        var words = args.filter { !$0.hasPrefix("-") }
        guard !words.isEmpty, let call = splitCall(words.removeFirst()) else {
            report("cv.syntax", at: at, "cv api needs ENTITY.ACTION, such as contact.create")
            return nil
        }
        guard let entity = CvCatalog.entity(v3: call.entity) else {
            report("cv.entity", at: at, "'\(call.entity)' is not an API entity")
            return nil
        }
        let action = call.action.lowercased()
        guard CvCatalog.actionsV3.contains(action) else {
            report("cv.action", at: at, "'\(call.action)' is not an APIv3 action (such as get, create, delete)")
            return nil
        }
        var params: [String: String] = [:]
        for word in words {
            guard let eq = word.firstIndex(of: "=") else {
                report("cv.syntax", at: at, "'\(word)' is not key=value: cv api takes parameters as key=value")
                continue
            }
            let key = String(word[..<eq]), value = String(word[word.index(after: eq)...])
            params[key] = value
            guard entity == "Contact", !key.contains("."), !key.hasPrefix("api") || key == "api_key" else { continue }
            guard let field = CvCatalog.contactFields[key] ?? CvCatalog.contactV3Extras[key] else {
                report("cv.field", at: at, "Contact has no field '\(key)'")
                continue
            }
            checkValue(value, field: field, version: 3, at: at)
        }
        if entity == "Contact" && action == "create" && params["id"] == nil && params["contact_id"] == nil && params["contact_type"] == nil {
            report("cv.required", at: at, "Contact.create without id makes a new contact and needs contact_type "
                   + "(to give an existing contact a key, pass id=N)")
        }
        return "\(entity).\(action) (APIv3)"
    }

    // MARK: - APIv4

    private mutating func checkApi4(_ args: [String], at: SourceLocation) -> String? {
        var words = args.filter { !$0.hasPrefix("--") }
        guard !words.isEmpty, let call = splitCall(words.removeFirst()) else {
            report("cv.syntax", at: at, "cv api4 needs Entity.action, such as Contact.update")
            return nil
        }
        guard CvCatalog.entities.contains(call.entity) else {
            let hint = CvCatalog.entity(v3: call.entity).map { " (APIv4 spells it \($0))" } ?? ""
            report("cv.entity", at: at, "'\(call.entity)' is not an APIv4 entity\(hint)")
            return nil
        }
        guard CvCatalog.actionsV4.contains(call.action) else {
            report("cv.action", at: at, "'\(call.action)' is not an APIv4 action (such as get, create, update, delete)")
            return nil
        }
        let isContact = call.entity == "Contact"
        var hasWhere = false, values: [String: String] = [:]
        var i = 0
        func next() -> String? {
            i += 1
            return i < words.count ? words[i] : nil
        }
        while i < words.count {
            let word = words[i]
            switch word {
            case "+s", "+select":
                guard let list = next() else { report("cv.syntax", at: at, "\(word) needs a list of fields"); break }
                if isContact { for field in list.split(separator: ",") { knownField(String(field).trimmingCharacters(in: .whitespaces), at: at) } }
            case "+w", "+where":
                guard let clause = next() else { report("cv.syntax", at: at, "\(word) needs a condition such as 'id = 100'"); break }
                hasWhere = true
                if isContact { checkWhere(clause, at: at) }
            case "+v", "+value":
                guard let pair = next(), let eq = pair.firstIndex(of: "=") else { report("cv.syntax", at: at, "\(word) needs field=value"); break }
                values[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            case "+o", "+orderBy":
                guard next() != nil else { report("cv.syntax", at: at, "\(word) needs a field"); break }
            case "+l", "+limit":
                guard let limit = next(), limit.split(separator: "@").allSatisfy({ Int($0) != nil }) else {
                    report("cv.syntax", at: at, "\(word) needs N or N@offset"); break
                }
            default:
                if word.hasPrefix("+") {
                    report("cv.syntax", at: at, "'\(word)' is not a cv api4 shortcut (+s, +w, +v, +o, +l)")
                } else if let eq = word.firstIndex(of: "=") {
                    let key = String(word[..<eq]), value = String(word[word.index(after: eq)...])
                    apiParameter(key, value, isContact: isContact, hasWhere: &hasWhere, values: &values, at: at)
                } else {
                    report("cv.syntax", at: at, "'\(word)' is neither a shortcut nor key=value")
                }
            }
            i += 1
        }
        if isContact {
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                guard let field = CvCatalog.contactFields[key] else { report("cv.field", at: at, "Contact has no field '\(key)'"); continue }
                checkValue(value, field: field, version: 4, at: at)
            }
        }
        if ["update", "delete"].contains(call.action) && !hasWhere {
            report("cv.required", at: at, "\(call.entity).\(call.action) needs a where clause, such as +w 'id = 100'")
        }
        if isContact && call.action == "create" && values["contact_type"] == nil {
            report("cv.required", at: at, "Contact.create needs contact_type (to give an existing contact a key, use Contact.update +w 'id = N')")
        }
        return "\(call.entity).\(call.action) (APIv4)"
    }

    private mutating func apiParameter(_ key: String, _ value: String, isContact: Bool, hasWhere: inout Bool,
                                       values: inout [String: String], at: SourceLocation) {
        let json = value.first.map { "{[\"'".contains($0) } ?? false
        var parsed: Any?
        if json {
            parsed = try? JSONSerialization.jsonObject(with: Data(value.utf8), options: [.fragmentsAllowed])
            if parsed == nil { report("cv.json", at: at, "the value of '\(key)' starts like JSON but is not valid JSON") }
        }
        switch key {
        case "where":
            hasWhere = true
            if let clauses = parsed as? [[Any]], isContact {
                for clause in clauses {
                    if let field = clause.first as? String { knownField(field, at: at) }
                }
            }
        case "values":
            if let object = parsed as? [String: Any] {
                for (field, v) in object { values[field] = (v as? String) ?? "\(v)" }
            } else if !json {
                report("cv.type", at: at, "values must be a JSON object, such as values='{\"api_key\":\"...\"}'")
            }
        case "select", "orderBy", "limit", "offset", "checkPermissions", "join", "groupBy", "having", "chain", "language", "match", "records", "defaults", "reload":
            break
        default:
            report("cv.parameter", at: at, "'\(key)' is not an APIv4 parameter (where, values, select, orderBy, limit…)")
        }
    }

    private mutating func knownField(_ name: String, at: SourceLocation) {
        let base = name.split(separator: ".").first.map(String.init) ?? name
        if base != "*" && CvCatalog.contactFields[base] == nil && !base.hasPrefix("email") && !base.contains(":") {
            report("cv.field", at: at, "Contact has no field '\(name)'")
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
        report("cv.syntax", at: at, "'\(clause)' is not a condition of the form 'field OP value', such as 'id = 100'")
    }

    // MARK: - Values

    private mutating func checkValue(_ value: String, field: CvCatalog.Field, version: Int, at: SourceLocation) {
        if Self.isPlaceholder(value) { return }
        switch field.type {
        case .id:
            if Int(value).map({ $0 <= 0 }) ?? true {
                report("cv.type", at: at, "\(field.name) must be a positive whole number, not '\(value)'")
            }
        case .integer:
            if Int(value) == nil { report("cv.type", at: at, "\(field.name) must be a whole number, not '\(value)'") }
        case .boolean:
            if !["0", "1", "true", "false"].contains(value.lowercased()) {
                report("cv.type", at: at, "\(field.name) must be 0 or 1, not '\(value)'")
            }
        case .choice(let options):
            if !options.contains(value) {
                report("cv.type", at: at, "\(field.name) must be one of \(options.joined(separator: ", ")), not '\(value)'")
            }
        case .date:
            if value.first?.isNumber != true && !["now", "today"].contains(value.lowercased()) {
                report("cv.type", at: at, "\(field.name) must be a date, not '\(value)'")
            }
        case .text(let maxLength):
            if field.name == "api_key" {
                checkApiKey(value, version: version, at: at)
            } else if value.count > maxLength {
                report("cv.too-long", at: at, "\(field.name) is \(value.count) characters; the field holds \(maxLength)")
            }
        case .longText:
            break
        }
    }

    private mutating func checkApiKey(_ key: String, version: Int, at: SourceLocation) {
        let length = key.unicodeScalars.count
        for finding in validator.findings(for: key, checkPublished: false) where finding.severity == .error {
            if finding.rule == .tooLong {
                let capacity = validator.policy.storage.capacity
                let message = version == 3
                    ? "cv api fails: \"Value for api_key is \(length) characters - This field has a maxlength of \(capacity) characters.\" (APIv3 error 2100)"
                    : "the key is \(length) characters; APIv4 saves only its first \(capacity - 3) characters plus \"...\", silently, and the saved key no longer matches"
                report(Rule.tooLong.rawValue, at: at, message)
            } else {
                report(finding.rule.rawValue, at: at, "api_key: " + finding.message)
            }
        }
        assigned(key, at: at)
    }
}

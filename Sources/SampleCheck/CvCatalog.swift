import DocModel

/// What `cv` can call: entities and actions of APIv3 and APIv4, and the Contact entity's
/// fields with their types and limits, as CiviCRM's schema defines them.
public enum CvCatalog {
    /// A field's type.
    public enum FieldType: Sendable, Equatable {
        /// A positive integer (an id).
        case id
        /// An integer.
        case integer
        /// Text of at most this many characters.
        case text(maxLength: Int)
        /// Text with no set limit.
        case longText
        /// 0 or 1 (APIv3 also takes true and false).
        case boolean
        /// A date or date-time.
        case date
        /// One of these values.
        case choice([String])
    }

    /// One field.
    public struct Field: Sendable {
        public var name: String
        public var type: FieldType
    }

    /// Contact's fields (`civicrm_contact` columns, plus APIv3's `contact_id` alias and `email`).
    public static let contactFields: [String: Field] = {
        let list: [(String, FieldType)] = [
            ("id", .id), ("contact_type", .choice(["Individual", "Organization", "Household"])),
            ("contact_sub_type", .text(maxLength: 255)), ("do_not_email", .boolean), ("do_not_phone", .boolean),
            ("do_not_mail", .boolean), ("do_not_sms", .boolean), ("do_not_trade", .boolean), ("is_opt_out", .boolean),
            ("legal_identifier", .text(maxLength: 32)), ("external_identifier", .text(maxLength: 64)),
            ("sort_name", .text(maxLength: 128)), ("display_name", .text(maxLength: 128)),
            ("nick_name", .text(maxLength: 128)), ("legal_name", .text(maxLength: 128)), ("image_URL", .longText),
            ("preferred_communication_method", .text(maxLength: 255)), ("preferred_language", .text(maxLength: 5)),
            ("hash", .text(maxLength: 32)), ("api_key", .text(maxLength: 32)), ("source", .text(maxLength: 255)),
            ("first_name", .text(maxLength: 64)), ("middle_name", .text(maxLength: 64)), ("last_name", .text(maxLength: 64)),
            ("prefix_id", .integer), ("suffix_id", .integer), ("formal_title", .text(maxLength: 64)),
            ("communication_style_id", .integer), ("email_greeting_id", .integer), ("postal_greeting_id", .integer),
            ("addressee_id", .integer), ("job_title", .text(maxLength: 255)), ("gender_id", .integer),
            ("birth_date", .date), ("is_deceased", .boolean), ("deceased_date", .date),
            ("household_name", .text(maxLength: 128)), ("primary_contact_id", .id),
            ("organization_name", .text(maxLength: 128)), ("sic_code", .text(maxLength: 8)),
            ("user_unique_id", .text(maxLength: 255)), ("employer_id", .id), ("is_deleted", .boolean),
            ("created_date", .date), ("modified_date", .date), ("preferred_mail_format", .text(maxLength: 8)),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.0, Field(name: $0.0, type: $0.1)) })
    }()

    /// APIv3-only parameters and aliases accepted on Contact.
    public static let contactV3Extras: [String: Field] = [
        "contact_id": Field(name: "contact_id", type: .id),
        "email": Field(name: "email", type: .text(maxLength: 254)),
        "sequential": Field(name: "sequential", type: .boolean),
        "return": Field(name: "return", type: .longText),
        "options": Field(name: "options", type: .longText),
        "check_permissions": Field(name: "check_permissions", type: .boolean),
    ]

    /// Entities cv can name, in APIv4 spelling. Contact's fields are known in detail; the others by name.
    public static let entities: Set<String> = [
        "Contact", "Email", "Phone", "Address", "Website", "IM", "Activity", "ActivityContact", "Group", "GroupContact",
        "Membership", "MembershipType", "Contribution", "ContributionRecur", "Event", "Participant", "Tag", "EntityTag",
        "Note", "Relationship", "RelationshipType", "Case", "Setting", "System", "Domain", "Extension", "Job", "UFMatch",
        "User", "Mailing", "Campaign", "Pledge", "Grant", "CustomField", "CustomGroup", "OptionValue", "OptionGroup",
        "Country", "StateProvince", "Financial", "FinancialType", "PaymentProcessor", "Navigation", "Dashboard", "Cache",
        "SavedSearch", "SearchDisplay", "Afform", "Individual", "Organization", "Household", "Entity", "Permission",
    ]

    /// APIv3 actions (lowercase, as cv takes them).
    public static let actionsV3: Set<String> = [
        "get", "getsingle", "getvalue", "getcount", "create", "delete", "getfields", "getoptions", "getlist",
        "setvalue", "replace", "getactions", "getrefcount", "validate", "flush", "check",
    ]

    /// APIv3 actions of Contact's own, beside the generic ones.
    public static let contactActionsV3: Set<String> = [
        "getquick", "merge", "proximity", "duplicatecheck", "getunique", "type_create", "getmergedfrom", "getmergedto", "get_merge_conflicts",
    ]

    /// APIv4 actions.
    public static let actionsV4: Set<String> = [
        "get", "create", "update", "save", "delete", "replace", "getFields", "getActions", "checkAccess",
        "autocomplete", "export", "getLinks", "validate", "flush", "check", "refresh", "revert", "merge", "getDuplicates",
    ]

    /// Whether `name` is a near miss of Contact (`Contakt`, `contacts`), not another entity.
    public static func misspellsContact(_ name: String) -> Bool {
        entity(v3: name) == nil && NearMiss.of(name, "contact")
    }

    /// The entity as APIv4 spells it for an APIv3 name (`contact` → `Contact`), when known.
    public static func entity(v3 name: String) -> String? {
        entities.first { $0.lowercased() == name.lowercased() }
    }
}

import Foundation

/// The part of CiviCRM's schema that a page's SQL session models, and the rows it starts with:
/// `civicrm_contact` as CiviCRM defines it (the columns a sample may touch, `api_key varchar(32)`
/// with its ordinary index, utf8mb4_unicode_ci), the tables that refer to it, the other tables
/// the guides' SQL touches, and fixture contacts with keys.
enum CiviCRMSchema {
    /// The fixture contacts: id, type, display name, email.
    static let contacts: [(Int, String, String, String)] = [
        (1, "Organization", "Default Organization", "info@example.org"),
        (2, "Individual", "Admin User", "admin@example.org"),
        (3, "Individual", "Ana Example", "ana@example.org"),
        (4, "Individual", "Ben Example", "ben@example.org"),
        (5, "Household", "Example Household", "home@example.org"),
        (100, "Individual", "API User", "api@example.org"),
        (101, "Individual", "Reporting Service", "reports@example.org"),
        (102, "Organization", "Payment Gateway", "gateway@example.org"),
    ]

    /// Keys the fixture contacts start with: one in use, two shared (differing only in case),
    /// and one cut short by APIv4.
    static let contactKeys: [(Int, String)] = [
        (100, "Ut6eIzB8di6FqpeLHbQoThnbalJF3gli"),
        (3, "q8ZtR3wLx5NvB2mK7pJc4HdF9gYs6TaE"),
        (4, "Q8ZTR3WLX5NVB2MK7PJC4HDF9GYS6TAE"),
        (5, "h2Kd9QwE4rTy7UiP3aSf6GjL1zXc8..."),
    ]

    /// The contact table and the two that refer to it, made on every page.
    static let alwaysMade = ["civicrm_contact", "civicrm_email", "civicrm_uf_match"]

    /// The CREATE TABLE statement of each table modelled, from Schema/civicrm.sql: each ends with
    /// a semicolon at a line's end; the comments at its top are not statements.
    static let definitions: [String] = {
        let text = String(decoding: PackageResources.civicrm_sql, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("--") }
        return lines.joined(separator: "\n").components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }()

    /// The tables modelled, by name.
    static let tables = definitions.map { statement in
        String(statement.drop { $0 == " " || $0 == "\n" }.dropFirst("CREATE TABLE ".count).prefix { $0 != " " })
    }

    /// The CMS user of the administrator contact.
    static let userMatch = "INSERT INTO civicrm_uf_match (uf_id, uf_name, contact_id) VALUES (1, 'admin', 2)"

    /// Rows for the other tables: one domain, an option group with values, a group with members.
    static let otherRows = [
        "INSERT INTO civicrm_domain (id, name, description, version, contact_id) VALUES (1, 'Default Domain Name', NULL, '5.69.0', 1)",
        "INSERT INTO civicrm_option_group (id, name, title) VALUES (1, 'activity_type', 'Activity Type')",
        "INSERT INTO civicrm_option_value (option_group_id, label, value, name, weight) VALUES (1, 'Meeting', '1', 'Meeting', 1), (1, 'Phone Call', '2', 'Phone Call', 2)",
        "INSERT INTO civicrm_group (id, name, title, is_active) VALUES (1, 'Administrators', 'Administrators', 1)",
        "INSERT INTO civicrm_group_contact (group_id, contact_id, status) VALUES (1, 2, 'Added'), (1, 3, 'Added')",
        "INSERT INTO civicrm_setting (name, value, domain_id, is_domain) VALUES ('lcMessages', 's:5:\"en_US\";', 1, 1)",
        "INSERT INTO civicrm_job (domain_id, name, api_entity, api_action, is_active) VALUES (1, 'Send Scheduled Mailings', 'job', 'process_mailing', 1)",
        "INSERT INTO civicrm_menu (domain_id, path, title, is_active) VALUES (1, 'civicrm/dashboard', 'CiviCRM Home', 1)",
    ]
}

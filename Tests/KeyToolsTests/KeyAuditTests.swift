import Database
import Foundation
import KeyPolicy
import KeyTools
import Support
import Testing

/// `keydocs key audit` through its library, on a CiviCRM contact table in a private server.
@Suite struct KeyAuditTests {
    /// One server for the suite; stopped, and its folder removed, when the test process exits.
    static let server = Result { () throws(EngineError) -> MariaDBServer in
        atexit { Interrupts.shared.runAll() }
        return try MariaDBServer.start()
    }

    @Test func eachContactWithABadOrSharedKeyIsReported() throws {
        let server = try Self.server.get()
        let admin = try MariaDBConnection(server.admin)
        try admin.run("CREATE DATABASE civicrm")
        try admin.run("CREATE TABLE civicrm.civicrm_contact (id int unsigned PRIMARY KEY, api_key varchar(32))")
        let good = try KeyGenerator().generate(), shared = try KeyGenerator().generate()
        let cut = String(try KeyGenerator().generate().prefix(29)) + "..."
        try admin.run("""
            INSERT INTO civicrm.civicrm_contact VALUES
              (1, '\(good)'), (2, 'short2'), (3, '\(shared)'), (4, '\(shared.uppercased())'), (5, NULL), (6, '\(cut)'), (7, '')
            """)
        var address = server.admin
        address.database = "civicrm"
        let report = try KeyAudit(validator: KeyValidator()).run(address)
        #expect(report.contacts == 7)
        #expect(report.keys == 5)
        #expect(report.shared == [[3, 4]])
        #expect(report.failed)
        let flagged = Dictionary(uniqueKeysWithValues: report.flagged.map { ($0.id, $0) })
        #expect(flagged[2]?.findings.map(\.rule).contains(.keyTooShort) == true)
        #expect(flagged[2]?.keyPrefix == nil && flagged[2]?.keyLength == 6, "a short key is not shown at all")
        #expect(flagged[6]?.findings.first?.rule == .keyTruncated)
        #expect(flagged[1] == nil)
        #expect(report.byRule["key.too-short"] == 1 && report.byRule["key.duplicate"] == 2)
    }

    @Test func aMissingTableIsTheDatabasesError() throws {
        let server = try Self.server.get()
        try MariaDBConnection(server.admin).run("CREATE DATABASE empty")
        var address = server.admin
        address.database = "empty"
        #expect {
            _ = try KeyAudit(validator: KeyValidator()).run(address)
        } throws: { error in
            (error as? EngineError)?.reason.hasPrefix("ERROR 1146 (42S02)") == true
        }
    }
}

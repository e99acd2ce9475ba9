import Database
import Foundation
import KeyPolicy
import Testing

/// Where a server is, as `--mysql` names it, and the passwords of the accounts keydocs makes.
@Suite struct AddressTests {
    @Test func aURLNamesHostPortUserPasswordAndDatabase() throws {
        let address = try #require(MariaDBAddress(url: "mysql://civi:s3cret@db.example.org:3307/civicrm"))
        #expect(address == MariaDBAddress(host: "db.example.org", port: 3307, user: "civi", password: "s3cret", database: "civicrm"))
        let bare = try #require(MariaDBAddress(url: "mariadb://localhost"))
        #expect(bare.user == "root" && bare.port == nil && bare.database == nil && bare.password == nil)
    }

    @Test(arguments: ["https://db.example.org/civicrm", "mysql:///civicrm", "db.example.org:3306", ""])
    func otherTextIsNoAddress(_ text: String) {
        #expect(MariaDBAddress(url: text) == nil)
    }

    @Test func aPasswordFileGivesItsFirstLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-password-\(UUID().uuidString)")
        try "first line \n second\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try MariaDBAddress.password(fromFile: file.path) == "first line ")
    }

    @Test func accountPasswordsAreNewValidKeys() {
        let passwords = (0..<50).map { _ in AccountPassword.random() }
        #expect(Set(passwords).count == passwords.count)
        let validator = KeyValidator()
        for password in passwords {
            #expect(validator.findings(for: password, checkPublished: false).allSatisfy { $0.severity != .error }, "\(password)")
            #expect(password.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "\(password) needs quoting in SQL")
        }
    }
}

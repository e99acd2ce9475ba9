import Foundation
import KeyPolicy

/// The password of an account keydocs makes (the private server's administrator, a page's
/// sample account): a key of CiviCRM's policy, whose letters and digits need no escaping
/// inside SQL's quotes.
public enum AccountPassword {
    /// A new password from the system's random source.
    public static func random() -> String {
        (try? KeyGenerator().generate()) ?? UUID().uuidString
    }
}

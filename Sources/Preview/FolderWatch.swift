import Foundation

/// A cheap fingerprint of files: every path under the watched folders with its size and
/// modification time. Two fingerprints differ when anything was added, removed or changed.
/// Hidden files and folders are left out, as the build leaves them out (an editor's swap
/// file or a half-written temporary file is not a change to the site).
public enum FolderWatch {
    /// The fingerprint of `paths` (folders are walked, files taken as they are).
    public static func fingerprint(_ paths: [String]) -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for root in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? (fm.enumerator(atPath: root)?.allObjects as? [String] ?? [])
                    .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
                    .map { root + "/" + $0 }
                : [root]
            for file in files {
                guard let attributes = try? fm.attributesOfItem(atPath: file) else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[file] = "\(size):\(modified)"
            }
        }
        return result
    }
}

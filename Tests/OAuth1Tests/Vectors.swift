import Foundation

/// Reads files of `/work/shared/vectors` (../../../shared/vectors from the repository root), resolving
/// the symlinks a development package may put between `#filePath` and the real tree.
enum Vectors {
    static func read(_ name: String, filePath: String = #filePath) throws -> String {
        let resolved = URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
        // <root>/Tests/OAuth1Tests/<file> -> <root>/../shared/vectors/<name>
        let root = resolved.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.deletingLastPathComponent().appendingPathComponent("shared/vectors/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }
}

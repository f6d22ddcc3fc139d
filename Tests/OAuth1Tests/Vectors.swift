import Foundation

/// Reads files of the test vectors kept in the repository (`Tests/Vectors`), resolving the symlinks a
/// development package may put between `#filePath` and the real tree.
enum Vectors {
    static func read(_ name: String, filePath: String = #filePath) throws -> String {
        let resolved = URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
        // <root>/Tests/OAuth1Tests/<file> -> <root>/Tests/Vectors/<name>
        let root = resolved.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Tests/Vectors/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }
}

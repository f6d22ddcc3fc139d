import Foundation

/// Reads files of the test vectors kept in the repository (`Tests/Vectors`), resolving the
/// symlinks a development package may put between `#filePath` and the real tree.
enum Vectors {
    static func read(_ name: String) throws -> String {
        let resolved = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        // <root>/Tests/OAuthClientTests/Support/<file> -> <root>/Tests/Vectors/<name>
        var root = resolved
        for _ in 0..<4 { root = root.deletingLastPathComponent() }
        let url = root.appendingPathComponent("Tests/Vectors/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// One versioned step of the schema. Applied once, in version order, inside a transaction
/// together with the row that records it.
public struct Migration: Sendable {
    /// Increasing, never reused.
    public let version: Int
    /// A short name for the log.
    public let name: String
    /// The statements for each engine, run in order.
    public let statements: @Sendable (SQLStore.Engine) -> [String]

    /// Creates a migration.
    public init(version: Int, name: String, statements: @escaping @Sendable (SQLStore.Engine) -> [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }
}

import FoundationEssentials

/// Times are stored as whole Unix seconds in `BIGINT` columns.
enum UnixTime {
    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
    static func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}

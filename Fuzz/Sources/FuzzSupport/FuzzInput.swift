import FoundationEssentials

/// A fuzz input read as a small text document, so that seeds stay readable and the fuzzer can still
/// reach every byte:
///
/// ```
/// <field 0>\n
/// <field 1>\n            (as many leading lines as the harness asks for)
/// Name: value\n          (header lines, up to the first empty line)
/// \n
/// <body: every remaining byte, raw>
/// ```
///
/// Fields and header lines are decoded as UTF-8 with invalid bytes replaced (the parsers under test
/// take `String`s there, as the HTTP layer hands them over); a trailing `\r` is dropped. Missing
/// parts are empty.
public struct FuzzInput: Sendable {
    /// The leading lines.
    public var fields: [String]
    /// The header lines, split at the first `:`, the value's leading spaces dropped, in order.
    public var headers: [(name: String, value: String)]
    /// The bytes after the empty line that ends the headers.
    public var body: [UInt8]

    /// Splits `bytes` into `fieldCount` leading lines, header lines and a body.
    public init(_ bytes: UnsafeBufferPointer<UInt8>, fieldCount: Int) {
        var index = 0
        func nextLine() -> [UInt8]? {
            guard index < bytes.count else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            var line = Array(bytes[start..<index])
            if index < bytes.count { index += 1 }
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            return line
        }
        var fields: [String] = []
        for _ in 0..<fieldCount {
            fields.append(nextLine().map { String(decoding: $0, as: UTF8.self) } ?? "")
        }
        var headers: [(name: String, value: String)] = []
        while let line = nextLine(), !line.isEmpty {
            let text = String(decoding: line, as: UTF8.self)
            if let colon = text.firstIndex(of: ":") {
                let value = text[text.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
                headers.append((String(text[..<colon]), String(value)))
            } else {
                headers.append((text, ""))
            }
        }
        self.fields = fields
        self.headers = headers
        self.body = index < bytes.count ? Array(bytes[index...]) : []
    }

    /// The headers as a dictionary; for a repeated name the first value wins.
    public var headerDictionary: [String: String] {
        var dictionary: [String: String] = [:]
        for (name, value) in headers where dictionary[name] == nil { dictionary[name] = value }
        return dictionary
    }

    /// The body decoded as UTF-8, invalid bytes replaced.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Stops the fuzzer with a message: a harness invariant (an oracle) does not hold.
///
/// libFuzzer saves the input as a crash artifact, as for any other crash.
public func fuzzFailure(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError("fuzz invariant violated: \(message())", file: file, line: line)
}

/// Whether `FUZZ_VERBOSE` is set: the harnesses then print what each input led to (a response
/// status, an error), to check by hand that a seed reaches the code it was written for:
/// `FUZZ_VERBOSE=1 .build-fuzz/debug/FuzzOAuth1 -runs=1 Fuzz/Corpus/FuzzOAuth1/seed-token-hmac`.
public let isVerbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

/// Prints `message` when ``isVerbose``.
public func verbose(_ message: @autoclosure () -> String) {
    guard isVerbose else { return }
    print(message())
}

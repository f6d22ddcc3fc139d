/// A same-origin path to redirect to after a step such as login (`?next=/account`), or nothing:
/// never an open redirector (RFC 9700 §4.11, RFC 6749 §10.15).
///
/// The candidate is refused unless it is a path on this site: it must start with a single `/` (not
/// `//` or `/\`, which browsers read as another host), and it may hold no control character, no
/// whitespace and no backslash anywhere (browsers strip tabs and newlines, so `/\t/evil.example`
/// would become `//evil.example`). What is accepted is re-serialized, each part percent-encoded as
/// RFC 3986 allows, so the `Location` header says exactly what was checked.
///
/// ```swift
/// let next = LocalRedirectPath(form["next"])?.value ?? "/"
/// return .redirect(to: next)
/// ```
public struct LocalRedirectPath: Sendable, Hashable {
    /// The path, with its query and fragment, ready for a `Location` header.
    public let value: String

    /// The longest candidate accepted, in bytes.
    public static let maximumLength = 2048

    /// Checks and re-serializes `candidate`; `nil` when it is absent or not a local path.
    public init?(_ candidate: String?) {
        guard let candidate, candidate.utf8.count <= Self.maximumLength else { return nil }
        var scalars = candidate.unicodeScalars.makeIterator()
        guard scalars.next() == "/" else { return nil }
        if let second = scalars.next(), second == "/" || second == "\\" { return nil }
        for scalar in candidate.unicodeScalars where Self.isForbidden(scalar) { return nil }

        // path [? query] [# fragment], each percent-encoded where RFC 3986 does not allow the byte.
        var output = ""
        var part = Part.path
        for scalar in candidate.unicodeScalars {
            if part == .path, scalar == "?" {
                part = .query
                output.append("?")
                continue
            }
            if part != .fragment, scalar == "#" {
                part = .fragment
                output.append("#")
                continue
            }
            Self.append(scalar, in: part, to: &output)
        }
        guard output.hasPrefix("/"), !output.hasPrefix("//") else { return nil }
        value = output
    }

    private enum Part { case path, query, fragment }

    /// Control characters (C0, DEL, C1), every Unicode white space and the backslash.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\\"
            || scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    }

    private static func append(_ scalar: Unicode.Scalar, in part: Part, to output: inout String) {
        if scalar == "%" || isAllowed(scalar, in: part) {
            output.unicodeScalars.append(scalar)
            return
        }
        for byte in String(scalar).utf8 {
            output.append("%")
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    /// RFC 3986 §3.3 pchar plus `/`; queries and fragments also allow `?` (and `/`).
    private static func isAllowed(_ scalar: Unicode.Scalar, in part: Part) -> Bool {
        guard scalar.isASCII else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=",
            ":", "@", "/":
            return true
        case "?": return part != .path
        default: return false
        }
    }

    private static let hexDigits: [Character] = Array("0123456789ABCDEF")
}

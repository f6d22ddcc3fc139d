public import FoundationEssentials

/// Base64url without padding (RFC 4648 §5), as PKCE challenges (RFC 7636 §4.2), signed cookies and
/// JSON Web formats use it.
public enum Base64URL {
    /// Encodes `data` with the URL-safe alphabet and no `=` padding.
    public static func encode(_ data: some DataProtocol) -> String {
        var bytes = Array(Data(data).base64EncodedString().utf8)
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        return String(decoding: bytes.map(urlSafe), as: UTF8.self)
    }

    /// `+` → `-`, `/` → `_`; other bytes unchanged.
    private static func urlSafe(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "+"): UInt8(ascii: "-")
        case UInt8(ascii: "/"): UInt8(ascii: "_")
        default: byte
        }
    }

    /// `-` → `+`, `_` → `/`; other bytes unchanged.
    private static func standard(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "-"): UInt8(ascii: "+")
        case UInt8(ascii: "_"): UInt8(ascii: "/")
        default: byte
        }
    }

    /// Decodes base64url text, padded or not; `nil` for anything else.
    public static func decode(_ text: String) -> Data? {
        guard text.utf8.allSatisfy({ PercentEncoding.isUnreserved($0) && $0 != UInt8(ascii: ".") && $0 != UInt8(ascii: "~") }) else {
            return nil
        }
        var base64 = String(decoding: text.utf8.map(standard), as: UTF8.self)
        let remainder = base64.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64)
    }
}

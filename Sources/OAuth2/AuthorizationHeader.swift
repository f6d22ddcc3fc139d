/// The one parser of the `Authorization` header: ``OAuth2Request/authorizationScheme``,
/// ``OAuth2Request/bearerToken``, ``OAuth2Request/basicCredentials()`` and the resource protector's
/// bearer check all read it through ``OAuth2Request/authorization``.
///
/// It works on the bytes: this runs on every protected call, and character-level trimming cost more
/// than the rest of the bearer check.
enum AuthorizationHeader {
    /// Splits a header value into its lower-cased scheme (up to the first space) and its
    /// credentials (after the first space, spaces and tabs trimmed).
    ///
    /// - Returns: `nil` for a blank value; `credentials` is `nil` when nothing follows the scheme.
    static func split(_ value: String) -> (scheme: String, credentials: String?)? {
        var value = value
        return value.withUTF8 { bytes -> (scheme: String, credentials: String?)? in
            let space = UInt8(ascii: " ")
            let tab = UInt8(ascii: "\t")
            guard let schemeStart = bytes.firstIndex(where: { $0 != space }) else { return nil }
            let schemeEnd = bytes[schemeStart...].firstIndex(of: space) ?? bytes.endIndex
            let scheme = lowercased(UnsafeBufferPointer(rebasing: bytes[schemeStart..<schemeEnd]))
            guard let firstSpace = bytes.firstIndex(of: space) else { return (scheme, nil) }
            var start = firstSpace + 1
            var end = bytes.endIndex
            while start < end, bytes[start] == space || bytes[start] == tab { start += 1 }
            while end > start, bytes[end - 1] == space || bytes[end - 1] == tab { end -= 1 }
            guard start < end else { return (scheme, nil) }
            return (scheme, String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        }
    }

    /// UTF-8 bytes as a lower-cased string: ASCII without `String.lowercased()`'s Unicode machinery,
    /// anything else with it.
    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            for (index, byte) in bytes.enumerated() {
                output[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            }
            return bytes.count
        }
    }
}

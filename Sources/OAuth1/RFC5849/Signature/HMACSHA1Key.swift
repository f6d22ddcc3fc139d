import Crypto
import FoundationEssentials
import GatehouseCommon

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An HMAC-SHA1 key (RFC 2104) made ready once: the SHA-1 states that have absorbed the key XOR
/// ipad and the key XOR opad blocks. HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)), so each
/// message costs a copy of both states and their updates.
///
/// swift-crypto's `HMAC<Insecure.SHA1>` computes the same code, but its `update(data:)` is generic
/// over `DataProtocol` and, called from another module, runs unspecialised on every request;
/// `Insecure.SHA1.update(bufferPointer:)` is a plain call into BoringSSL. The tests check both
/// against each other and against RFC 2202's vectors.
struct HMACSHA1Key: Sendable {
    private let inner: Insecure.SHA1
    private let outer: Insecure.SHA1

    /// Keys the two states with `key`; a key longer than the block is hashed first (RFC 2104 §2).
    init(key: UnsafeRawBufferPointer) {
        let blockSize = Insecure.SHA1.blockByteCount
        var block = [UInt8](repeating: 0, count: blockSize)
        if key.count > blockSize {
            Insecure.SHA1.hash(data: key).withUnsafeBytes { block.replaceSubrange(0..<$0.count, with: $0) }
        } else {
            block.replaceSubrange(0..<key.count, with: key)
        }
        var inner = Insecure.SHA1()
        var outer = Insecure.SHA1()
        block.map { $0 ^ 0x36 }.withUnsafeBytes { inner.update(bufferPointer: $0) }
        block.map { $0 ^ 0x5C }.withUnsafeBytes { outer.update(bufferPointer: $0) }
        self.inner = inner
        self.outer = outer
    }

    /// The authentication code of `text`.
    func authenticationCode(for text: UnsafeRawBufferPointer) -> Insecure.SHA1Digest {
        var inner = self.inner
        inner.update(bufferPointer: text)
        var outer = self.outer
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }

    /// The base64 (RFC 4648 §4, padded) of the authentication code of `text`, handed to `body`
    /// from a stack buffer.
    func withBase64AuthenticationCode<Result>(
        for text: String,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        let digest = text.withContiguousUTF8 { authenticationCode(for: UnsafeRawBufferPointer($0)) }
        return digest.withUnsafeBytes { code in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: (code.count + 2) / 3 * 4) { output in
                body(UnsafeBufferPointer(rebasing: output[0..<Self.base64(code, into: output)]))
            }
        }
    }

    /// Writes the padded base64 of `bytes` into `output` (room for 4 per 3 bytes, rounded up);
    /// returns the count written.
    private static func base64(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        let symbols = alphabet.utf8Start
        func symbol(_ value: UInt8) -> UInt8 { symbols[Int(value & 0x3F)] }
        var written = 0
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = bytes[index]
            let second = remaining > 1 ? bytes[index + 1] : 0
            let third = remaining > 2 ? bytes[index + 2] : 0
            output[written] = symbol(first >> 2)
            output[written + 1] = symbol((first & 0x03) << 4 | second >> 4)
            output[written + 2] = remaining > 1 ? symbol((second & 0x0F) << 2 | third >> 6) : UInt8(ascii: "=")
            output[written + 3] = remaining > 2 ? symbol(third & 0x3F) : UInt8(ascii: "=")
            written += 4
            index += 3
        }
        return written
    }
}

/// HMAC-SHA1 keys already made ready (``HMACSHA1Key``), by the two secrets: a protected resource
/// is called again and again with the same client and token secrets, and keying (padding the key,
/// hashing both pads) cost as much as authenticating the base string. Bounded: when full, the
/// table starts over.
///
/// The secrets are compared by their UTF-8 bytes, not with `String`'s `==`: two secrets that are
/// only canonically equivalent encode to different keys and must not share an entry.
final class HMACSHA1KeyStates: Sendable {
    static let shared = HMACSHA1KeyStates(capacity: 1024)

    private struct Secrets: Hashable {
        var client: String
        var token: String

        static func == (lhs: Self, rhs: Self) -> Bool {
            sameBytes(lhs.client, rhs.client) && sameBytes(lhs.token, rhs.token)
        }

        func hash(into hasher: inout Hasher) {
            client.withContiguousUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(0xFF as UInt8)  // not a UTF-8 byte: separates the two secrets
            token.withContiguousUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }

        private static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
            lhs.withContiguousUTF8 { left in
                rhs.withContiguousUTF8 { right in
                    guard left.count == right.count else { return false }
                    guard let a = left.baseAddress, let b = right.baseAddress else { return true }
                    return memcmp(a, b, left.count) == 0
                }
            }
        }
    }

    private struct Table {
        var keys: [Secrets: HMACSHA1Key] = [:]
        /// The key found last: a server usually sees the same client and token again, and comparing
        /// the secrets' bytes is cheaper than hashing them.
        var last: (secrets: Secrets, key: HMACSHA1Key)?
    }

    private let table = LockedValue(Table())
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The key of RFC 5849 §3.4.2 for these secrets (`encode(client secret)&encode(token secret)`),
    /// from the table or made and kept.
    func key(clientSecret: String, tokenSecret: String) -> HMACSHA1Key {
        let secrets = Secrets(client: clientSecret, token: tokenSecret)
        let found = table.withLock { table -> HMACSHA1Key? in
            if let last = table.last, last.secrets == secrets { return last.key }
            guard let key = table.keys[secrets] else { return nil }
            table.last = (secrets, key)
            return key
        }
        if let found { return found }
        var text = PercentEncoding.encode(clientSecret) + "&" + PercentEncoding.encode(tokenSecret)
        let key = text.withUTF8 { HMACSHA1Key(key: UnsafeRawBufferPointer($0)) }
        table.withLock { table in
            if table.keys.count >= capacity { table.keys.removeAll(keepingCapacity: true) }
            table.keys[secrets] = key
            table.last = (secrets, key)
        }
        return key
    }
}

import Crypto
import Foundation
import GatehouseCommon
import NIOPosix
import _CryptoExtras

/// Slow, salted password hashes with scrypt (swift-crypto's `KDF.Scrypt`), stored with their
/// parameters (`scrypt$N$r$p$salt$hash`, base64url) so the cost can be raised later without
/// invalidating existing hashes: a login with an old-cost hash verifies, then is re-hashed.
struct PasswordHasher: Sendable {
    /// CPU/memory cost (N), block size (r) and parallelism (p). N=2^15, r=8: ~32 MiB and tens of
    /// milliseconds per hash, OWASP's scrypt baseline.
    var cost = 1 << 15
    var blockSize = 8
    var parallelism = 1

    /// The most memory one derivation may take (256 MiB): a stored hash asking for more never matches.
    static let maximumMemory = 256 * 1024 * 1024

    /// Hashes `password` with a fresh 16-byte salt. Runs on NIO's blocking thread pool: it is
    /// deliberately slow and must not stall an event loop.
    func hash(_ password: String) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let (cost, blockSize, parallelism) = (self.cost, self.blockSize, self.parallelism)
        let digest = try await NIOThreadPool.singleton.runIfActive {
            try Self.derive(password, salt: salt, cost: cost, blockSize: blockSize, parallelism: parallelism)
        }
        return ["scrypt", String(cost), String(blockSize), String(parallelism), Base64URL.encode(salt), Base64URL.encode(digest)]
            .joined(separator: "$")
    }

    /// Whether `password` matches `stored`, compared in constant time. A malformed stored value
    /// (a cost that is not a power of two, or parameters needing more than ``maximumMemory``)
    /// never matches, nor does a password holding a NUL byte: scrypt's inner HMAC pads short keys
    /// with zeros, so `secret` and `secret\0` would derive the same key.
    func verify(_ password: String, against stored: String) async throws -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard !password.utf8.contains(0), parts.count == 6, parts[0] == "scrypt",
            let cost = Int(parts[1]), let blockSize = Int(parts[2]), let parallelism = Int(parts[3]),
            cost > 1, cost <= 1 << 20, cost & (cost - 1) == 0, blockSize > 0, blockSize <= 32, parallelism > 0, parallelism <= 16,
            // scrypt needs 128 · N · r bytes; swift-crypto ignores `maxMemory`, so the bound is kept here.
            128 * cost * blockSize <= Self.maximumMemory,
            let salt = Base64URL.decode(parts[4]), let expected = Base64URL.decode(parts[5])
        else { return false }
        let digest = try await NIOThreadPool.singleton.runIfActive {
            try Self.derive(password, salt: Array(salt), cost: cost, blockSize: blockSize, parallelism: parallelism)
        }
        return ConstantTimeComparison.isEqual(digest, Array(expected))
    }

    /// Whether `stored` was made with weaker parameters than this hasher's (re-hash on login).
    func needsRehash(_ stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 6, let cost = Int(parts[1]), let blockSize = Int(parts[2]) else { return true }
        return cost < self.cost || blockSize < self.blockSize
    }

    private static func derive(_ password: String, salt: [UInt8], cost: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8),
            salt: salt,
            outputByteCount: 32,
            rounds: cost,
            blockSize: blockSize,
            parallelism: parallelism,
            maxMemory: maximumMemory
        )
        return key.withUnsafeBytes { Array($0) }
    }
}

import Foundation
import GatehouseCommon
import Testing

@testable import DemoModel

/// DemoApp's `PasswordHasher` (RFC 6749 §10.10: end-user passwords get other protection than
/// tokens): scrypt with a random salt, stored with its parameters; wrong passwords and malformed
/// stored values never match.
struct PasswordHasherTests {
    /// A cheaper cost than the default, so the tests do not spend their time in scrypt.
    static let cheap = PasswordHasher(cost: 1 << 10, blockSize: 8, parallelism: 1)

    @Test func theDefaultHashIsScryptWithItsParametersARandomSaltAndAKey() async throws {
        let hasher = PasswordHasher()
        let stored = try await hasher.hash("correct horse battery staple")
        let parts = stored.split(separator: "$").map(String.init)
        #expect(parts.count == 6)
        #expect(Array(parts.prefix(4)) == ["scrypt", "32768", "8", "1"])  // N = 2^15, r = 8, p = 1
        #expect(try #require(Base64URL.decode(parts[4])).count == 16)
        #expect(try #require(Base64URL.decode(parts[5])).count == 32)
        #expect(!stored.contains("correct horse"))
        #expect(try await hasher.verify("correct horse battery staple", against: stored))
        #expect(try await !hasher.verify("correct horse battery stapler", against: stored))
        #expect(!hasher.needsRehash(stored))
    }

    @Test func theSamePasswordHashesDifferentlyEachTime() async throws {
        let first = try await Self.cheap.hash("s3cret-password")
        let second = try await Self.cheap.hash("s3cret-password")
        #expect(first != second)
        #expect(first.split(separator: "$")[4] != second.split(separator: "$")[4])  // a fresh salt
        #expect(try await Self.cheap.verify("s3cret-password", against: first))
        #expect(try await Self.cheap.verify("s3cret-password", against: second))
    }

    @Test func wrongPasswordsAreRefused() async throws {
        let stored = try await Self.cheap.hash("s3cret-password")
        for wrong in ["", "s3cret-passwore", "S3cret-password", "s3cret-password ", "s3cret-passwor", "s3cret-password\0"] {
            #expect(try await !Self.cheap.verify(wrong, against: stored), "\(wrong.debugDescription)")
        }
        // A hash of the right password made with other parameters still verifies: they are read from it.
        #expect(try await PasswordHasher().verify("s3cret-password", against: stored))
        #expect(PasswordHasher().needsRehash(stored))
    }

    @Test func malformedStoredValuesNeverMatch() async throws {
        let stored = try await Self.cheap.hash("s3cret-password")
        let parts = stored.split(separator: "$").map(String.init)
        func with(_ index: Int, _ value: String) -> String {
            var changed = parts
            changed[index] = value
            return changed.joined(separator: "$")
        }
        let malformed = [
            "", "s3cret-password", "scrypt", parts.prefix(5).joined(separator: "$"), stored + "$extra",
            with(0, "bcrypt"), with(1, "many"), with(1, "1"), with(1, "0"), with(1, "-1024"), with(1, String(1 << 21)),
            with(2, "0"), with(2, "33"), with(3, "0"), with(3, "17"), with(4, "not base64!"), with(5, "not base64!"),
            with(5, Base64URL.encode(Data(repeating: 0, count: 32))),  // well formed, another key
            with(4, Base64URL.encode(Data(repeating: 0, count: 16))),  // well formed, another salt
        ]
        for value in malformed {
            #expect(try await !Self.cheap.verify("s3cret-password", against: value), "\(value)")
        }
        // A cost that is not a power of two, and parameters asking for more than 256 MiB, are refused
        // before scrypt runs: no error, no huge allocation, just no match.
        #expect(try await !Self.cheap.verify("s3cret-password", against: with(1, "1000")))
        var huge = parts
        huge[1] = String(1 << 20)  // 128 · 2^20 · 32 bytes = 4 GiB
        huge[2] = "32"
        #expect(try await !Self.cheap.verify("s3cret-password", against: huge.joined(separator: "$")))
    }
}

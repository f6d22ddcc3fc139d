import GatehouseCommon
public import GatehouseJOSE
import SQLKit

extension SQLStore {
    /// The signing keys in `oauth2_signing_keys`: every algorithm's current key, and the keys
    /// being retired whose overlap has not ended.
    ///
    /// - Parameter sealer: opens the sealed private keys (keyed from `SECRET_KEY`).
    /// - Throws: ``StoreError``; ``SecretSealer/OpenFailed`` when a key was sealed with another secret.
    public func signingKeys(sealer: SecretSealer) async throws -> (current: [SigningKey], retiring: [SigningKey]) {
        let now = clock.unixSeconds
        let rows = try await read { database in
            try await database.raw(
                "SELECT kid, alg, private_key, retire_at FROM oauth2_signing_keys WHERE retire_at IS NULL OR retire_at > \(bind: now) ORDER BY created_at"
            ).all().map {
                (
                    try $0.decode(column: "kid", as: String.self), try $0.decode(column: "alg", as: String.self),
                    try $0.decode(column: "private_key", as: String.self), try $0.decode(column: "retire_at", as: Int?.self)
                )
            }
        }
        var current: [SigningKey] = []
        var retiring: [SigningKey] = []
        for (kid, alg, sealed, retireAt) in rows {
            guard let algorithm = SigningAlgorithm(rawValue: alg) else { continue }  // a later version's algorithm
            let key = try SigningKey(algorithm: algorithm, privateKeyPEM: try sealer.open(sealed, context: Self.sealingContext(kid)))
            if retireAt == nil { current.append(key) } else { retiring.append(key) }
        }
        return (current, retiring)
    }

    /// The frozen ``/GatehouseJOSE/KeySet`` of ``signingKeys(sealer:)``.
    public func keySet(sealer: SecretSealer) async throws -> KeySet {
        let (current, retiring) = try await signingKeys(sealer: sealer)
        return try await KeySet(current: current, retiring: retiring)
    }

    /// Makes a current key for each of `algorithms` that has none (a first start). Safe on several
    /// nodes at once: one key per algorithm wins, the others' inserts do nothing.
    ///
    /// - Returns: the keys this call created.
    @discardableResult
    public func ensureSigningKeys(_ algorithms: [SigningAlgorithm], sealer: SecretSealer) async throws -> [SigningKey] {
        let existing = try await read { database in
            try await database.raw("SELECT alg FROM oauth2_signing_keys WHERE retire_at IS NULL").all().map {
                try $0.decode(column: "alg", as: String.self)
            }
        }
        var created: [SigningKey] = []
        for algorithm in algorithms where !existing.contains(algorithm.rawValue) {
            let key = try SigningKey.generate(algorithm)
            if try await insert(key, sealer: sealer, retiringCurrentAt: nil) { created.append(key) }
        }
        return created
    }

    /// Rotates `algorithm`'s key: a new key becomes current at once, and the previous one keeps
    /// verifying, and stays in the JWKS, for `retireAfter` seconds, so tokens it signed still verify.
    ///
    /// - Returns: the new current key.
    @discardableResult
    public func rotateSigningKey(_ algorithm: SigningAlgorithm, retireAfter: Int, sealer: SecretSealer) async throws -> SigningKey {
        let key = try SigningKey.generate(algorithm)
        guard try await insert(key, sealer: sealer, retiringCurrentAt: clock.unixSeconds + max(0, retireAfter)) else {
            throw StoreError.failed("another rotation of the \(algorithm.rawValue) key ran at the same time; run it again")
        }
        return key
    }

    /// Inserts `key` as current, first retiring the current key of its algorithm at `retireAt`
    /// when given; `false` when another node's key is current already (and `retireAt` is `nil`).
    private func insert(_ key: SigningKey, sealer: SecretSealer, retiringCurrentAt retireAt: Int?) async throws -> Bool {
        let sealed = try sealer.seal(key.privateKeyPEM, context: Self.sealingContext(key.kid))
        let now = clock.unixSeconds
        return try await write { database in
            if let retireAt {
                try await database.raw(
                    "UPDATE oauth2_signing_keys SET retire_at = \(bind: retireAt) WHERE alg = \(bind: key.algorithm.rawValue) AND retire_at IS NULL"
                ).run()
            }
            return try await database.raw(
                """
                INSERT INTO oauth2_signing_keys (kid, alg, private_key, created_at, retire_at)
                VALUES (\(bind: key.kid), \(bind: key.algorithm.rawValue), \(bind: sealed), \(bind: now), NULL)
                ON CONFLICT DO NOTHING RETURNING kid
                """
            ).first() != nil
        }
    }

    /// The authenticated data a private key is sealed with: its table and `kid`.
    static func sealingContext(_ kid: String) -> String { "oauth2_signing_keys\u{0}" + kid }
}
